"""Cue stance: how the reporter's choice of reporting verb colours a claim.

"said" is neutral; "noted" or "revealed" present the content as true (endorsing); "claimed" or
"insisted" cast doubt; "admitted" implies guilt; "denied" and "accused" mark denials and
accusations; "believes" reports an inner belief the reporter cannot observe.
"""

from __future__ import annotations

from .lexicon import cue_classes

__all__ = ["CUE_STANCE_BY_CLAIM_STANCE", "cue_stance"]

# When the cue word is not in the lexicon, the claim's own stance is the best guess.
CUE_STANCE_BY_CLAIM_STANCE = {"deny": "denial", "accuse": "accusation"}
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write", "thought": "think", "felt": "feel", "found": "find", "showed": "show", "shown": "show"}


def cue_stance(lemma: str | None, stance: str | None = None) -> str:
    """Return the stance class of a reporting cue (``cue_stance.tsv``), falling back on the claim stance.

    >>> cue_stance("note"), cue_stance("Point out"), cue_stance("say", "deny"), cue_stance(None, "deny")
    ('endorsing', 'endorsing', 'neutral', 'denial')
    """
    key = " ".join(str(lemma or "").lower().split())
    classes = cue_classes()
    head, _, rest = key.partition(" ")
    # Cues as written ("pointed out", "claims") when no lemma was given: strip common inflections.
    cands = [_IRREGULAR.get(head, head)]
    if head.endswith("ied"):
        cands.append(head[:-3] + "y")
    if head.endswith("ed"):
        cands += [head[:-2], head[:-3]]  # "claimed", "admitted"
    if head.endswith(("s", "d")):
        cands.append(head[:-1])
    for cand in cands:
        form = f"{cand} {rest}".strip() if cand else ""
        if form in classes:
            return classes[form]
    return CUE_STANCE_BY_CLAIM_STANCE.get(str(stance or ""), "neutral")
