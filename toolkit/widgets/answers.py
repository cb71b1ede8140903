"""The classroom exercise's answers: an article's answer key, why each answer is right, the student's progress."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from typing import Any

import pandas as pd
from traitlets import Dict, HasTraits, Instance, Int, Unicode

from ..analysis import Analysis
from ..types import Relation, SourceClass
from .shared import NO_SOURCE, check_article, source_classes

__all__ = ["ANONYMITY_CHOICES", "NAMED", "NO", "QUESTIONS", "UNIDENTIFIED", "YES", "YES_NO", "ExerciseState",
           "answer_key", "why"]

NAMED, UNIDENTIFIED = "named", "anonymous or vague"
ANONYMITY_CHOICES = (NAMED, UNIDENTIFIED, NO_SOURCE)
# The classes answered "anonymous or vague": a source is there, but a reader cannot check who.
_UNIDENTIFIED: tuple[SourceClass, ...] = ("anonymous", "vague")
YES, NO = "yes", "no"
YES_NO = (YES, NO)
# The link relation the "denied" question asks about.
_DENIES: Relation = "denies"
KEY_COLUMNS = ["claim_id", "source", "anonymity", "hedged", "denied", "hedges", "denied_by",
               "speaker_text", "content_text", "explanations", "excerpt_html"]
QUESTIONS: dict[str, str] = {
    "source": "Who is the source of this claim?",
    "anonymity": "Is the source named or anonymous?",
    "hedged": "Is the claim hedged (softened with words like 'reportedly', 'may', 'is said to')?",
    "denied": "Is this claim denied by someone in the article?",
}


def _speaker_label(row: pd.Series) -> str | None:
    if bool(row["agentless"]) or (pd.isna(row["speaker_id"]) and pd.isna(row["speaker_text"])):
        return None
    for col in ("speaker_name", "speaker_text"):
        if pd.notna(row[col]) and str(row[col]).strip():
            return str(row[col]).strip()
    return None


def _excerpt_html(text: str, sentences: pd.DataFrame, claim: pd.Series) -> str:
    """Return the sentences holding the claim, escaped, with its content spans marked (not the speaker)."""
    points = [int(claim["content_start"]), int(claim["content_end"])]
    points += [int(claim[c]) for c in ("cue_start", "cue_end", "speaker_start", "speaker_end") if pd.notna(claim[c])]
    lo, hi = min(points), max(points)
    if len(sentences):
        before = sentences[sentences["start"] <= lo]
        after = sentences[sentences["end"] >= hi]
        lo = int(before["start"].max()) if len(before) else lo
        hi = int(after["end"].min()) if len(after) else hi
    spans = [(int(s), int(e)) for s, e in claim["content_spans"]] or [
        (int(claim["content_start"]), int(claim["content_end"]))
    ]
    parts, pos = [], lo
    for s, e in sorted(spans):
        s, e = max(s, pos), min(e, hi)
        if s >= e:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    parts.append(html.escape(text[pos:hi]))
    return "".join(parts)


def answer_key(analysis: Analysis, article_id: str) -> pd.DataFrame:
    """Return the right answers of the exercise, one row per claim of ``article_id``.

    Columns: ``claim_id, source, anonymity, hedged, denied`` (the four answers), ``hedges``,
    ``denied_by`` (who denies it), ``speaker_text``, ``explanations`` and ``excerpt_html``.

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
    links = analysis.links[(analysis.links["article_id"] == article_id) & (analysis.links["relation"] == _DENIES)]
    rows = []
    for (_, claim), klass in zip(claims.iterrows(), source_classes(claims), strict=True):
        source = _speaker_label(claim)
        deniers = links[links["target_claim_id"] == claim["claim_id"]]["claim_id"].tolist()
        rows.append(
            {
                "claim_id": int(claim["claim_id"]),
                "source": source or NO_SOURCE,
                "anonymity": NO_SOURCE if source is None else UNIDENTIFIED if klass in _UNIDENTIFIED else NAMED,
                "hedged": YES if len(claim["hedges"]) else NO,
                "denied": YES if deniers else NO,
                "hedges": list(claim["hedges"]),
                "denied_by": _denied_by(claims, deniers),
                "speaker_text": None if pd.isna(claim["speaker_text"]) else str(claim["speaker_text"]),
                "content_text": str(claim["content_text"]),
                "explanations": list(claim["explanations"]),
                "excerpt_html": _excerpt_html(text, sentences, claim),
            }
        )
    return pd.DataFrame(rows, columns=KEY_COLUMNS)


