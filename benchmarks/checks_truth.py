"""Are the scorecard's statements true?  Per-article checks against the labels' ``checks`` block.

Used by ``speakers_devset.py``.  Each rule reads what a reader is shown (a check's value, detail or
explanation), compares it with the hand labels (``/work/notes/speaker-labels.md``) and returns the
statements that are false.  Where the label is null or cannot decide, nothing is counted; a check
that says less ("an unidentified speaker") is never counted as false.

Label field → check(s):

* ``first_word`` / ``last_word`` → ``first_last_word`` (its detail names the two speakers);
* ``top_speaker`` → ``voice_balance`` (its explanation names the most-heard voice);
* ``wire_credit`` → ``wire_credit_named`` (an agency named, or "No news agency is named");
* ``accusations`` → ``accusations`` (each accuser named; "no accusations");
* ``denials`` → ``denied_claims`` (each denier named; "No claim … is denied"; no self-denial);
* ``admissions`` → ``guilt_cues`` (a speaker made to sound guilty for someone else's conduct);
* ``anonymous_sources`` → ``anonymous_claims`` (0 vs some);
* ``anonymous_sources`` / ``anonymity_reason_given`` → ``anonymity_without_reason``;
* ``headline_stated_as_fact`` → ``headline_stated_as_fact``; ``headline_source`` and
  ``anonymous_sources`` → ``headline_anonymous_source``;
* the labelled statements → the reporter's-voice checks (``boosters_outside_quotes``,
  ``weasel_sentences``, ``unattributed_assertions``, ``loaded_labels_outside_quotes``,
  ``doubt_markers_outside_quotes``): an item listed there that lies inside a labelled statement
  is someone's words, not the reporter's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from labelkit import fingerprint, words

# A sentence is "someone's statement" when this share of its words is in one labelled statement.
SENTENCE_INSIDE = 0.8
# A marker is inside a statement when the marker and this many words on one side of it are.
MARKER_WINDOW = 3
_UNIDENTIFIED = ("an unidentified", "nobody", "unidentified")
# The first/last-word sentence that names no one for an end it could not place (never false).
_UNPLACED = re.compile(r"could not tie the (first or the last|first|last) speaker to a name")
_TOP_RE = re.compile(r"^(?P<who>.+?) (?:gets \d+% of the claims|has the most claims)")

Same = Callable[[str | None, str | None], bool]
_STOP = frozenset({"the", "of", "for", "and", "a", "an"})


# Words that, right after a labelled name, only say what the source is or what it is about.
_KIND_TAILS = frozenset({"newspaper", "magazine", "paper", "daily", "website", "agency", "report", "survey",
                         "study", "poll", "on", "about", "into"})


def _name_words(name: str) -> list[str]:
    return [w for w in words(name.replace("’s", "").replace("'s", "")) if w not in _STOP]


def names_entity(same: Same, said: str | None, gold: str | None) -> bool:
    """Does a name a check shows pick out the labelled entity?

    Besides :func:`speakers_devset.same_entity` (lenient, which also reads acronyms with
    ``names.acronym_of``): a longer description holding the full
    name ("President … of Super Value Debra Symonette"), word-by-word
    short forms ("The Lib Dems" for "Liberal Democrats"), or the name followed by what the source
    is or is about ("Vedomosti newspaper", "the Gartner report on mobile TV").

    >>> exact = lambda a, b: a == b
    >>> names_entity(exact, "Vedomosti newspaper", "Vedomosti"), names_entity(exact, "Labour's Fraser Kemp", "Labour")
    (True, False)
    """
    if same(said, gold):
        return True
    if not said or not gold:
        return False
    p, g = _name_words(said), _name_words(gold)
    if not p or not g:
        return False
    if set(g) <= set(p) and p[-1] == g[-1]:
        return True
    if len(p) > len(g) and p[: len(g)] == g and p[len(g)] in _KIND_TAILS:
        return True  # "Vedomosti newspaper", "The Gartner report on mobile TV": the name, then what it is
    return len(p) == len(g) and all(x.startswith(y) or y.startswith(x) for x, y in zip(p, g, strict=True))


class Article:
    """One article's labels and the toolkit output a rule may read."""

    def __init__(self, item: str, label: dict, checks: dict[str, dict], text: str, markers: list[dict], same: Same) -> None:
        self.item, self.label, self.checks, self.text, self.markers = item, label, checks, text, markers
        self.gold = label["checks"]
        self.same: Same = lambda p, g: names_entity(same, p, g)

    def detail(self, check: str) -> Any:
        raw = self.checks.get(check, {}).get("detail")
        try:
            return json.loads(raw) if raw else []
        except (TypeError, ValueError):
            return raw

    def value(self, check: str) -> float | None:
        v = self.checks.get(check, {}).get("value")
        return None if v is None or v != v else float(v)

    def explanation(self, check: str) -> str:
        return str(self.checks.get(check, {}).get("explanation") or "")

    def kind_of(self, entity: str | None) -> str | None:
        for s in self.label["statements"]:
            if entity and self.same(s.get("entity"), entity):
                return s.get("kind")
        return None


