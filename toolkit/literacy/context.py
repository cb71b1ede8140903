"""What every check rule reads and writes: the article, the shared facts, the rows.

:class:`Context` is the article's tables, :class:`Facts` what rules share, :class:`Rows` the
check rows a rule adds to.

:mod:`.checks` holds the rule registry; the rules live there and in :mod:`.voice_checks`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from ..types import Article, Check, Claim, Link, Marker, Sentence, Severity, SourceClass, Speaker
from ..wording import short_quote
from .content import ClaimInfo
from .explain import CHECK_LABELS, explain_check
from .markers import ClaimSpans
from .quoted import QuotedText
from .voices import UNIDENTIFIED, display_name

__all__ = ["DETAIL_WORDS", "Context", "Facts", "Rows", "Rule", "excerpt", "severity"]

# Claims quoted in a check's detail (the evidence list under the explanation) keep this many
# words: no sentence of ours is around them, so they keep about the 70 characters they had.
DETAIL_WORDS = 12


@dataclass
class Context:
    """Everything the checks of one article look at."""

    article: Article
    doc: Doc | None
    sentences: Sequence[Sentence]
    claims: Sequence[Claim]
    speakers: dict[int, Speaker]
    markers: Sequence[Marker]
    links: Sequence[Link]
    infos: dict[int, ClaimInfo]

    def speaker(self, claim: Claim) -> Speaker | None:
        """Return the speaker record of a claim, if any."""
        return self.speakers.get(claim.speaker_id) if claim.speaker_id is not None else None

    def who(self, claim: Claim) -> str:
        """Return a short name for the source of a claim (:data:`UNIDENTIFIED` when not identified)."""
        if claim.agentless or (claim.speaker_id is None and not claim.speaker_text):
            return f"nobody ({claim.cue_text})" if claim.cue_text else "nobody"
        return display_name(claim, self.speaker(claim)) or UNIDENTIFIED


def excerpt(text: str) -> str:
    """Return a claim's text for a detail line: one line of at most :data:`DETAIL_WORDS` words.

    >>> excerpt("that the plan   failed, the minister said on Monday after a long and tiring meeting")
    'the plan failed, the minister said on Monday after a long and…'
    """
    return short_quote(text, words=DETAIL_WORDS)


def severity(flag: bool, strong: bool = False) -> Severity:
    """Return "warning" for a strong flag, "notice" for a flag, else "info".

    >>> severity(True), severity(True, True), severity(False)
    ('notice', 'warning', 'info')
    """
    return "warning" if flag and strong else ("notice" if flag else "info")


class Rows:
    """The check rows of one article, each with its label and plain explanation."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.rows: list[Check] = []

    def add(self, check: str, value: float | None, detail: Any, severity: Severity, **facts: Any) -> None:
        """Add one row; ``facts`` fill the explanation's template (:func:`.explain.explain_check`)."""
        if detail is None or isinstance(detail, str):
            text = detail
        else:
            text = json.dumps(detail, ensure_ascii=False)
        value = None if value is None else float(value)
        self.rows.append(
            Check(self.article_id, check, CHECK_LABELS.get(check, check), value, text, severity, explain_check(check, value, **facts))
        )


@dataclass
class Facts:
    """What the rules share: where the claims sit, each claim's source class, and what a rule found for later ones."""

    where: ClaimSpans
    classes: dict[int, SourceClass]
    quoted: QuotedText
    unexplained: set[int] = field(default_factory=set)  # claims whose anonymity has no reason (set by _anonymity)


Rule = Callable[[Context, Facts, Rows], None]
