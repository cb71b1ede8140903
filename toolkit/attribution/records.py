"""Records: turn the repaired drafts of an article into ``Claim``, ``Speaker`` and hedge ``Marker`` rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..types import Claim, Gender, GenderBasis, Marker, Speaker, unresolved_name
from . import cues as C
from .context import ArticleContext, Draft
from .coref import Mention, name_key, resolve
from .entities import Entity
from .gender import FIRST_NAME_CERTAINTY, FIRST_NAME_VETO, decide, first_name_gender
from .hedges import iter_hedges
from .names import organization_alias, titles
from .source_words import person_noun
from .spans import CharSpan, core_range, token_range
from .speakers import anonymity_reason, describe

__all__ = ["build_records", "canonical_name", "speaker_gender", "speaker_key"]

# Kinds whose name identifies the same source in another article; anonymous and vague sources
# ("officials", "critics") are different people each time.
_KEYED_KINDS = frozenset({"person", "organization", "country", "government", "document"})

_DATELINE_RE = re.compile(
    r"(?=[A-Z.'’]{5}|[A-Z.'’]+ [A-Z])[A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*)*(?:, [A-Z][A-Za-z.]+)?\s*"
    r"(?:\([A-Za-z ]+\))?\s*(?:--|—|–|-)\s+"
)


@dataclass(slots=True)
class _Speakers:
    """The speaker mentions of an article's drafts, merged into entities and numbered."""

    mentions: list[Mention]
    written: list[CharSpan]  # character span of each mention
    mention_of: dict[int, int]  # draft index -> mention index
    assign: list[int]  # mention index -> entity index
    entities: list[Entity]
    order: dict[int, int]  # entity index -> speaker id, by first appearance


def _speakers(art: ArticleContext, drafts: list[Draft]) -> _Speakers:
    doc = art.doc
    mentions: list[Mention] = []
    written: list[CharSpan] = []
    mention_of: dict[int, int] = {}
    for k, d in enumerate(drafts):
        if d.speaker is None:
            continue
        tokens = token_range(doc, *d.speaker)
        if tokens is None:
            continue  # cannot happen: a sanitized speaker holds a letter or digit
        antecedent = token_range(doc, *d.antecedent) if d.antecedent is not None else None
        mention_of[k] = len(mentions)
        written.append(d.speaker)
        c0, c1 = core_range(doc, *tokens)
        mentions.append(Mention(tokens[0], tokens[1], describe(doc[c0:c1]), antecedent, tuple(d.spans)))
    # "Mr Blair has failed, he claimed, saying he has the wrong solutions": one "he" speaks both
    # claims, so neither claim's words (Mr Blair) can be who "he" is
    said_by: dict[tuple[int, int], tuple[CharSpan, ...]] = {}
    for m in mentions:
        said_by[m.start, m.end] = said_by.get((m.start, m.end), ()) + m.content
    mentions = [replace(m, content=said_by[m.start, m.end]) for m in mentions]
    assign, entities = resolve(doc, mentions, quoted=art.quoted) if mentions else ([], [])
    order: dict[int, int] = {}
    for k in sorted(range(len(mentions)), key=lambda k: mentions[k].start):
        order.setdefault(assign[k], len(order))
    return _Speakers(mentions, written, mention_of, assign, entities, order)


def _content_spans(text: str, d: Draft) -> list[CharSpan]:
    spans = sorted({(max(0, a), min(len(text), b)) for a, b in d.spans if b > a})
    m = _DATELINE_RE.match(text, spans[0][0], spans[0][1])
    if m and m.end() < spans[0][1]:
        spans[0] = (m.end(), spans[0][1])  # "WASHINGTON (AP) — ..." is not part of the claim
    return spans


def claim_hedges(text: str, d: Draft, spans: list[CharSpan]) -> list[tuple[int, int, bool]]:
    """``(start, end, inside_content)`` of the hedges of one claim, outermost only, in order.

    Hedges count inside the content and where they start in the cue or a hedge attached to it
    ("has reportedly said", "are said to").
    """
    hits = [(a, b, True) for x, y in spans for a, b in iter_hedges(text, x, y)]
    for a, b in [(d.cue.start, d.cue.end), *d.hedge_spans]:
        hits += [(h0, h1, any(x <= h0 < y for x, y in spans)) for h0, h1 in iter_hedges(text, a, b)]
    seen: set[CharSpan] = set()
    out = []
    for a, b, inside in sorted(hits):
        if (a, b) in seen or any(x <= a and b <= y and (x, y) != (a, b) for x, y, _ in hits):
            continue
        seen.add((a, b))
        out.append((a, b, inside))
    return out