def hedged(explanation: str) -> bool:
    """An explanation that reports what the toolkit found, not what the article holds."""
    return explanation.startswith("The toolkit found no") or "the toolkit could not" in explanation


def unidentified(name: str | None) -> bool:
    """A name that says nothing (never counted as false)."""
    return not name or str(name).lower().startswith(_UNIDENTIFIED)


def _who(desc: str) -> str:
    # Older detail wrote "Name (side)"; the side is not part of the name.
    return re.sub(r"\s*\([^)]*\)$", "", str(desc)).strip()


def _first_last(a: Article) -> list[str]:
    out = []
    d = a.detail("first_last_word")
    if not isinstance(d, list) or len(d) != 2:
        return out
    said_nothing = _UNPLACED.search(a.explanation("first_last_word"))
    for key, said in (("first_word", d[0]), ("last_word", d[1])):
        gold, said = a.gold.get(key), _who(said)
        if gold is None or unidentified(said):
            continue
        if said_nothing and (said_nothing.group(1) == key.split("_")[0] or said_nothing.group(1).startswith("first or")):
            continue  # "could not tie the first speaker to a name": says who it is not
        if not a.same(said, gold):
            out.append(f"{key}: says {said!r}, label {gold!r}")
    return out


def _top(a: Article) -> list[str]:
    gold = a.gold.get("top_speaker")
    m = _TOP_RE.match(a.explanation("voice_balance"))
    if gold is None or m is None or unidentified(m.group("who")):
        return []
    said = m.group("who")
    return [] if a.same(said, gold) else [f"top voice: says {said!r}, label {gold!r}"]


# One agency, two names: a label may write the agency as the article's closing credit does
# ("Associated Press") and the check as the dateline does ("AP"); both are right.
_AGENCY_NAMES = [{"ap", "associated press"}, {"afp", "agence france-presse", "agence france presse"},
                 {"pti", "press trust of india"}, {"pa", "pa media", "press association"},
                 {"dpa", "deutsche presse-agentur"}, {"aap", "australian associated press"},
                 {"upi", "united press international"}, {"ani", "asian news international"},
                 {"uni", "united news of india"}]


def same_agency(one: str, other: str) -> bool:
    """Whether two agency names name the same agency (as written, or as its other name).

    >>> same_agency("AP", "Associated Press"), same_agency("Reuters", "(Reuters)"), same_agency("AP", "AFP")
    (True, True, False)
    """
    a, b = one.lower().strip(), other.lower().strip()
    if a in b or b in a:
        return True
    return any(a in names and b in names for names in _AGENCY_NAMES)


def _wire(a: Article) -> list[str]:
    gold, named = a.gold.get("wire_credit"), a.value("wire_credit_named")
    items = a.detail("wire_credit_named") or []
    if gold and not named:
        return [] if hedged(a.explanation("wire_credit_named")) else [f"says no agency is named, label {gold!r}"]
    if not gold and named:
        return [f"names {items}, label none"]
    if gold and named and not any(same_agency(gold, str(i)) for i in items):
        return [f"names {items}, label {gold!r}"]
    return []


def _names_in(pairs: list, k: int) -> list[str | None]:
    return [p[k] for p in pairs if isinstance(p, list) and len(p) == 2]


def _accusations(a: Article) -> list[str]:
    gold = a.gold.get("accusations") or []
    found = a.detail("accusations") or []
    if not found and gold and a.value("accusations") == 0:
        return [] if hedged(a.explanation("accusations")) else [f"says no accusations, label {len(gold)}"]
    out = []
    accusers = _names_in(gold, 0)
    for row in found:
        who = str(row).split(": ", 1)[0]
        if unidentified(who):
            continue
        if not any(a.same(who, g) for g in accusers if g):
            accused = [g for g in _names_in(gold, 1) if g and a.same(who, g)]
            why = " (the accused)" if accused else ""
            out.append(f"accuser {who!r}{why} not a labelled accuser {accusers}")
    return out


def _denials(a: Article) -> list[str]:
    gold = a.gold.get("denials") or []
    found = a.detail("denied_claims") or []
    if not found and gold and a.value("denied_claims") == 0:
        return [] if hedged(a.explanation("denied_claims")) else [f"says no claim is denied, label {len(gold)}"]
    out = []
    deniers = _names_in(gold, 0)
    for row in found:
        row = str(row)
        if " — denied by " in row:
            head, _, by = row.rpartition(" — denied by ")
        else:
            head, by = "", row.rpartition(" — a denial by ")[2]
        target = re.search(r"\(([^()]*)\)$", head)
        for who in [w.strip() for w in by.split(", ") if w.strip()]:
            if target and not unidentified(who) and a.same(who, target.group(1)):
                out.append(f"self-denial by {who!r}")
            elif not unidentified(who) and not any(a.same(who, g) for g in deniers if g):
                out.append(f"denier {who!r} not a labelled denier {deniers}")
    return out


