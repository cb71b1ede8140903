"""Attributions marked by layout: headline colons, transcript turns and dash credits."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ...types import HEADLINE_ROLES, Sentence
from .. import cues as C
from ..context import ArticleContext, Draft
from ..source_words import person_noun, terms
from ..spans import CharSpan

__all__ = ["colon_rule", "dash_head_rule", "dash_tail_drafts"]

_NAME = r"[A-Z][\w.'’\-]*"
_COLON_HEAD_RE = re.compile(rf"[\"“]?({_NAME}(?:\s+{_NAME}){{0,3}})\s*:\s+\S")
_DASH_TAIL_RE = re.compile(rf"\s*([―—–])\s*({_NAME}(?:\s+{_NAME}){{0,3}})\s*[.]?\s*")
_DASH_HEAD_RE = re.compile(rf"({_NAME}(?:\s+{_NAME}){{0,4}})\s*[―—–]\s*([\"“”].*\S)\s*")
# Labels before a colon that are not sources ("Update: ...", "The Latest: ...").
_NOT_SPEAKERS = frozenset(
    (
        "update", "note", "editor's note", "editor’s note", "photo", "photos", "video", "watch",
        "read", "related", "source", "sources", "correction", "breaking", "exclusive", "analysis",
        "opinion", "live", "the latest", "latest", "q", "a", "question", "answer", "warning",
        "caution", "disclosure", "listen", "more", "see also", "why", "how", "what", "when",
        "where", "who",
    )
)  # fmt: skip
# Entity labels that name a source (not DATE, WORK_OF_ART, EVENT ...).
_SOURCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A colon turn shorter than this ("Trump: Yes") is a label or an aside, not a claim.
_MIN_COLON_CONTENT = 8


def _speaker_label(label: str) -> bool:
    """Tell whether the words before a colon can name a source.

    >>> _speaker_label("The Nurse Manager"), _speaker_label("The Latest"), _speaker_label("Poll")
    (True, False, True)
    """
    if label.lower() in _NOT_SPEAKERS:
        return False
    words = label.lower().split()
    if words[0] not in ("the", "a", "an"):
        return True
    # "The Nurse Manager: ...", "The White House: ...": a role or a body, not a section label
    return _source_noun(words[-1]) or label.lower() == "the white house"


def _source_noun(word: str) -> bool:
    """Tell whether a word is a person noun or names a body or a document in the lexicons."""
    return person_noun(word) or any(
        word in terms(name) for name in ("speaker_organizations", "speaker_government", "document_sources")
    )


def _topic_label(art: ArticleContext, span: Span) -> bool:
    """Tell whether a headline label is a topic kicker ("Coronavirus: ..."), not a source.

    A source credited in a headline is a name the tagger knows or a source noun ("Poll"); a
    label that is neither and that the article writes in lower case elsewhere ("the
    coronavirus") is a common noun capitalised by the headline: a topic, not a speaker.
    """
    if any(t.ent_type_ in _SOURCE_LABELS for t in span) or _source_noun(span[-1].lower_):
        return False
    low = span[-1].lower_
    return any(t.text == low for t in art.doc if t.i >= span.end)


def colon_rule(art: ArticleContext, s: Sentence, line_end: int) -> Draft | None:
    """``WALLACE: ...`` (a transcript turn, to the end of the paragraph) or ``Poll: ...`` (headline).

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("WALLACE: Do you think the war will end soon? Will it?")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> d = colon_rule(art, art.sentences[0], len(doc.text))
    >>> doc.text[slice(*d.speaker)], d.quote_type, doc.text[slice(*d.spans[0])]
    ('WALLACE', 'direct', 'Do you think the war will end soon? Will it?')
    """
    text = art.text
    m = _COLON_HEAD_RE.match(text, s.start, line_end)
    if not m or not _speaker_label(m.group(1)):
        return None
    label, name_end = m.group(1), m.end(1)
    colon = text.index(":", name_end)
    transcript = label.isupper() and len(label) > 1
    if not transcript and colon >= s.end:
        return None
    end = line_end if transcript else s.end
    content_start = colon + 1
    while content_start < end and text[content_start].isspace():
        content_start += 1
    if end - content_start < _MIN_COLON_CONTENT:
        return None
    span = art.doc.char_span(m.start(1), name_end, alignment_mode="expand")
    if span is None:
        return None
    if not (transcript or s.role in HEADLINE_ROLES or any(t.pos_ == "PROPN" for t in span)):
        return None
    if not transcript and _topic_label(art, span):
        return None
    cue = C.Cue(C.COLON, span.end - 1, colon, colon + 1, ":", "assert")
    quote_type = "direct" if transcript or text[content_start] in "\"“'‘" else "indirect"
    speaker = (span.start_char, span.end_char)
    return Draft(s.sentence_id, cue, speaker, None, [(content_start, end)], quote_type, "assert")


def dash_head_rule(art: ArticleContext, s: Sentence, line_end: int) -> Draft | None:
    """``Name ― “quote”``: a name, a dash and a quotation filling the rest of the paragraph.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("Bernie Sanders ― “We will win this fight.”")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> doc.text[slice(*dash_head_rule(art, art.sentences[0], len(doc.text)).speaker)]
    'Bernie Sanders'
    """
    m = _DASH_HEAD_RE.fullmatch(art.text, s.start, line_end)
    if not m:
        return None
    span = art.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if span is None or not any(t.pos_ == "PROPN" for t in span):
        return None
    dash = m.end(1)
    while art.text[dash] not in "―—–":
        dash += 1
    cue = C.Cue(C.DASH, span.end - 1, dash, dash + 1, art.text[dash], "assert")
    speaker = (span.start_char, span.end_char)
    return Draft(s.sentence_id, cue, speaker, None, [(m.start(2), m.end(2))], "direct", "assert")


def dash_tail_drafts(art: ArticleContext, taken: set[CharSpan]) -> list[Draft]:
    """``“...” — Name``: a quotation nobody claimed, credited by a dash and a name after it.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("“We will win this fight.” — Bernie Sanders")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> [doc.text[slice(*d.speaker)] for d in dash_tail_drafts(art, set())]
    ['Bernie Sanders']
    """
    out = []
    for q in art.quotes:
        if (q.start, q.end) in taken:
            continue
        line_end = art.text.find("\n", q.end)
        line_end = len(art.text) if line_end < 0 else line_end
        m = _DASH_TAIL_RE.fullmatch(art.text, q.end, line_end)
        if not m:
            continue
        span = art.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        dash = m.start(1)
        cue = C.Cue(C.DASH, span.start, dash, dash + 1, art.text[dash], "assert")
        speaker = (span.start_char, span.end_char)
        out.append(Draft(art.sentence_of(dash), cue, speaker, None, [(q.start, q.end)], "direct", "assert"))
    return out
