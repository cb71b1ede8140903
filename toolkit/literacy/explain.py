"""Plain-language explanations: one sentence per flag, saying what was found and what to ask.

Written for a 15-year-old reader: short words, no jargon, always ending in a question the reader
can ask of the article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["CHECK_LABELS", "claim_explanation", "explain_check"]


def _n(k: float | int | None, one: str, many: str | None = None) -> str:
    k = int(k or 0)
    word = one if k == 1 else (many or one + "s")
    return f"{k} {word}"


def _v(k: float | int | None, singular: str, plural: str) -> str:
    return singular if int(k or 0) == 1 else plural


def _list(items: Sequence[Any], limit: int = 3) -> str:
    items = [str(i) for i in items if str(i)]
    if not items:
        return ""
    shown = [f"“{i}”" for i in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]) + more


CHECK_LABELS: dict[str, str] = {
    "claims_found": "Claims found",
    "named_person_claims": "Claims from named people",
    "named_institution_claims": "Claims from named institutions or countries",
    "document_claims": "Claims from documents",
    "anonymous_claims": "Claims from anonymous sources",
    "vague_claims": "Claims from vague sources",
    "agentless_claims": "Claims with no source at all",
    "named_source_share": "Share of claims from named sources",
    "anonymity_without_reason": "Anonymity granted without a reason",
    "unattributed_assertions": "Facts stated in the reporter's own voice",
    "cue_stance_counts": "Loaded reporting verbs",
    "endorsing_cues": "Verbs that vouch for a claim",
    "doubting_cues": "Verbs that cast doubt on a claim",
    "guilt_cues": "Verbs that suggest guilt",
    "hedging_density": "Hedging",
    "weasel_sentences": "Weasel wording in the reporter's voice",
    "doubt_markers_outside_quotes": "Doubt words and scare quotes",
    "boosters_outside_quotes": "Certainty words in the reporter's voice",
    "loaded_labels_outside_quotes": "Loaded labels in the reporter's own words",
    "loaded_labels_inside_quotes": "Loaded labels inside quotes",
    "denied_claims": "Claims denied within the article",
    "accusations": "Accusations",
    "voice_balance": "Who gets heard",
    "first_last_word": "First and last word",
    "headline_stated_as_fact": "Headline states as fact",
    "headline_drops_hedge": "Headline drops the body's caution",
    "headline_anonymous_source": "Headline rests on anonymous sources",
    "wire_credit_named": "Agency credit (named)",
    "wire_credit_unnamed": "Agency credit (unnamed)",
}


def _e_claims_found(v: float | None, d: dict[str, Any]) -> str:
    return f"The article reports {_n(v, 'claim')} made by someone — who is speaking, and who is missing?"


def _source_share(kind: str, question: str) -> Callable[[float | None, dict[str, Any]], str]:
    def fn(v: float | None, d: dict[str, Any]) -> str:
        total = d.get("total", 0)
        return f"{int(v or 0)} of {total} claims come from {kind} — {question}"

    return fn


def _e_denied(v: float | None, d: dict[str, Any]) -> str:
    if v:
        return f"{_n(v, 'claim')} in the article {'is' if v == 1 else 'are'} denied by {_list(d.get('by', []))} — what evidence does each side give?"
    if d.get("unlinked"):
        return (
            f"The toolkit found no denial it could tie to a claim, only {_n(d['unlinked'], 'possible denial')} — "
            "what exactly is denied, and by whom?"
        )
    return "The toolkit found no denial in the article — was the other side asked?"


# An explanation is one sentence a 15-year-old reads in one go: optional clauses are dropped
# rather than let it run past this many words.
MAX_WORDS = 40


def _gender_line(g: dict[str, int]) -> str:
    people = sum(g.values())
    if not people:
        return ""
    if g.get("unknown", 0) == people:
        return f"; people quoted: gender unknown for {people}"
    return f"; people quoted: {_n(g.get('female'), 'woman', 'women')}, {_n(g.get('male'), 'man', 'men')}, {g.get('unknown', 0)} unknown"


def _fit(parts: Sequence[str], tail: str) -> str:
    """Join the first part and as many of the others as fit in :data:`MAX_WORDS`, then the tail."""
    out = parts[0]
    for part in parts[1:]:
        if part and len(f"{out}{part}{tail}".split()) <= MAX_WORDS:
            out += part
    return out + tail


def _e_voice_balance(v: float | None, d: dict[str, Any]) -> str:
    total, unknown = d.get("total", 0), d.get("unidentified", 0)
    if not total:
        return "Nobody is quoted or cited by name — whose voice is missing?"
    if d.get("tied"):
        lead = f"No single voice leads: {_list(d['tied'])} have {d.get('top_claims')} of {total} claims each"
    elif not d.get("top"):
        lead = f"The toolkit could not tell who made the {_n(total, 'claim')}"
    elif d.get("certain", True):
        lead = f"{d['top']} has the most claims: {d.get('top_claims')} of {total}"
    else:
        lead = f"{d['top']} has {d.get('top_claims')} of {total} claims ({unknown} more from unidentified speakers)"
    side = f"; {d['side']}: {d['side_claims']} of the {d['side_base']} claims with a stated side" if d.get("side") else ""
    return _fit([lead, _gender_line(d.get("genders") or {}), side], " — who else should be heard?")


_TEMPLATES: dict[str, Callable[[float | None, dict[str, Any]], str]] = {
    "claims_found": _e_claims_found,
    "named_person_claims": _source_share("people named in the article", "can you check who they are and what they know?"),
    "named_institution_claims": _source_share("named institutions or countries", "which person actually spoke for them?"),
    "document_claims": _source_share("reports, studies or other documents", "can you find the document and read it yourself?"),
    "anonymous_claims": _source_share(
        "sources the article does not name", "why are they hidden, and how would they know?"
    ),
    "vague_claims": _source_share("vague sources like “critics” or “experts”", "exactly who are these people?"),
    "agentless_claims": _source_share(
        "nobody at all (“it is said”, “reportedly”)", "who actually said this, and why doesn't the article say?"
    ),
    "named_source_share": lambda v, d: (
        f"{round(100 * (v or 0))}% of the claims come from named sources — would you trust the story "
        "as much if you could not check who said what?"
    ),
    "anonymity_without_reason": lambda v, d: (
        f"The article lets {_n(v, 'source')} stay anonymous without saying why — what reason could they "
        "have, and does it change how much you trust them?"
        if v
        else "The toolkit found no source promised anonymity without a reason — does the article explain why its sources can be trusted?"
    ),
    "unattributed_assertions": lambda v, d: (
        f"{_n(v, 'sentence')} {_v(v, 'states', 'state')} facts with numbers or names but {_v(v, 'names', 'name')} nobody as the source — how does the reporter know?"
    ),
    "cue_stance_counts": lambda v, d: (
        f"{_n(v, 'claim')} {_v(v, 'is', 'are')} introduced with verbs that take sides (like “noted” or “claimed”) instead of “said” — "
        "is the verb telling you what to believe?"
    ),
    "endorsing_cues": lambda v, d: (
        f"Verbs like {_list(d.get('items', []))} present {_n(v, 'claim')} as true — did anyone check?"
        if v
        else "No claim is introduced with a verb that vouches for it — the reporter mostly lets you judge."
    ),
    "doubting_cues": lambda v, d: (
        f"Verbs like {_list(d.get('items', []))} cast doubt on {_n(v, 'claim')} — is the doubt explained or just suggested?"
        if v
        else "No claim is introduced with a verb that casts doubt on it — is every side treated the same way?"
    ),
    "guilt_cues": lambda v, d: (
        f"Verbs like {_list(d.get('items', []))} make {_n(v, 'speaker')} sound guilty — did they really confess something?"
        if v
        else "No verb makes a speaker sound guilty — check whether the verbs stay neutral."
    ),
    "hedging_density": lambda v, d: (
        f"The article uses {d.get('count', 0)} hedge words like {_list(d.get('items', []))} ({v:.1f} per 100 words) — "
        "which claims is the reporter not sure about?"
        if d.get("count")
        else "The article uses no hedge words like “reportedly” or “may” — is everything really that certain?"
    ),
    "weasel_sentences": lambda v, d: (
        f"{_n(v, 'sentence')} in the reporter's own voice {_v(v, 'uses', 'use')} vague wording like “some” or “widely” — who exactly, and how many?"
    ),
    "doubt_markers_outside_quotes": lambda v, d: (
        f"The reporter's own words include doubt words or unattributed quotation marks such as {_list(d.get('items', []))} — whose words are these, and is the writer hinting what to think?"
        if v
        else "The reporter uses no doubt words like “so-called” or scare quotes."
    ),
    "boosters_outside_quotes": lambda v, d: (
        f"The reporter calls things certain with words like {_list(d.get('items', []))} — who proved it?"
        if v
        else "The reporter does not use certainty words like “clearly” or “undoubtedly”."
    ),
    "loaded_labels_outside_quotes": lambda v, d: (
        f"The reporter's own words include loaded labels like {_list(d.get('items', []))} — is that a fact or a judgement?"
        if v
        else "The reporter uses no loaded labels in their own words — only people quoted do."
    ),
    "loaded_labels_inside_quotes": lambda v, d: (
        f"Quoted people use loaded labels like {_list(d.get('items', []))} — what does the speaker gain by using that word?"
        if v
        else "No loaded labels appear inside quotes."
    ),
    "denied_claims": _e_denied,
    "accusations": lambda v, d: (
        f"The article reports {_n(v, 'accusation')} — what proof is offered for {'it' if v == 1 else 'them'}?"
        if v
        else "The toolkit found no accusation in the article — read it yourself: does anyone blame anyone?"
    ),
    "voice_balance": _e_voice_balance,
    "first_last_word": lambda v, d: (
        f"{d.get('first', '?')} gets the first word and {d.get('last', '?')} the last — "
        + ("the same side opens and closes the story, so whose version will readers remember?" if v else "whose version will readers remember?")
    ),
    "headline_stated_as_fact": lambda v, d: (
        f"The headline states {_n(v, 'thing')} as fact that the body only attributes to someone or hedges — is the headline stronger than the evidence?"
        if v
        else "The toolkit found nothing in the headline that the body only attributes or hedges — is the headline as careful as the story?"
    ),
    "headline_drops_hedge": lambda v, d: (
        f"The body hedges {_n(v, 'headline claim')} (for example with {_list(d.get('items', []))}) but the headline does not — is the headline more certain than the story?"
        if v
        else "The headline keeps the same caution as the body."
    ),
    "headline_anonymous_source": lambda v, d: (
        f"{_n(v, 'headline claim')} {'rests' if v == 1 else 'rest'} on anonymous sources in the body — would you believe it if you knew that from the headline?"
        if v
        else "The headline claims do not rest on anonymous sources in the body."
    ),
    "wire_credit_named": lambda v, d: (
        f"Parts of the story come from a news agency ({_list(d.get('items', []))}) — which parts did the outlet check itself?"
        if v
        else "The toolkit found no news-agency credit such as “(Reuters)” or “© AP” — who wrote this story?"
    ),
    "wire_credit_unnamed": lambda v, d: (
        "The story credits “agency inputs” without naming the agency — which agency wrote which parts?"
        if v
        else "The story does not hide an agency credit behind a vague phrase."
    ),
}


def explain_check(check: str, value: float | None, **facts: Any) -> str:
    """Return the plain explanation of one check result.

    >>> explain_check("anonymous_claims", 6, total=21)
    '6 of 21 claims come from sources the article does not name — why are they hidden, and how would they know?'
    """
    fn = _TEMPLATES.get(check)
    if fn is None:
        return f"{CHECK_LABELS.get(check, check)}: {value} — what does this tell you about the article?"
    return fn(value, facts)


_CLAIM_TEMPLATES: dict[str, str] = {
    "anonymous_source": "The source {who} is not named — why are they hidden, and how would they know?",
    "anonymity_without_reason": "The article grants {who} anonymity without saying why — is there a good reason?",
    "vague_source": "The source {who} is vague — exactly who is this?",
    "agentless": "Nobody is named as the source of this (“{cue}”) — who actually said it?",
    "hedged": "The claim is hedged with {hedges} — has anyone confirmed it?",
    "endorsing_cue": "The verb “{cue}” presents this as true — did the reporter check it?",
    "doubting_cue": "The verb “{cue}” casts doubt on this — does the article explain why?",
    "guilt_cue": "The verb “{cue}” makes the speaker sound guilty — did they really confess anything?",
    "belief_cue": "The verb “{cue}” reports what someone thinks or feels — how could the reporter know that?",
    "doubt_marker": "The words {items} distance the writer from this — is the doubt explained?",
    "loaded_label_reporter": "The reporter's own words around this claim include {items} — is that a fact or a judgement?",
    "loaded_label_quoted": "The speaker uses the loaded word {items} — what does that word make you feel, and why did they choose it?",
    "denied": "This claim is denied by {by} — who gives better evidence?",
    "denial": "This is a denial of {targets} — compare what each side actually says.",
    "accusation": "This is an accusation — what proof is given?",
}


def claim_explanation(flag: str, **facts: Any) -> str:
    """Return the one-sentence explanation of a claim-level flag.

    >>> claim_explanation("agentless", cue="it is said")
    'Nobody is named as the source of this (“it is said”) — who actually said it?'
    """
    template = _CLAIM_TEMPLATES.get(flag, flag.replace("_", " ") + " — what does this tell you?")
    safe = {k: (_list(v) if isinstance(v, list | tuple) else (f"“{v}”" if k == "who" else v)) for k, v in facts.items()}

    class _Default(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "this"

    return template.format_map(_Default(safe))
