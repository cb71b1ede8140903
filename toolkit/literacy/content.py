"""What a claim is about: its entities, content words, verbs and side, read off the existing parse.

Nothing is re-parsed: tokens come from the article's ``Doc`` by character offsets.  When the
doc does not match the text (or has no lemmas, e.g. a blank model) plain lower-cased words are
used instead, so the functions still work, only less precisely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..types import Claim, Sentence, Speaker
from .lexicon import aliases
from .voices import voice_name

__all__ = ["ClaimInfo", "affiliation_of", "claim_info", "entity_texts", "side_of", "span_terms"]

ENTITY_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT"}
# Words about the reporting itself, not the reported event: "reports ... were not true".
META_WORDS = frozenset(
    ["report", "claim", "allegation", "accusation", "story", "rumour", "rumor", "suggestion", "speculation", "assertion", "news", "article", "account", "media", "medium", "information", "statement", "true", "untrue", "false", "baseless", "groundless", "unfounded", "nonsense", "lie", "fake", "deny", "denial", "such", "this", "these", "those"]
)
META_NOUNS = frozenset(["report", "claim", "allegation", "accusation", "story", "rumour", "rumor", "suggestion", "speculation", "assertion", "news", "account"])
ANAPHORS = frozenset({"such", "this", "these", "those"})
_SKIP_POS = {"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM", "SPACE", "SYM", "X", "INTJ"}
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "as", "into", "over", "after", "before", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our", "you", "your", "i", "me", "my", "that", "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "than", "then", "there", "here", "also", "very", "just", "so", "said", "says", "say"]
)


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    """The comparable parts of one claim."""

    claim_id: int
    sentence_id: int
    paragraph_id: int
    role: str
    entities: frozenset[str]
    words: frozenset[str]  # content lemmas: no stop words, entities or reporting meta-words
    verbs: frozenset[str]
    side: frozenset[str]  # the speaker's affiliation(s) or, failing that, its name
    first_word: str  # lemma of the first content word ("reports", "asking")
    anaphoric: bool  # content opens with "such", "this", "these", "those"
    quoted_words: int
    voice: str | None = None  # who is speaking (voices.voice_name): one voice never denies itself


def _canon(text: str) -> str:
    table = aliases()
    t = " ".join(text.replace("’", "'").split())
    for cand in (t, t.removeprefix("the ").removeprefix("The "), t.removesuffix("'s")):
        if cand in table:
            return table[cand]
    return t.removeprefix("the ").removeprefix("The ")


def affiliation_of(claim: Claim | None, speaker: Speaker | None) -> frozenset[str]:
    """Return the countries / sides a claim's speaker speaks for (empty when none is stated).

    >>> from toolkit.types import Speaker
    >>> sorted(affiliation_of(None, Speaker("a", 0, "Moscow, Beijing", "country", True)))
    ['China', 'Russia']
    """
    if speaker is not None and speaker.affiliation:
        parts = re.split(r"\s*(?:,|/|;|\band\b)\s*", speaker.affiliation)
        return frozenset(_canon(a) for a in parts if a)
    name = (speaker.name if speaker is not None else None) or (claim.speaker_text if claim is not None else None)
    if not name:
        return frozenset()
    table = aliases()
    words = [w.removesuffix("'s") for w in _WORD_RE.findall(name.replace("’", "'"))]
    return frozenset(table[w] for w in words if w in table)


def side_of(claim: Claim | None, speaker: Speaker | None) -> frozenset[str]:
    """Return the side a claim's speaker speaks for: its affiliation(s), else its name; empty if none.

    >>> from toolkit.types import Speaker
    >>> sorted(side_of(None, Speaker("a", 0, "Emily Horne", "person", True)))
    ['Emily Horne']
    """
    places = affiliation_of(claim, speaker)
    if places:
        return places
    name = (speaker.name if speaker is not None else None) or (claim.speaker_text if claim is not None else None)
    return frozenset({_canon(name)}) if name else frozenset()


def _spans(claim: Claim, n: int) -> list[tuple[int, int]]:
    out = []
    for s, e in claim.content_spans or ():
        if 0 <= int(s) < int(e) <= n:
            out.append((int(s), int(e)))
    if not out and 0 <= claim.content_start < claim.content_end <= n:
        out.append((claim.content_start, claim.content_end))
    return out


def entity_texts(span: Span) -> list[str]:
    """Return the texts of the named entities (of ``ENTITY_LABELS``) inside ``span``.

    Reads the tokens' IOB tags: ``Span.ents`` would walk every entity of the whole document
    on each call, which made per-claim and per-sentence lookups quadratic in article length.

    >>> import spacy
    >>> doc = spacy.blank("en")("Jake Sullivan met Yang")
    >>> doc.ents = [doc.char_span(0, 13, label="PERSON")]
    >>> entity_texts(doc[0:4])
    ['Jake Sullivan']
    """
    out: list[str] = []
    start: int | None = None
    doc = span.doc
    for tok in span:
        if start is not None and tok.ent_iob_ != "I":
            out.append(doc[start : tok.i].text)
            start = None
        if tok.ent_iob_ == "B" and tok.ent_type_ in ENTITY_LABELS:
            start = tok.i
    if start is not None:
        out.append(doc[start : span.end].text)
    return out


def span_terms(
    text: str, doc: Doc | None, spans: list[tuple[int, int]]
) -> tuple[set[str], list[str], set[str]]:
    """Return ``(entities, content words in order, verbs)`` of the given character spans.

    >>> span_terms("Moscow sought help.", None, [(0, 19)])
    ({'Russia'}, ['sought', 'help'], set())
    """
    table = aliases()
    ents: set[str] = set()
    words: list[str] = []
    verbs: set[str] = set()
    usable = doc is not None  # annotate() passes a doc only when doc.text == text
    for s, e in spans:
        if usable:
            span = doc.char_span(s, e, alignment_mode="expand")  # type: ignore[union-attr]
            if span is None:
                continue
            ents.update(_canon(name) for name in entity_texts(span))
            for tok in span:
                raw = tok.text.replace("’", "'")
                if raw in table or raw.removesuffix("'s") in table:
                    ents.add(table.get(raw) or table[raw.removesuffix("'s")])
                    continue
                if tok.ent_type_ in ENTITY_LABELS or not tok.is_alpha:
                    continue
                lemma = (tok.lemma_ or tok.text).lower()
                if tok.pos_ in _SKIP_POS or tok.is_stop or lemma in _STOP:
                    if lemma in ANAPHORS:
                        words.append(lemma)
                    continue
                words.append(lemma)
                if tok.pos_ == "VERB":
                    verbs.add(lemma)
        else:
            for m in _WORD_RE.finditer(text[s:e]):
                w = m.group(0).replace("’", "'")
                if w in table or w.removesuffix("'s") in table:
                    ents.add(table.get(w) or table[w.removesuffix("'s")])
                elif w[0].isupper() and m.start() > 0:
                    ents.add(w)
                elif w.lower() not in _STOP or w.lower() in ANAPHORS:
                    words.append(w.lower())
    return ents, words, verbs


def claim_info(
    claim: Claim,
    text: str,
    doc: Doc | None,
    sentences: dict[int, Sentence],
    speaker: Speaker | None,
) -> ClaimInfo:
    """Collect the entities, content words and verbs of a claim's content from the parse.

    >>> import spacy
    >>> from toolkit.types import Claim
    >>> t = "Moscow denied asking Beijing for help."
    >>> c = Claim("a", 0, 0, None, "Moscow", 0, 6, "denied", 7, 13, "deny", t[14:37], 14, 37, ((14, 37),), "indirect", "deny")
    >>> info = claim_info(c, t, spacy.blank("en")(t), {}, None)
    >>> sorted(info.entities), sorted(info.words), sorted(info.side)
    (['China'], ['asking', 'help'], ['Russia'])
    """
    spans = _spans(claim, len(text))
    ents, words, verbs = span_terms(text, doc, spans)
    quoted = sum(len(text[s:e].split()) for s, e in spans) if claim.quote_type in ("direct", "mixed") else 0
    first = next((w for w in words if w not in ANAPHORS), "")
    anaphoric = any(w in ANAPHORS for w in words[:3])
    sent = sentences.get(claim.sentence_id)
    return ClaimInfo(
        claim_id=claim.claim_id,
        sentence_id=claim.sentence_id,
        paragraph_id=sent.paragraph_id if sent else -1,
        role=sent.role if sent else "body",
        entities=frozenset(ents),
        words=frozenset(w for w in words if w not in META_WORDS),
        verbs=frozenset(verbs - META_WORDS),
        side=side_of(claim, speaker),
        first_word=first,
        anaphoric=anaphoric,
        quoted_words=quoted,
        voice=voice_name(claim, speaker),
    )