def _denied_by(claims: pd.DataFrame, deniers: list[Any]) -> list[str]:
    """Who makes each denying claim (claims of other articles are not in ``claims``: skipped)."""
    out = []
    for cid in deniers:
        hit = claims[claims["claim_id"] == cid]
        if len(hit):
            out.append(_speaker_label(hit.iloc[0]) or "an unnamed source")
    return out


def _quoted_list(names: Iterable[str]) -> str:
    """Join names in quotes, without repeats: names may hold commas themselves ("Russia, China").

    >>> _quoted_list(["Russia, China", "Russia", "Russia"])
    '\u201cRussia, China\u201d and \u201cRussia\u201d'
    """
    unique = [f"\u201c{n}\u201d" for n in dict.fromkeys(names)]
    if not unique:
        return "another claim"
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def why(question: str, key: pd.Series) -> str:
    """One plain sentence saying why the right answer to ``question`` is right (``key``: a row of the answer key).

    >>> why("hedged", pd.Series({"hedged": "yes", "hedges": ["reportedly"]}))
    'It is softened by: reportedly. The writer does not vouch for it.'
    """
    if question == "source":
        if key["source"] == NO_SOURCE:
            return "No one is named or described as the source: the article only says it is claimed."
        mention = key["speaker_text"]
        if mention and mention.casefold() != str(key["source"]).casefold():
            return f"The source is {key['source']}; here the article calls them \u201c{mention}\u201d."
        return f"The source is {key['source']}."
    if question == "anonymity":
        return {
            NAMED: f"{key['source']} is identified, so a reader can check who said it.",
            UNIDENTIFIED: f"\u201c{key['source']}\u201d does not tell us exactly who spoke, so we cannot check them.",
            NO_SOURCE: "There is no source at all: the claim floats without anyone standing behind it.",
        }[key["anonymity"]]
    if question == "hedged":
        if key["hedged"] == YES:
            return f"It is softened by: {', '.join(key['hedges'])}. The writer does not vouch for it."
        return "No hedging words: the claim is reported plainly."
    if key["denied"] == YES:
        return f"It is denied in the article by {_quoted_list(key['denied_by'])}."
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
        """One row per question of every claim: the student's answer, the right one, and whether it matches.

        >>> ExerciseState().results().columns.tolist()[:4]
        ['student', 'article_id', 'claim_id', 'question']
        """
        rows = []
        for rec in self.key.to_dict("records"):
            given = self.answers.get(rec["claim_id"], {})
            for q in QUESTIONS:
                answer = given.get(q)
                rows.append(
                    {
                        "student": self.student,
                        "article_id": self.article_id,
                        "claim_id": rec["claim_id"],
                        "question": QUESTIONS[q],
                        "answer": answer,
                        "right_answer": rec[q],
                        "correct": None if answer is None else answer == rec[q],
                        "explanation": why(q, pd.Series(rec)),
                    }
                )
        cols = ["student", "article_id", "claim_id", "question", "answer", "right_answer", "correct", "explanation"]
        return pd.DataFrame(rows, columns=cols)

    def to_csv(self, path: str | None = None) -> str:
        """Return the results as CSV text (and write them to ``path`` when given)."""
        buf = io.StringIO()
        self.results().to_csv(buf, index=False)
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(buf.getvalue())
        return buf.getvalue()


