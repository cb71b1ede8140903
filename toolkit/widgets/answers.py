"""The classroom exercise's answers: an article's answer key, why each answer is right, the student's progress."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from traitlets import Dict, HasTraits, Instance, Int, Unicode

from ..analysis import Analysis
from ..types import PRONOUNS, Relation, SourceClass, Stance, is_unresolved
from ..wording import NAME_WORDS, plain, short_name, short_quote
from .shared import NO_SOURCE, check_article, source_classes

__all__ = ["ANONYMITY_CHOICES", "CHOICES", "DENIAL_QUESTION", "KEY_COLUMNS", "NAMED", "NO", "QUESTIONS", "UNIDENTIFIED", "YES", "YES_NO",
           "ExerciseState", "answer_key", "question_text", "quote", "why"]

NAMED, UNIDENTIFIED = "named", "anonymous or vague"
ANONYMITY_CHOICES = (NAMED, UNIDENTIFIED, NO_SOURCE)
# The classes answered "anonymous or vague": a source is there, but a reader cannot check who.
_UNIDENTIFIED: tuple[SourceClass, ...] = ("anonymous", "vague")
YES, NO = "yes", "no"
YES_NO = (YES, NO)
# The answers each question offers, but the source: its choices are the article's own speakers.
CHOICES: dict[str, tuple[str, ...]] = {"anonymity": ANONYMITY_CHOICES, "hedged": YES_NO, "denied": YES_NO}
# The link relations the "denied" question asks about: a denial, and a repeat of the same claim
# (a claim said twice is denied twice).
_DENIES: Relation = "denies"
_REPEATS: Relation = "repeats"
_DENIAL: Stance = "deny"
KEY_COLUMNS = ["claim_id", "source", "anonymity", "hedged", "denied", "denial", "hedges", "denied_by",
               "denying_quotes", "denied_quotes", "speaker_text", "content_text", "content_start", "content_end",
               "explanations", "excerpt_html"]
QUESTIONS: dict[str, str] = {
    "source": "Who is the source of this claim?",
    "anonymity": "Is the source named or anonymous?",
    "hedged": "Is the claim hedged (softened with words like 'reportedly', 'may', 'is said to')?",
    "denied": "Does anyone in the article deny this claim?",
}
# A claim that is itself a denial is asked what it denies, not whether it is denied.
DENIAL_QUESTION = "This claim is a denial. Does it deny a claim made in this article?"
# Quoted article text is cut to this many words: a reader takes it in at a glance and the
# sentence around it stays easy to read.
QUOTE_WORDS = 7
# Content this short ("claim", "it") is a pointer to another claim: it is marked together with its
# reporting verb ("deny claim"), so the highlight shows what is claimed.
MIN_CONTENT_WORDS = 2
# Names listed in one sentence before "and others": a longer list is hard to read aloud.
NAMES_LISTED = 2
_OPENING, _CLOSING = "\"\u201c\u00ab", "\"\u201d\u00bb"

RESULT_COLUMNS = ["student", "article_id", "claim", "claim_id", "question", "answer", "right_answer", "correct",
                  "explanation", "score", "out_of"]


def question_text(question: str, key: Any) -> str:
    """Return the question as the student reads it for one claim (``key``: its row of the answer key).

    >>> question_text("denied", {"denial": True}) == DENIAL_QUESTION
    True
    """
    return DENIAL_QUESTION if question == "denied" and bool(key["denial"]) else QUESTIONS[question]


def quote(text: str, *, words: int = QUOTE_WORDS) -> str:
    """Quote article text in curly quotes, cut after ``words`` words (never mid-word), never quoted twice.

    The cutting rules are :func:`toolkit.wording.short_quote`'s (standard library only, so a
    student's session still loads no spaCy).

    >>> quote('"by the back door"'), quote("one two three four", words=2)
    ('\u201cby the back door\u201d', '\u201cone two\u2026\u201d')
    >>> quote('\u201cNo,\u201d he said.')
    '\u201c\u2018No,\u2019 he said\u201d'
    """
    return f"\u201c{short_quote(text, words=words)}\u201d"


def _speaker_label(row: pd.Series) -> str | None:
    """Return the source as a student picks it: its name; a pronoun tied to no one as written.

    >>> _speaker_label(pd.Series({"agentless": False, "speaker_id": 0, "speaker_text": "He",
    ...                           "speaker_name": "unresolved: he"}))
    'he (never named)'
    """
    if bool(row["agentless"]) or (pd.isna(row["speaker_id"]) and pd.isna(row["speaker_text"])):
        return None
    if is_unresolved(row["speaker_name"]) and pd.notna(row["speaker_text"]) and str(row["speaker_text"]).strip():
        # not "unresolved: he": the article calls them "he" and never says who that is
        return f"{short_name(str(row['speaker_text']).strip().lower())} (never named)"
    for col in ("speaker_name", "speaker_text"):
        if pd.notna(row[col]) and str(row[col]).strip():
            return str(row[col]).strip()
    return None


def _paragraph(sentences: pd.DataFrame, lo: int, hi: int) -> tuple[int, int]:
    """Return the span of the paragraphs holding text[lo:hi] (lo, hi themselves when sentences are unknown)."""
    touched = sentences[(sentences["start"] < max(hi, lo + 1)) & (sentences["end"] > lo)]
    if not len(touched):
        return lo, hi
    if touched["paragraph_id"].notna().all():
        touched = sentences[sentences["paragraph_id"].isin(set(touched["paragraph_id"]))]
    return min(lo, int(touched["start"].min())), max(hi, int(touched["end"].max()))


def _marked_spans(claim: pd.Series) -> list[tuple[int, int]]:
    """Return the spans to highlight: the content, with its reporting verb when the content is a word or two."""
    spans = [(int(s), int(e)) for s, e in claim["content_spans"]] or [
        (int(claim["content_start"]), int(claim["content_end"]))
    ]
    if len(str(claim["content_text"]).split()) >= MIN_CONTENT_WORDS or pd.isna(claim["cue_start"]):
        return spans
    lo = min(int(claim["cue_start"]), int(claim["content_start"]))
    hi = max(int(claim["cue_end"]), int(claim["content_end"]))
    if pd.notna(claim["speaker_start"]) and lo < int(claim["speaker_end"]) and int(claim["speaker_start"]) < hi:
        # The source stays unmarked: finding it is the student's first question.
        s, e = int(claim["speaker_start"]), int(claim["speaker_end"])
        return [p for p in ((lo, s), (e, hi)) if p[0] < p[1]]
    return [(lo, hi)]


def _excerpt_html(text: str, sentences: pd.DataFrame, claim: pd.Series) -> str:
    """Return the paragraph holding the claim, escaped, with what is claimed marked (not the speaker)."""
    points = [int(claim["content_start"]), int(claim["content_end"])]
    points += [int(claim[c]) for c in ("cue_start", "cue_end", "speaker_start", "speaker_end") if pd.notna(claim[c])]
    lo, hi = _paragraph(sentences, min(points), max(points))
    parts, pos = [], lo
    for s, e in sorted(_marked_spans(claim)):
        s, e = max(s, pos), min(e, hi)
        if s >= e:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    parts.append(html.escape(text[pos:hi]))
    return "".join(parts).strip()


def _same_claims(claims: pd.DataFrame, links: pd.DataFrame) -> dict[int, set[int]]:
    """Each claim's group of the same claim said again: linked as a repeat, or in the same words."""
    group = {int(c): {int(c)} for c in claims["claim_id"]}

    def join(a: int, b: int) -> None:
        if a in group and b in group and group[a] is not group[b]:
            merged = group[a] | group[b]
            for c in merged:
                group[c] = merged

    for a, b in links[links["relation"] == _REPEATS][["claim_id", "target_claim_id"]].itertuples(index=False):
        join(int(a), int(b))
    by_words: dict[str, int] = {}
    for cid, content in zip(claims["claim_id"], claims["content_text"], strict=True):
        words = " ".join(re.findall(r"\w+", str(content).casefold()))
        words = words.removeprefix("that ")
        if words:
            join(by_words.setdefault(words, int(cid)), int(cid))
    return group


