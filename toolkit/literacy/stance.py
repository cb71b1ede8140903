"""Cue stance: how the reporter's choice of reporting verb colours a claim.

"said" is neutral; "noted" or "revealed" present the content as true (endorsing); "claimed" or
"insisted" cast doubt; "admitted" implies guilt; "denied" and "accused" mark denials and
accusations; "believes" reports an inner belief the reporter cannot observe.
"""

from __future__ import annotations

from ..types import CueStance
from .lexicon import cue_classes

__all__ = ["CUE_STANCE_BY_CLAIM_STANCE", "cue_stance", "verb_lemmas"]

# When the cue word is not in the lexicon, the claim's own stance is the best guess.
# Keyed by claim stance (toolkit.types.Stance).
CUE_STANCE_BY_CLAIM_STANCE: dict[str, CueStance] = {"deny": "denial", "accuse": "accusation"}
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write", "thought": "think", "felt": "feel", "found": "find", "showed": "show", "shown": "show", "spoke": "speak", "spoken": "speak", "written": "write"}


def verb_lemmas(form: str) -> list[str]:
    """Return the lemmas a verb form as written may have, most likely first (no parse needed).

    >>> verb_lemmas("said")[0], "deny" in verb_lemmas("denied"), "admit" in verb_lemmas("admitted")
    ('say', True, True)
    >>> "speak" in verb_lemmas("speaking"), "describe" in verb_lemmas("describing")
    (True, True)
    """
    head = form.lower()
    cands = [_IRREGULAR.get(head, head)]
    if head.endswith("ied"):
        cands.append(head[:-3] + "y")
    if head.endswith("ed"):
        cands += [head[:-2], head[:-3]]  # "claimed", "admitted"
    if head.endswith(("s", "d")):
        cands.append(head[:-1])
    if head.endswith("ing"):
        cands += [head[:-3], head[:-3] + "e", head[:-4]]  # "saying", "describing", "admitting"
    return cands


def cue_stance(lemma: str | None, stance: str | None = None) -> str:
    """Return the stance class of a reporting cue (``cue_stance.tsv``), falling back on the claim stance.

    >>> cue_stance("note"), cue_stance("Point out"), cue_stance("say", "deny"), cue_stance(None, "deny")
    ('endorsing', 'endorsing', 'neutral', 'denial')
    """
    key = " ".join(str(lemma or "").lower().split())
    classes = cue_classes()
    head, _, rest = key.partition(" ")
    # Cues as written ("pointed out", "claims") when no lemma was given: strip common inflections.
    for cand in verb_lemmas(head):
        form = f"{cand} {rest}".strip() if cand else ""
        if form in classes:
            return classes[form]
    return CUE_STANCE_BY_CLAIM_STANCE.get(str(stance or ""), "neutral")
