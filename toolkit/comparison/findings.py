"""Plain-language findings of a comparison: one short sentence each, for readers of grade 8 and up.

Each finding rule takes the comparison's tables and two side labels and returns sentences; the
rules run in the order of :data:`RULES`.  Sentences are kept short and use everyday words
("unnamed", "leaves out"), and quoted claims are cut to a few words, so the whole list reads at
a US school grade of 8 or lower (:func:`toolkit.wording.reading_grade`, checked in
the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import permutations

import pandas as pd

from ..wording import QUOTE_WORDS, name_in_sentence, plain, reading_grade, short_quote
from .sides import NO_SOURCE

__all__ = ["HELPS", "RULES", "Tables", "findings", "reading_grade", "times"]

# At most this many sentences of one kind, so the list stays a summary rather than a dump.
PER_RULE = 3
_NAMED = ("named person", "institution", "document")
_UNNAMED = ("anonymous", "vague")


@dataclass(frozen=True)
class Tables:
    """The tables the findings read (the fields of a :class:`~toolkit.comparison.Comparison`)."""

    claims: pd.DataFrame
    matches: pd.DataFrame
    only_in: pd.DataFrame
    speakers: pd.DataFrame
    sourcing: pd.DataFrame
    wording: pd.DataFrame
    denials: pd.DataFrame
    headlines: pd.DataFrame


def times(n: int) -> str:
    """Say how often in words.

    >>> times(1), times(2), times(5)
    ('once', 'twice', '5 times')
    """
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _claims(n: int) -> str:
    return f"{n} claim" if n == 1 else f"{n} claims"


def _quote(text: str) -> str:
    return f"“{short_quote(text, words=QUOTE_WORDS)}”"


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _shared(t: Tables, a: str, b: str) -> list[str]:
    m = t.matches[(t.matches["side_a"] == a) & (t.matches["side_b"] == b)]
    return [f"{a} and {b} report {_claims(len(m))} in common."]


def _left_out(t: Tables, a: str, b: str) -> list[str]:
    n = int((t.only_in["side"] == a).sum())
    return [f"{a} has {_claims(n)} that {b} leaves out."] if n else []


def _affiliations(t: Tables, side: str) -> dict[str, pd.DataFrame]:
    part = t.claims[(t.claims["side"] == side) & t.claims["affiliation"].notna()]
    out: dict[str, list[int]] = {}
    for i, aff in zip(part.index, part["affiliation"], strict=True):
        for one in str(aff).split(", "):
            out.setdefault(one, []).append(i)
    return {k: part.loc[v] for k, v in out.items()}


def _no_one_from(t: Tables, a: str, b: str) -> list[str]:
    mine, theirs = _affiliations(t, a), _affiliations(t, b)
    out = []
    for aff, rows in sorted(mine.items(), key=lambda kv: -len(kv[1])):
        if aff in theirs:
            continue
        top = rows["speaker"].value_counts()
        # "claims from" keeps the count off the name: "quotes Wipro, India's biggest firm twice" misleads.
        out.append(f"{b} quotes no one from {aff}; {a} has {_claims(int(top.iloc[0]))} from {name_in_sentence(top.index[0])}.")
    return out[:PER_RULE]


def _only_speaker(t: Tables, a: str, b: str) -> list[str]:
    one = t.speakers[(t.speakers["presence"] != "all") & (t.speakers[a] > 0) & (t.speakers[b] == 0)]
    one = one[one["source_class"].isin(("named person", "institution"))]
    return [f"{a} quotes {name_in_sentence(s)}, but {b} does not." for s in one["speaker"].head(PER_RULE)]


def _unnamed(t: Tables, a: str, b: str) -> list[str]:
    key = t.claims.set_index(["article_id", "claim_id"])
    out = []
    pairs = t.matches[(t.matches["side_a"].isin((a, b))) & (t.matches["side_b"].isin((a, b)))]
    for r in pairs.itertuples():
        ka, kb = (r.article_a, r.claim_a), (r.article_b, r.claim_b)
        if r.side_a != a:
            ka, kb = kb, ka
        ca, cb = key.loc[ka], key.loc[kb]
        # The same words on both sides ("the minister") are the same source, however classified.
        same = str(ca["speaker"]).casefold() == str(cb["speaker"]).casefold()
        if ca["source_class"] in _UNNAMED and cb["source_class"] not in _UNNAMED and not same:
            who = "no one" if cb["speaker"] == NO_SOURCE else name_in_sentence(cb["speaker"])
            out.append(f"Only {a} says the source of claim {r.match} was unnamed; {b} gives it to {who}.")
    return out[:PER_RULE]


def _named_share(t: Tables, a: str, b: str) -> list[str]:
    def share(side: str) -> tuple[int, int]:
        part = t.sourcing[t.sourcing["side"] == side]
        return int(part.loc[part["source_class"].isin(_NAMED), "claims"].sum()), int(part["claims"].sum())

    (na, ta), (nb, tb) = share(a), share(b)
    if not ta or not tb or round(100 * na / ta) == round(100 * nb / tb):
        return []
    return [f"{a} names the source of {na} of its {_claims(ta)}; {b} names {nb} of {tb}."]


def _denials(t: Tables, a: str, b: str) -> list[str]:
    d = t.denials[(t.denials["side"] == a)]
    missing = [r.denier for r in d.itertuples() if b not in r.also_in]
    return [f"{a} has the denial by {name_in_sentence(who)}, but {b} does not." for who in dict.fromkeys(missing)][:PER_RULE]


def _hedges(t: Tables, a: str, b: str) -> list[str]:
    w = t.wording[t.wording["kind"] == "hedge"]
    na, nb = int(w.loc[w["side"] == a, "count"].sum()), int(w.loc[w["side"] == b, "count"].sum())
    if na <= nb:
        return []
    top = w[w["side"] == a].sort_values("count", ascending=False)["term"].iloc[0]
    then = f"{b} does so {times(nb)}" if nb else f"{b} never does"
    return [f"{a} softens claims with words like {_quote(top)} {times(na)}; {then}."]


def _loaded(t: Tables, a: str, b: str) -> list[str]:
    w = t.wording[t.wording["kind"] == "loaded"]
    theirs = set(w.loc[w["side"] == b, "term"])
    mine = [x for x in dict.fromkeys(w.loc[w["side"] == a, "term"]) if x not in theirs]
    return [f"{a} has the loaded word {_quote(x)} in it, but {b} does not." for x in mine[:PER_RULE]]


def _headline(t: Tables, a: str, b: str) -> list[str]:
    h = t.headlines[(t.headlines["side"] == a) & (t.headlines["other"] == b)]
    out = []
    for r in h.itertuples():
        if r.kind == "hedge dropped":
            out.append(f"{a}’s headline drops the hedge {_quote(r.detail)} that {b}’s headline uses.")
        elif r.kind == "stated as fact":
            out.append(f"{a}’s headline states {_quote(r.claim)} as fact; {b}’s headline says who claims it.")
        elif r.kind == "different subject":
            mine, theirs = str(r.detail).split(" | ")
            out.append(f"{a}’s headline starts with {mine}; {b}’s starts with {theirs}.")
    return out


Rule = Callable[[Tables, str, str], list[str]]
# Order = reading order: what the stories share, who speaks, how they are sourced, the wording, the headline.
RULES: tuple[Rule, ...] = (_shared, _left_out, _no_one_from, _only_speaker, _unnamed, _named_share,
                           _denials, _hedges, _loaded, _headline)
_SYMMETRIC = {_shared, _named_share}
# What each kind of finding means for the reader, in a short plain sentence ({a}, {b}: the sides).
# It follows a finding only when the names or words the articles give us lift it past the grade.
HELPS: dict[Rule, str] = {
    _left_out: "Ask why {b} leaves them out.",
    _no_one_from: "So readers of {b} do not hear that side.",
    _only_speaker: "So readers of {b} do not hear this voice.",
    _unnamed: "A named source is one you can check.",
    _named_share: "A named source is one you can check.",
    _denials: "So readers of {b} do not hear this side.",
    _hedges: "Such words show how sure the writer is.",
    _loaded: "A loaded word can push you to one side.",
    _headline: "Lots of us read just the headline, so its words count.",
}


def findings(tables: Tables, sides: Sequence[str]) -> list[str]:
    """All findings, rule by rule, for every ordered pair of sides; no sentence twice.

    >>> t = Tables(*(pd.DataFrame(columns=c) for c in (
    ...     ["side", "article_id", "claim_id", "affiliation", "speaker"], ["side_a", "side_b"], ["side"],
    ...     ["presence", "source_class", "speaker", "A", "B"], ["side", "source_class", "claims"],
    ...     ["side", "kind", "term", "count"], ["side", "denier", "also_in"], ["side", "other", "kind"])))
    >>> findings(t, ["A", "B"])
    ['A and B report 0 claims in common.']
    """
    out: list[str] = []
    for rule in RULES:
        pairs = [tuple(sides[:2])] if rule in _SYMMETRIC else list(permutations(sides, 2))
        for a, b in pairs:
            helps = HELPS.get(rule, "").format(a=a, b=b)
            out.extend(plain(_cap(s), helps=helps, labels=sides) for s in rule(tables, a, b))
    return list(dict.fromkeys(out))