def _claim_quote(text: str, claim: pd.Series) -> str:
    """Quote the whole claim (who, the reporting verb, what), cut short."""
    ends = [(claim[f"{part}_start"], claim[f"{part}_end"]) for part in ("speaker", "cue", "content")]
    known = [(int(s), int(e)) for s, e in ends if pd.notna(s) and pd.notna(e)]
    lo, hi = min(s for s, _ in known), max(e for _, e in known)
    # A direct quote's marks sit just outside its content: take them along, so they pair up.
    lo -= lo > 0 and text[lo - 1] in _OPENING
    hi += hi < len(text) and text[hi] in _CLOSING
    return quote(text[lo:hi])


def _quotes(text: str, claims: list[pd.Series]) -> list[str]:
    """Quote the claims, fullest first: the first one is shown as the evidence."""
    ranked = sorted(claims, key=lambda c: -len(str(c["content_text"]).split()))
    return list(dict.fromkeys(_claim_quote(text, c) for c in ranked))

def answer_key(analysis: Analysis, article_id: str) -> pd.DataFrame:
    """Return the right answers of the exercise, one row per claim of ``article_id``.

    Columns: ``claim_id, source, anonymity, hedged, denied`` (the four answers), ``denial``
    (the claim is itself a denial: its "denied" answer says whether it denies a claim of the
    article), ``hedges``, ``denied_by`` (who denies it), ``denying_quotes`` and ``denied_quotes``
    (the sentences that deny it, or that it denies), ``speaker_text``, ``content_text``,
    ``content_start``, ``content_end``, ``explanations`` and ``excerpt_html``.

    >>> from toolkit.types import frame
    >>> text = "Officials said it rained."
    >>> a = Analysis({
    ...     "articles": frame([{"article_id": "a", "text": text}], "articles"),
    ...     "claims": frame([{"article_id": "a", "claim_id": 0, "speaker_id": 0, "speaker_text": "Officials",
    ...         "speaker_name": "Officials", "anonymous": True, "content_text": "it rained",
    ...         "content_start": 15, "content_end": 24}], "claims")})
    >>> answer_key(a, "a")[["source", "anonymity", "hedged", "denied"]].values.tolist()
    [['Officials', 'anonymous or vague', 'no', 'no']]
    """
    check_article(analysis, article_id)
    text = analysis.article_text(article_id)
    claims = analysis.claims[analysis.claims["article_id"] == article_id].sort_values("claim_id")
    sentences = analysis.sentences[analysis.sentences["article_id"] == article_id]
    links = analysis.links[analysis.links["article_id"] == article_id]
    denials = links[links["relation"] == _DENIES]
    same = _same_claims(claims, links)
    by_id = {int(c["claim_id"]): c for _, c in claims.iterrows()}
    rows = []
    for (_, claim), klass in zip(claims.iterrows(), source_classes(claims), strict=True):
        cid = int(claim["claim_id"])
        source = _speaker_label(claim)
        deniers = sorted(set(denials[denials["target_claim_id"].isin(same[cid])]["claim_id"].astype(int)) - {cid})
        targets = [int(t) for t in denials[denials["claim_id"] == cid]["target_claim_id"] if int(t) in by_id]
        denial = str(claim["stance"]) == _DENIAL or bool(targets)
        rows.append(
            {
                "claim_id": cid,
                "source": source or NO_SOURCE,
                "anonymity": NO_SOURCE if source is None else UNIDENTIFIED if klass in _UNIDENTIFIED else NAMED,
                "hedged": YES if len(claim["hedges"]) else NO,
                "denied": YES if (targets if denial else deniers) else NO,
                "denial": bool(denial),
                "hedges": list(claim["hedges"]),
                "denied_by": [_speaker_label(by_id[d]) or "an unnamed source" for d in deniers if d in by_id],
                "denying_quotes": _quotes(text, [by_id[d] for d in deniers if d in by_id]),
                "denied_quotes": _quotes(text, [by_id[t] for t in targets]),
                "speaker_text": None if pd.isna(claim["speaker_text"]) else str(claim["speaker_text"]),
                "content_text": str(claim["content_text"]),
                "content_start": int(claim["content_start"]),
                "content_end": int(claim["content_end"]),
                "explanations": list(claim["explanations"]),
                "excerpt_html": _excerpt_html(text, sentences, claim),
            }
        )
    return pd.DataFrame(rows, columns=KEY_COLUMNS)