def _guilt(a: Article) -> list[str]:
    gold = a.gold.get("admissions") or []
    out = []
    for row in a.detail("guilt_cues") or []:
        m = re.match(r"^(?P<cue>.*?) \((?P<who>.*)\)$", str(row))
        if m is None or unidentified(m.group("who")):
            continue
        who = m.group("who")
        mine = [p for p in gold if isinstance(p, list) and p[0] and a.same(who, p[0])]
        if mine and not any(p[1] and a.same(who, p[1]) for p in mine):
            out.append(f"{m.group('cue')!r} makes {who!r} sound guilty; the conduct is {mine[0][1]!r}'s")
    return out


def _anonymous(a: Article) -> list[str]:
    gold, n = a.gold.get("anonymous_sources"), a.value("anonymous_claims")
    if gold is None or n is None:
        return []
    if gold and n == 0:
        return ["says no anonymous source, label has one"]
    if not gold and n > 0:
        return [f"says {int(n)} anonymous claims, label none: {a.detail('anonymous_claims')}"]
    return []


def _anonymity_reason(a: Article) -> list[str]:
    flagged = a.value("anonymity_without_reason") or 0
    if flagged and a.gold.get("anonymous_sources") is False:
        return ["flags anonymity without reason, label has no anonymous source"]
    if flagged and a.gold.get("anonymity_reason_given") is True:
        return ["flags anonymity without reason, label: the reason is given"]
    return []


def _headline_fact(a: Article) -> list[str]:
    gold, n = a.gold.get("headline_stated_as_fact"), a.value("headline_stated_as_fact")
    if gold is None or n is None:
        return []
    if gold and n == 0:
        return [] if hedged(a.explanation("headline_stated_as_fact")) else ["says the headline states nothing as fact, label: it does"]
    if not gold and n > 0:
        return [f"says the headline states as fact {a.detail('headline_stated_as_fact')}, label: it does not"]
    return []


def _headline_anonymous(a: Article) -> list[str]:
    if not a.value("headline_anonymous_source"):
        return []
    if a.gold.get("anonymous_sources") is False:
        return ["says the headline rests on anonymous sources, label has none"]
    kind = a.kind_of(a.gold.get("headline_source"))
    if kind in ("person", "organization", "country", "government", "document"):
        return [f"says the headline rests on anonymous sources, label: {a.gold['headline_source']!r} ({kind})"]
    return []


def _inside_statement(a: Article, span_words: list[str]) -> bool:
    hashes = fingerprint(" ".join(span_words))
    return bool(hashes) and any(
        sum(h in fp for h in hashes) >= SENTENCE_INSIDE * len(hashes)
        for fp in (set(s["content_fp"]) for s in a.label["statements"])
    )


def _sentences(check: str) -> Callable[[Article], list[str]]:
    def rule(a: Article) -> list[str]:
        out = []
        for s in a.detail(check) or []:
            ws = words(str(s))
            if len(ws) >= 4 and _inside_statement(a, ws):
                out.append(f"lists someone's statement as the reporter's: {str(s)[:80]!r}")
        return out

    return rule


def _marker_inside(a: Article, start: int, end: int) -> bool:
    before = words(a.text[max(0, start - 200) : start])[-MARKER_WINDOW:]
    term = words(a.text[start:end])
    after = words(a.text[end : end + 200])[:MARKER_WINDOW]
    fps = [set(s["content_fp"]) for s in a.label["statements"]]
    for side in (before + term, term + after):
        if len(side) > len(term) and any(set(fingerprint(" ".join(side))) <= fp for fp in fps):
            return True
    return False


def _markers(check: str, kind: str) -> Callable[[Article], list[str]]:
    def rule(a: Article) -> list[str]:
        out = []
        for item in a.detail(check) or []:
            spots = [m for m in a.markers if m["kind"] == kind and not m["inside_content"] and m["text"].lower() == item]
            if spots and all(_marker_inside(a, m["start"], m["end"]) for m in spots):
                out.append(f"{item!r} is inside a labelled statement, not the reporter's")
        return out

    return rule


RULES: dict[str, Callable[[Article], list[str]]] = {
    "first_last_word": _first_last,
    "voice_balance": _top,
    "wire_credit_named": _wire,
    "accusations": _accusations,
    "denied_claims": _denials,
    "guilt_cues": _guilt,
    "anonymous_claims": _anonymous,
    "anonymity_without_reason": _anonymity_reason,
    "headline_stated_as_fact": _headline_fact,
    "headline_anonymous_source": _headline_anonymous,
    "boosters_outside_quotes": _markers("boosters_outside_quotes", "booster"),
    "doubt_markers_outside_quotes": _markers("doubt_markers_outside_quotes", "doubt"),
    "loaded_labels_outside_quotes": _markers("loaded_labels_outside_quotes", "loaded"),
    "weasel_sentences": _sentences("weasel_sentences"),
    "unattributed_assertions": _sentences("unattributed_assertions"),
}


def false_statements(article: Article) -> dict[str, list[str]]:
    """The false statements of one article, per check."""
    return {check: rule(article) for check, rule in RULES.items()}