def canonical_name(ent: Entity) -> str:
    """Return the best name of a merged speaker.

    The fullest personal name the article uses, the country a place stands for, or the longest
    description; a pronoun tied to no source is shown as such ("unresolved: he").

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Dmitry Peskov said it. Peskov added more. He left.")
    >>> canonical_name(Entity(infos=[describe(doc[5:6]), describe(doc[0:2])]))
    'Dmitry Peskov'
    >>> canonical_name(Entity(infos=[describe(doc[9:10])], resolved=False))
    'unresolved: he'
    """
    if ent.name is not None:
        return ent.name
    if ent.described_as is not None:
        return ent.described_as
    infos = [i for i in ent.infos if not i.pronoun]
    if not infos:
        return unresolved_name(ent.infos[0].name if ent.infos else None)
    # a source the article names is called by its name, not by "the company" it is also called
    infos = [i for i in infos if i.named] or infos
    kind = ent.kind
    if kind == "person":
        return max((i.name for i in infos), key=lambda n: (len(n.split()), len(n)))
    if kind == "country":
        countries = {i.affiliation for i in infos if i.affiliation}
        if len(countries) == 1:
            return next(iter(countries))
    return max((i.name for i in infos), key=len)


def speaker_gender(ent: Entity) -> tuple[Gender, GenderBasis]:
    """Return a speaker's gender and its basis: the article's signals, then the first name.

    Persons only (a single unnamed person from the article's words alone: "a young woman");
    organisations, countries, documents and groups never get one.

    >>> speaker_gender(Entity(name="Jennifer Lee", infos=[]))
    ('unknown', 'none')
    """
    infos = [i for i in ent.infos if not i.pronoun]
    if ent.kind not in ("person", "anonymous", "unknown") or not infos or any(i.plural for i in infos):
        return "unknown", "none"
    gender, basis = decide(ent.votes)
    if basis == "pronoun" and _first_name_guess(ent, certainty=FIRST_NAME_VETO) not in ("unknown", gender):
        # Pronouns reach a speaker through coreference, which errs ("Fiona Hill ... she" tied to
        # Donald Trump); against a first name nearly all of whose bearers differ they prove nothing.
        return "unknown", "none"
    if gender == "unknown" and (guess := _first_name_guess(ent)) != "unknown":
        return guess, "first name"
    return gender, basis


def _first_name_guess(ent: Entity, *, certainty: float = FIRST_NAME_CERTAINTY) -> Gender:
    """Return what the first name of a named person's fullest name suggests (unknown without one)."""
    if ent.kind != "person" or not (ent.name is not None or any(i.named for i in ent.infos if not i.pronoun)):
        return "unknown"
    name = canonical_name(ent)
    words = name_key(name).split()
    if len(words) < 2 or person_noun(words[-1]) or words[-1] in titles():
        return "unknown"  # an office in capitals ("The International Trade Secretary") names no one
    if name.split()[0].lower() == "the":
        return "unknown"  # a place or body the tagger called a person ("the Palace of Westminster")
    return first_name_gender(words[0], certainty=certainty)


def speaker_key(ent: Entity) -> str | None:
    """Return the corpus-wide key of a speaker: its normalised full name, or None.

    None for pronouns and generic heads the article never ties to a source, and for anonymous
    or vague sources.

    >>> speaker_key(Entity(name="Mr Tony Blair")), speaker_key(Entity(resolved=False))
    ('tony blair', None)
    """
    if not ent.resolved:
        return None
    if ent.name is not None:
        return name_key(ent.name) or None
    infos = [i for i in ent.infos if not i.pronoun]
    if ent.kind not in _KEYED_KINDS or ent.kind == "person" or not any(i.named for i in infos):
        return None
    name = canonical_name(ent)
    # "the Tories" in one article, "the Conservatives" in the next: one party across the corpus
    return name_key(organization_alias(name) or name) or None