def _quoted_list(names: Iterable[str], *, listed: int = NAMES_LISTED) -> str:
    """Join names in quotes, without repeats: names may hold commas themselves ("Russia, China").

    >>> _quoted_list(["Russia, China", "Russia", "Russia"])
    '\u201cRussia, China\u201d and \u201cRussia\u201d'
    >>> _quoted_list("ABC"), _quoted_list("ABC", listed=1)
    ('\u201cA\u201d, \u201cB\u201d and others', '\u201cA\u201d and others')
    """
    unique = [f"\u201c{n}\u201d" for n in dict.fromkeys(names)]
    if not unique:
        return "another claim"
    if len(unique) > listed:
        return ", ".join(unique[:listed]) + " and others"
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def why(question: str, key: pd.Series) -> str:
    """One plain sentence saying why the right answer to ``question`` is right (``key``: a row of the answer key).

    >>> why("hedged", pd.Series({"hedged": "yes", "hedges": ["reportedly"]}))
    'It is softened by: reportedly. The writer does not vouch for it.'
    """
    if question == "source":
        return _why_source(key)
    if question == "anonymity":
        source = quote(key["source"])
        return {
            NAMED: plain(f"{source} is named, so a reader can check who said it.", helps=_NAMED_HELPS),
            UNIDENTIFIED: plain(f"{source} does not tell us exactly who spoke, so we cannot check them.",
                                helps=_UNIDENTIFIED_HELPS),
            NO_SOURCE: "There is no source at all: the claim floats without anyone standing behind it.",
        }[key["anonymity"]]
    if question == "hedged":
        if key["hedged"] == YES:
            if not len(key["hedges"]):  # a teacher's correction: the words are not listed
                return "It is softened: the writer does not vouch for it."
            words = ", ".join(dict.fromkeys(key["hedges"]))  # a hedge used twice is one word to look for
            return plain(f"It is softened by: {words}. The writer does not vouch for it.")
        return "No hedging words: the claim is reported plainly."
    return _why_denied(key)


