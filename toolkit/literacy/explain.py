"""Plain-language explanations: one sentence per flag, saying what was found and what to ask.

Written for a 14-year-old reader: one short sentence of common words at a US school grade of 8
or lower (:func:`toolkit.wording.plain` picks the plainest form), always ending in a question the reader can ask.
Article text inside an explanation is cut to a few words (:func:`short_quote`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..wording import (
    NAME_WORDS,
    QUOTE_WORDS,
    name_in_sentence,
    plain,
    readable,
    short_name,
    short_quote,
)
from .voices import UNIDENTIFIED

__all__ = ["CHECK_LABELS", "claim_explanation", "explain_check"]

def _n(k: float | int | None, one: str, many: str | None = None) -> str:
    k = int(k or 0)
    word = one if k == 1 else (many or one + "s")
    return f"{k} {word}"


def _v(k: float | int | None, singular: str, plural: str) -> str:
    return singular if int(k or 0) == 1 else plural


def _list(items: Sequence[Any], limit: int = 2, words: int = NAME_WORDS) -> str:
    """Quote up to ``limit`` items, each cut to ``words`` words: “a”, “b” and 2 more.

    A word the article uses twice (two hedges "probably") is listed once: the list says which words.

    >>> _list(["probably", "may", "Probably"])
    '“probably” and “may”'
    """
    quoted: dict[str, str] = {}
    for item in (short_quote(i, words=words) for i in items if str(i).strip()):
        quoted.setdefault(item.casefold(), item)
    shown = [f"“{q}”" for q in quoted.values()]
    if not shown:
        return ""
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    shown = shown[:limit]
    return (", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 and not more else ", ".join(shown)) + more


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _items(d: dict[str, Any], key: str = "items") -> str:
    """Return the quoted list ``d[key]``, as many items as ``d["limit"]`` allows (see :func:`explain_check`)."""
    return _list(d.get(key) or [], limit=d.get("limit", 2))


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
    return f"The article reports {_n(v, 'claim')} — who speaks, and who is missing?"


def _source_share(kind: str, question: str) -> Callable[[float | None, dict[str, Any]], str]:
    def fn(v: float | None, d: dict[str, Any]) -> str:
        total = d.get("total", 0)
        return f"{int(v or 0)} of {total} claims come from {kind} — {question}"

    return fn


def _e_denied(v: float | None, d: dict[str, Any]) -> str:
    if v:
        return f"{_n(v, 'claim')} {'is' if v == 1 else 'are'} denied by {_items(d, 'by')} — what proof does each side give?"
    if d.get("unlinked"):
        return f"The toolkit could not tie {_n(d['unlinked'], 'possible denial')} to a claim — what is denied, and by whom?"
    return "The toolkit found no denial in the article — was the other side asked?"


# An explanation is one sentence a 14-year-old reads in one go: optional clauses are dropped
# rather than let it run past this many words or past :data:`toolkit.wording.MAX_GRADE`.
MAX_WORDS = 24


def _gender_line(g: dict[str, int]) -> str:
    people = sum(g.values())
    if not people:
        return ""
    if g.get("unknown", 0) == people:
        return f"; people quoted: gender unknown for {people}"
    return f"; people quoted: {_n(g.get('female'), 'woman', 'women')}, {_n(g.get('male'), 'man', 'men')}, {g.get('unknown', 0)} unknown"


def _fit(parts: Sequence[str], tail: str) -> str:
    """Join the first part and as many of the others as keep the sentence short and readable, then the tail."""
    out = parts[0]
    for part in parts[1:]:
        longer = f"{out}{part}{tail}"
        if part and len(longer.split()) <= MAX_WORDS and readable(longer):
            out += part
    return out + tail


def _e_voice_balance(v: float | None, d: dict[str, Any]) -> str:
    total, unknown = d.get("total", 0), d.get("unidentified", 0)
    if not total:
        return "Nobody is quoted or cited by name — whose voice is missing?"
    tied = d.get("tied") or []
    if len(tied) == 2:
        lead = f"No single voice leads: {_list(tied)} have {d.get('top_claims')} of {total} claims each"
    elif tied:  # more names than a sentence can carry: the detail lists them
        lead = f"No single voice leads ({len(tied)} have {_n(d.get('top_claims'), 'claim')} each)"
    elif not d.get("top"):
        lead = f"The toolkit could not tell who made the {_n(total, 'claim')}"
    elif d.get("certain", True):
        lead = f"{short_name(d['top'])} has the most claims: {d.get('top_claims')} of {total}"
    else:
        lead = f"{short_name(d['top'])} has {d.get('top_claims')} of {total} claims ({unknown} more from unnamed speakers)"
    side = f"; {short_name(d['side'])}: {d['side_claims']} of the {d['side_base']} claims with a stated side" if d.get("side") else ""
    return _fit([_cap(lead), side, _gender_line(d.get("genders") or {})], " — who else should speak?")


# What the first/last-word sentence asks the reader, whatever it found.
_FIRST_LAST_ASK = " — whose side will you keep in mind?"


def _unplaced_end(first: str, last: str) -> str:
    """Say what is known of the first and last word when a speaker could not be tied to a name.

    The article may well name that speaker (a pronoun far from its name), so "an unnamed
    speaker has the first word" could be false: the sentence says what the toolkit could not do.
    """
    ask = _FIRST_LAST_ASK
    if first == last == UNIDENTIFIED:
        return "The toolkit could not tie the first or the last speaker to a name."
    if first == UNIDENTIFIED:
        return f"The toolkit could not tie the first speaker to a name. {_cap(short_name(last))} has the last word{ask}"
    return f"The toolkit could not tie the last speaker to a name. {_cap(short_name(first))} has the first word{ask}"


def _e_first_last(v: float | None, d: dict[str, Any]) -> str:
    if UNIDENTIFIED in (d.get("first"), d.get("last")):
        return _unplaced_end(d.get("first", "?"), d.get("last", "?"))
    # The first name opens the sentence (capitalised below); the last sits inside it.
    first, last = short_name(d.get("first", "?")), name_in_sentence(d.get("last", "?"))
    if first.casefold() == last.casefold():
        lead = f"{first} has the first and the last word"
    elif v:
        lead = f"{first} opens and {last} closes, both from one side"
    else:
        # Two long names in one clause: each gets a sentence of its own when that reads easier,
        # then a plain one on why it matters, before the question.
        ask = _FIRST_LAST_ASK
        each = _cap(f"{first} has the first word. {_cap(last)} has the last")
        return plain(_cap(f"{first} has the first word and {last} the last{ask}"), f"{each}{ask}",
                     f"{each}. What we read first and last stays with us: whose side will you keep in mind?")
    return _cap(lead) + _FIRST_LAST_ASK


_TEMPLATES: dict[str, Callable[[float | None, dict[str, Any]], str]] = {
    "claims_found": _e_claims_found,
    "named_person_claims": _source_share("named people", "who are they, and what do they know?"),
    "named_institution_claims": _source_share("named groups or countries", "which person spoke for them?"),
    "document_claims": _source_share("reports or other papers", "can you find one and read it?"),
    "anonymous_claims": _source_share("sources with no name", "why are they hidden, and how would they know?"),
    "vague_claims": _source_share("vague sources like “critics”", "who exactly are they?"),
    "agentless_claims": _source_share("no one at all (“it is said”)", "who said this, and why not say so?"),
    "named_source_share": lambda v, d: (
        f"{round(100 * (v or 0))}% of the claims come from named sources — could you check who said what?"
    ),
    "anonymity_without_reason": lambda v, d: (
        f"{_n(v, 'source')} {_v(v, 'stays', 'stay')} unnamed and the article does not say why — should you trust {_v(v, 'it', 'them')}?"
        if v
        else "The toolkit found no source kept unnamed without a reason — why trust the sources?"
    ),
    "unattributed_assertions": lambda v, d: (
        f"{_n(v, 'sentence')} {_v(v, 'states', 'state')} facts but {_v(v, 'names', 'name')} no source — how does the reporter know?"
    ),
    "cue_stance_counts": lambda v, d: (
        f"{_n(v, 'claim')} {_v(v, 'comes', 'come')} with a verb like “noted” or “claimed”, not “said” — does the verb take a side?"
    ),
    "endorsing_cues": lambda v, d: (
        f"Verbs like {_items(d)} present {_n(v, 'claim')} as true — did anyone check?"
        if v
        else "No verb says a claim is true — the reporter lets you judge."
    ),
    "doubting_cues": lambda v, d: (
        f"Verbs like {_items(d)} cast doubt on {_n(v, 'claim')} — does the article say why?"
        if v
        else "No verb casts doubt on a claim — is every side treated the same way?"
    ),
    "guilt_cues": lambda v, d: (
        f"Verbs like {_items(d)} make {_n(v, 'speaker')} sound guilty — did they really admit it?"
        if v
        else "No verb makes a speaker sound guilty — check that the verbs stay fair."
    ),
    "hedging_density": lambda v, d: (
        f"The article uses {d.get('count', 0)} hedge words like {_items(d)} ({v:.1f} per 100 words) — "
        "what is the reporter not sure of?"
        if d.get("count")
        else "The article uses no hedge words like “may” — is it all that certain?"
    ),
    "weasel_sentences": lambda v, d: (
        f"{_n(v, 'sentence')} by the reporter {_v(v, 'uses', 'use')} vague words like “some” — who, and how many?"
    ),
    "doubt_markers_outside_quotes": lambda v, d: (
        f"The reporter uses scare quotes or doubt words like {_items(d)} — whose words are they?"
        if v
        else "The reporter uses no doubt words like “so-called” and no scare quotes."
    ),
    "boosters_outside_quotes": lambda v, d: (
        f"The reporter calls things certain with words like {_items(d)} — who proved it?"
        if v
        else "The reporter uses no words like “clearly” that make things sound sure."
    ),
    "loaded_labels_outside_quotes": lambda v, d: (
        f"The reporter uses loaded words like {_items(d)} — is that a fact or a view?"
        if v
        else "The reporter uses no loaded words of their own."
    ),
    "loaded_labels_inside_quotes": lambda v, d: (
        f"People quoted use loaded words like {_items(d)} — why would they pick that word?"
        if v
        else "No loaded labels appear inside quotes."
    ),
    "denied_claims": _e_denied,
    "accusations": lambda v, d: (
        f"The article reports {_n(v, 'accusation')} — what proof is there?"
        if v
        else "The toolkit found no one blamed in the article — does anyone blame someone?"
    ),
    "voice_balance": _e_voice_balance,
    "first_last_word": _e_first_last,
    "headline_stated_as_fact": lambda v, d: (
        f"The headline states {_n(v, 'thing')} as fact that the body only reports or hedges — is it too strong?"
        if v
        else "The toolkit found nothing in the headline stated more firmly than in the body."
    ),
    "headline_drops_hedge": lambda v, d: (
        f"The body hedges {_n(v, 'headline claim')} ({_items(d)}), but not the headline — is it too sure?"
        if v
        else "The headline is as careful as the body."
    ),
    "headline_anonymous_source": lambda v, d: (
        f"{_n(v, 'headline claim')} {'rests' if v == 1 else 'rest'} on unnamed sources in the body — would you still believe it?"
        if v
        else "The headline claims do not rest on unnamed sources in the body."
    ),
    "wire_credit_named": lambda v, d: (
        f"Parts of the story come from a news agency ({_items(d)}) — which parts did the outlet check?"
        if v
        else "The toolkit found no news agency credit like “(Reuters)” — who wrote this story?"
    ),
    "wire_credit_unnamed": lambda v, d: (
        "The story credits “agency inputs” but does not name the agency — who wrote which parts?"
        if v
        else "The story does not hide an agency credit behind a vague phrase."
    ),
}


def explain_check(check: str, value: float | None, **facts: Any) -> str:
    """Return the plain explanation of one check result.

    >>> explain_check("anonymous_claims", 6, total=21)
    '6 of 21 claims come from sources with no name — why are they hidden, and how would they know?'
    """
    fn = _TEMPLATES.get(check)
    if fn is None:
        return f"{CHECK_LABELS.get(check, check)}: {value} — what does this tell you about the article?"
    # Two long quoted words ("disinformation", "misinformation") alone lift one sentence past
    # grade 8, whatever words surround them: then one is quoted and the others counted.
    return plain(fn(value, facts), fn(value, {**facts, "limit": 1}))


# The word budgets a claim explanation tries for its quotation, longest first; three words
# still show which claim is meant.
_QUOTE_BUDGETS = (QUOTE_WORDS, NAME_WORDS, 3)
_CLAIM_TEMPLATES: dict[str, str] = {
    "anonymous_source": "The source {who} is not named — why hide them, and how would they know?",
    "anonymity_without_reason": "The article does not say why {who} is not named — is there a good reason?",
    "vague_source": "The source {who} is vague — who are they?",
    "agentless": "Nobody is named as the source of this (“{cue}”) — who said it?",
    "hedged": "The claim is hedged with {hedges} — has anyone confirmed it?",
    "endorsing_cue": "The verb “{cue}” presents this as true — did the reporter check it?",
    "doubting_cue": "The verb “{cue}” casts doubt on this — does the article say why?",
    "guilt_cue": "The verb “{cue}” makes the speaker sound guilty — did they admit it?",
    "belief_cue": "The verb “{cue}” tells what someone thinks or feels — how could the reporter know?",
    "doubt_marker": "The words {items} keep the writer at a distance — is the doubt explained?",
    "loaded_label_reporter": "The reporter's own words here include {items} — is that a fact or a view?",
    "loaded_label_quoted": "The speaker uses the loaded word {items} — why would they pick it?",
    "denied": "This claim is denied by {by} — who gives better proof?",
    "denial": "This denies {targets} — what does each side say?",
    "accusation": "This is an accusation — what proof is given?",
}


def claim_explanation(flag: str, **facts: Any) -> str:
    """Return the explanation of a claim-level flag: one sentence, or two where that reads easier.

    Lists and the source's name are quoted and cut short (:func:`short_quote`); ``targets``
    (the claims a denial denies) keeps one claim of :data:`QUOTE_WORDS` words.

    >>> claim_explanation("agentless", cue="it is said")
    'Nobody is named as the source of this (“it is said”) — who said it?'
    >>> claim_explanation("denial", targets=["that Russia asked China, Moscow's most powerful partner, for arms"])
    "This denies “Russia asked China, Moscow's most powerful partner, for…”. What does each side say?"
    >>> claim_explanation("denial", targets=["Notwithstanding considerable institutional deliberation, it failed"])
    'This denies “Notwithstanding considerable institutional…”. What does each side say?'
    """
    template = _CLAIM_TEMPLATES.get(flag, flag.replace("_", " ") + " — what does this tell you?")

    def shown(key: str, value: Any, words: int) -> Any:
        if key == "targets":
            return _list(value, limit=1, words=words)
        if isinstance(value, list | tuple):
            return _list(value, limit=2 if words == QUOTE_WORDS else 1, words=min(words, NAME_WORDS))
        return f"“{short_name(value)}”" if key == "who" else value

    class _Default(dict[str, Any]):
        def __missing__(self, key: str) -> str:
            return "this"

    # Article words are what lifts the grade: quote fewer of them, never drop the question.
    forms = [template.format_map(_Default({k: shown(k, v, words) for k, v in facts.items()})) for words in _QUOTE_BUDGETS]
    return plain(*forms)