def _claim(art: ArticleContext, article_id: str, cid: int, d: Draft, spans: list[CharSpan], sp: _Speakers) -> Claim:
    text = art.text
    speaker_id = speaker_name = None
    speaker_kind = "agentless" if d.speaker is None else "unknown"
    if cid in sp.mention_of:
        ent_index = sp.assign[sp.mention_of[cid]]
        speaker_id = sp.order[ent_index]
        speaker_kind = sp.entities[ent_index].kind
        speaker_name = canonical_name(sp.entities[ent_index])
    sp_start, sp_end = d.speaker if d.speaker is not None else (None, None)
    continued = d.cue.kind == C.CONTINUATION  # a quote running on: no cue of its own
    return Claim(
        article_id=article_id,
        claim_id=cid,
        sentence_id=art.sentence_of(d.cue.start),
        speaker_id=speaker_id,
        speaker_text=text[sp_start:sp_end] if d.speaker is not None else None,
        speaker_start=sp_start,
        speaker_end=sp_end,
        cue_text=None if continued else text[d.cue.start : d.cue.end],
        cue_start=None if continued else d.cue.start,
        cue_end=None if continued else d.cue.end,
        cue_lemma=None if continued else d.cue.lemma,
        content_text=text[spans[0][0] : spans[-1][1]],
        content_start=spans[0][0],
        content_end=spans[-1][1],
        content_spans=tuple(spans),
        quote_type=d.quote_type,
        stance=d.stance,
        hedges=tuple(text[a:b] for a, b, _ in claim_hedges(text, d, spans)),
        anonymous=speaker_kind == "anonymous",
        agentless=d.agentless,
        speaker_name=speaker_name,
        speaker_kind=speaker_kind,
    )


def build_records(
    art: ArticleContext, article_id: str, drafts: list[Draft]
) -> tuple[list[Claim], list[Speaker], list[Marker]]:
    """Return the claims, speakers and hedge markers of the drafts (claim ids follow their order).

    >>> import spacy
    >>> build_records(ArticleContext(spacy.blank("en")("Hi."), []), "a", [])
    ([], [], [])
    """
    text = art.text
    sp = _speakers(art, drafts)
    claims: list[Claim] = []
    markers: list[Marker] = []
    claims_of: dict[int, list[int]] = {}
    for cid, d in enumerate(drafts):
        spans = _content_spans(text, d)
        if cid in sp.mention_of:
            claims_of.setdefault(sp.assign[sp.mention_of[cid]], []).append(cid)
        for a, b, inside in claim_hedges(text, d, spans):
            markers.append(Marker(article_id, art.sentence_of(a), "hedge", text[a:b], a, b, cid, inside))
        claims.append(_claim(art, article_id, cid, d, spans, sp))
    return claims, _speaker_rows(art, article_id, sp, claims_of, drafts), markers


def _reason(art: ArticleContext, cids: list[int], drafts: list[Draft]) -> str | None:
    """Return the stated reason for anonymity in the sentence of the speaker's first claim that has one."""
    by_id = {s.sentence_id: s for s in art.sentences}
    for c in cids:
        span = art.span_of(by_id[drafts[c].sentence_id])
        if span is not None:
            r = anonymity_reason(span)
            if r is not None:
                return art.text[r[0] : r[1]]
    return None


def _speaker_rows(
    art: ArticleContext, article_id: str, sp: _Speakers, claims_of: dict[int, list[int]], drafts: list[Draft]
) -> list[Speaker]:
    """Build one speaker row per entity, numbered by first appearance."""
    rows: list[Speaker] = []
    for e, sid in sorted(sp.order.items(), key=lambda kv: kv[1]):
        ent = sp.entities[e]
        written = list(dict.fromkeys(art.text[m0:m1] for m0, m1 in (sp.written[k] for k in ent.members)))
        infos = [i for i in ent.infos if not i.pronoun] or ent.infos
        by_length = sorted(infos, key=lambda i: -len(i.descriptor or ""))
        cids = claims_of.get(e, [])
        gender, basis = speaker_gender(ent)
        rows.append(
            Speaker(
                article_id=article_id,
                speaker_id=sid,
                name=canonical_name(ent),
                kind=ent.kind,
                named=any(i.named for i in infos),
                descriptor=next((i.descriptor for i in by_length if i.descriptor), None),
                affiliation=next((i.affiliation for i in infos if i.affiliation), None),
                mentions=tuple(written),
                n_claims=len(cids),
                first_sentence_id=min((drafts[c].sentence_id for c in cids), default=0),
                anonymity_reason=_reason(art, cids, drafts) if ent.kind == "anonymous" else None,
                gender=gender,
                gender_basis=basis,
                speaker_key=speaker_key(ent),
                resolved=ent.resolved,
            )
        )
    return rows