# Each follows a feedback line whose long source name alone lifts it past grade 8 (see
# toolkit.wording.plain): why that is the answer (the source is not the writer), or what a reader
# can do with it.
_SOURCE_HELPS = "They made the claim; the one who wrote the story just tells us so."
_NAMED_HELPS = "You could look them up to see what they know."
_UNIDENTIFIED_HELPS = "Ask why the article does not say who they are."
_DENIED_HELPS = "So ask which side gives proof."


def _why_source(key: pd.Series) -> str:
    if key["source"] == NO_SOURCE:
        return "No one is named or described as the source: the article only says it is claimed."
    source, mention = str(key["source"]), key["speaker_text"]
    # "Spokesperson Emily Horne" for Emily Horne says nothing new, nor does a pronoun ("he",
    # "that"): only a different mention is worth a sentence.
    if (isinstance(mention, str) and source.casefold() not in mention.casefold()
            and " ".join(mention.casefold().split()) not in PRONOUNS):
        return plain(f"The source is {source}. The article calls them {quote(mention)}.", helps=_SOURCE_HELPS)
    return plain(f"The source is {source}.", helps=_SOURCE_HELPS)


def _why_denied(key: pd.Series) -> str:
    quotes = " ".join(list(key.get("denied_quotes" if key.get("denial") else "denying_quotes", None) or [])[:1])
    if key.get("denial"):
        if key["denied"] == YES:
            return plain(f"It denies another claim. That claim says: {quotes}.") if quotes else "It denies another claim."
        return "It is a denial, but what it denies is not in the article."
    if key["denied"] == YES:
        if not len(key["denied_by"]):  # a teacher's correction: the denial is not linked
            return "Someone in the article denies it."
        # Long names and a long quotation lift the line past the grade: shorter forms name the
        # deniers shortly, then one of them, and quote fewer words; who denies it is never dropped.
        forms = [f"It is denied in the article by {_quoted_list(names, listed=listed)}."
                 + (f" They say: {quote(quotes, words=words)}." if quotes else "")
                 for names, listed, words in ((key["denied_by"], NAMES_LISTED, QUOTE_WORDS),
                                              ([short_name(n) for n in key["denied_by"]], NAMES_LISTED, NAME_WORDS),
                                              ([short_name(n) for n in key["denied_by"]], 1, NAME_WORDS))]
        return plain(*forms, helps=_DENIED_HELPS)
    return "Nobody in the article denies this claim."


class ExerciseState(HasTraits):
    """The student's progress: current claim, answers, score.

    ``answers`` maps ``claim_id`` to ``{question: answer}``; ``score`` counts right answers,
    ``answered`` the questions answered, ``total`` all questions (4 per claim).

    >>> ExerciseState(total=8).score
    0
    """

    article_id = Unicode()
    student = Unicode("")
    index = Int(0, help="position of the claim on screen (0-based)")
    answers = Dict()
    score = Int(0)
    answered = Int(0)
    total = Int(0)
    key = Instance(pd.DataFrame, args=(), help="the answer key (see answer_key)")

    def results(self) -> pd.DataFrame:
        """One row per question the student answered: their answer, whether it is right, and why; and the score.

        Unanswered questions are left out, so the file never gives away an answer. Claims are
        numbered from 1 in ``claim``, as on the cards; ``claim_id`` is the analysis's id.

        >>> ExerciseState().results().columns.tolist()[:5]
        ['student', 'article_id', 'claim', 'claim_id', 'question']
        """
        rows = []
        for rec in self.key.to_dict("records"):
            given = self.answers.get(rec["claim_id"], {})
            for q in QUESTIONS:
                answer = given.get(q)
                if answer is None:
                    continue
                rows.append(
                    {
                        "student": self.student,
                        "article_id": self.article_id,
                        "claim": int(rec["claim_id"]) + 1,
                        "claim_id": rec["claim_id"],
                        "question": question_text(q, rec),
                        "answer": answer,
                        "right_answer": rec[q],
                        "correct": answer == rec[q],
                        "explanation": why(q, pd.Series(rec)),
                        "score": self.score,
                        "out_of": self.total,
                    }
                )
        return pd.DataFrame(rows, columns=RESULT_COLUMNS)

    def to_csv(self, path: str | None = None) -> str:
        """Return the results as CSV text (and write them to ``path`` when given)."""
        buf = io.StringIO()
        self.results().to_csv(buf, index=False)
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(buf.getvalue())
        return buf.getvalue()


