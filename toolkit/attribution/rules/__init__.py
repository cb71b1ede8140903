"""The cue rules: one function per kind of cue, all with one signature, found by kind.

A cue rule reads one cue of one sentence and returns a :class:`~..context.Draft` or None.
:data:`CLAUSE_RULES` run first, in cue order; :data:`HEDGE_RULES` run second because an agentless
cue may instead hedge a claim the first rules made ("has reportedly said").  :data:`LINE_RULES`
read the start of a paragraph (headline colons, dash credits), the first match wins.
"""

from __future__ import annotations

from collections.abc import Callable

from ...types import Sentence
from .. import cues as C
from ..context import ArticleContext, Draft, SentenceCues
from .clauses import according_rule, adjective_rule, agentless_rule, noun_rule
from .lines import colon_rule, dash_head_rule, dash_tail_drafts
from .verb import judging_rule, verb_rule

__all__ = ["CLAUSE_RULES", "HEDGE_RULES", "LINE_RULES", "CueRule", "LineRule", "dash_tail_drafts"]

CueRule = Callable[[ArticleContext, SentenceCues, C.Cue], Draft | None]
LineRule = Callable[[ArticleContext, Sentence, int], Draft | None]

CLAUSE_RULES: dict[str, CueRule] = {
    C.VERB: verb_rule, C.ACCORDING: according_rule, C.NOUN: noun_rule, C.ADJECTIVE: adjective_rule,
    C.JUDGING: judging_rule,
}
HEDGE_RULES: dict[str, CueRule] = {C.ADVERB: agentless_rule, C.PASSIVE: agentless_rule}
LINE_RULES: tuple[LineRule, ...] = (colon_rule, dash_head_rule)
