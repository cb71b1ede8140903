"""Records and table schemas: the one place where every table's columns are defined.

Extractors return the frozen records below; :func:`frame` turns a list of records (or
dicts) into a DataFrame whose columns and dtypes follow :data:`SCHEMAS`.  The README's
"Tables" section is generated from the same dictionaries (``python -m toolkit schema``),
so documentation and code cannot drift apart.

Every ``*_start``/``*_end`` pair is a character offset into the article's ``text`` exactly
as loaded: ``text[start:end]`` is the span.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

import pandas as pd

__all__ = [
    "SCHEMAS",
    "SOURCE_CLASSES",
    "TABLES",
    "Article",
    "Check",
    "Claim",
    "ErrorRecord",
    "Link",
    "Marker",
    "Sentence",
    "Speaker",
    "WebPage",
    "empty_frame",
    "frame",
    "schema_markdown",
    "source_class",
]

# Vocabularies: each is a Literal type (for annotations and mypy) and the tuple of its values
# (for code and the schema), derived from the Literal so the two cannot drift apart.
Role = Literal["headline", "standfirst", "subhead", "body", "credit", "byline"]
ROLES: tuple[Role, ...] = get_args(Role)
# Display text above the body: what a reader sees before the first paragraph.
HEADLINE_ROLES: tuple[Role, ...] = ("headline", "standfirst", "subhead")
QuoteType = Literal["direct", "indirect", "mixed", "according_to", "agentless"]
QUOTE_TYPES: tuple[QuoteType, ...] = get_args(QuoteType)
Stance = Literal["assert", "deny", "accuse", "warn", "question", "other"]
STANCES: tuple[Stance, ...] = get_args(Stance)
SpeakerKind = Literal[
    "person", "organization", "country", "government", "document", "anonymous", "vague", "unknown"
]
SPEAKER_KINDS: tuple[SpeakerKind, ...] = get_args(SpeakerKind)
# The speaker_kind / source_class of a claim with no speaker at all ("it is said", "reportedly").
AGENTLESS: Final = "agentless"
# Who stands behind a claim, for sourcing shares; order = from best identified to least.
SourceClass = Literal["named person", "institution", "document", "anonymous", "vague", "agentless", "unknown"]
SOURCE_CLASSES: tuple[SourceClass, ...] = get_args(SourceClass)
_KIND_CLASS: dict[str, SourceClass] = {
    "person": "named person",
    "organization": "institution",
    "country": "institution",
    "government": "institution",
    "document": "document",
    "anonymous": "anonymous",
    "vague": "vague",
    "agentless": "agentless",
}
CueStance = Literal["neutral", "endorsing", "doubting", "guilt", "denial", "accusation", "belief"]
CUE_STANCES: tuple[CueStance, ...] = get_args(CueStance)
Relation = Literal["denies", "accuses", "supports", "repeats"]
RELATIONS: tuple[Relation, ...] = get_args(Relation)
Severity = Literal["info", "notice", "warning"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
Stage = Literal["load", "parse", "extract", "check"]
STAGES: tuple[Stage, ...] = get_args(Stage)
Level = Literal["error", "warning"]
LEVELS: tuple[Level, ...] = get_args(Level)
MarkerKind = Literal["hedge", "doubt", "loaded", "anonymity_reason", "booster"]
MARKER_KINDS: tuple[MarkerKind, ...] = get_args(MarkerKind)


def source_class(kind: Any, *, anonymous: Any = False, agentless: Any = False, named: Any = True) -> SourceClass:
    """Return the source class of a claim (one of :data:`SOURCE_CLASSES`) from its speaker.

    The one definition used by the checks, charts, widgets and report.

    >>> source_class("country"), source_class("person", anonymous=True), source_class(None, agentless=True)
    ('institution', 'anonymous', 'agentless')
    >>> source_class("person", named=False)  # "a witness": a person, but not identified
    'vague'
    """
    if agentless is True or kind == "agentless":
        return "agentless"
    if anonymous is True or kind == "anonymous":
        return "anonymous"
    if not isinstance(kind, str):
        return "unknown"
    if kind == "person" and named is False:
        return "vague"
    return _KIND_CLASS.get(kind, "unknown")


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded article (a row of the ``articles`` table)."""

    article_id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: Any = None
    outlet: str | None = None
    byline: str | None = None
    section: str | None = None
    n_words: int = 0


@dataclass(frozen=True, slots=True)
class WebPage:
    """The article found in one news web page, before it becomes an ``articles`` row."""

    title: str | None
    text: str
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence; never crosses a line break of the article text."""

    article_id: str
    sentence_id: int
    paragraph_id: int
    role: str
    start: int
    end: int
    text: str
    n_tokens: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """A distinct source within one article, after merging its mentions."""

    article_id: str
    speaker_id: int
    name: str
    kind: str
    named: bool
    descriptor: str | None = None
    affiliation: str | None = None
    mentions: tuple[str, ...] = ()
    n_claims: int = 0
    first_sentence_id: int = 0
    anonymity_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One attributed statement: who (speaker), how (cue), what (content)."""

    article_id: str
    claim_id: int
    sentence_id: int
    speaker_id: int | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    cue_lemma: str | None
    content_text: str
    content_start: int
    content_end: int
    content_spans: tuple[tuple[int, int], ...]
    quote_type: str
    stance: str
    hedges: tuple[str, ...] = ()
    anonymous: bool = False
    agentless: bool = False
    speaker_name: str | None = None
    speaker_kind: str | None = None
    source_class: str | None = None
    cue_stance: str | None = None
    doubt_markers: tuple[str, ...] = ()
    loaded_terms: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    explanations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Marker:
    """A marked word or phrase (hedge, doubt marker, loaded term, anonymity reason)."""

    article_id: str
    sentence_id: int
    kind: str
    text: str
    start: int
    end: int
    claim_id: int | None = None
    inside_content: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between two claims of the same article (a denial and what it denies)."""

    article_id: str
    claim_id: int
    target_claim_id: int
    relation: str
    score: float


@dataclass(frozen=True, slots=True)
class Check:
    """One media-literacy check of one article."""

    article_id: str
    check: str
    label: str
    value: float | None
    detail: str | None
    severity: str
    explanation: str


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """Something that went wrong (or looks suspicious) for one input item."""

    article_id: str | None
    source: str | None
    stage: str
    level: str
    message: str


# column -> (pandas dtype, meaning).  "object" columns hold Python lists.
SCHEMAS: dict[str, dict[str, tuple[str, str]]] = {
    "articles": {
        "article_id": ("string", "Unique id: given, else derived from the file path, else a content hash."),
        "title": ("string", "Headline (first line of plain text, or metadata title)."),
        "text": ("string", "The article text, verbatim; every offset indexes into it."),
        "source": ("string", "Where it came from: file path, URL, or '<string>' / '<dataframe>'."),
        "url": ("string", "Canonical URL when known."),
        "published": ("datetime64[ns, UTC]", "Publication time (UTC) or NaT."),
        "outlet": ("string", "Publisher / site name when known."),
        "byline": ("string", "Author(s) when known."),
        "section": ("string", "Folder the file sat in below the loaded folder (e.g. BBC topic), or a given section/topic column."),
        "n_words": ("int64", "Number of whitespace-separated words in text."),
    },
    "sentences": {
        "article_id": ("string", "Article the sentence belongs to."),
        "sentence_id": ("int64", "Order within the article, from 0."),
        "paragraph_id": ("int64", "Order of the line/paragraph within the article, from 0."),
        "role": ("string", "headline | standfirst | subhead | body | credit | byline."),
        "start": ("int64", "Character offset of the sentence start in the article text."),
        "end": ("int64", "Character offset of the sentence end: text[start:end] is the sentence."),
        "text": ("string", "The sentence text."),
        "n_tokens": ("int64", "Number of spaCy tokens (whitespace excluded)."),
    },
    "claims": {
        "article_id": ("string", "Article the claim belongs to."),
        "claim_id": ("int64", "Order of the claim within the article, from 0 (by cue position)."),
        "sentence_id": ("int64", "Sentence holding the cue (or the content when there is no cue)."),
        "speaker_id": ("Int64", "Speaker row in `speakers` (null for agentless claims)."),
        "speaker_text": ("string", "The speaker mention as written, e.g. 'he' (null when none)."),
        "speaker_start": ("Int64", "Offset of the speaker mention."),
        "speaker_end": ("Int64", "End offset of the speaker mention."),
        "cue_text": ("string", "The cue as written: 'said', 'according to', 'reportedly'."),
        "cue_start": ("Int64", "Offset of the cue."),
        "cue_end": ("Int64", "End offset of the cue."),
        "cue_lemma": ("string", "Lemma of the cue ('say', 'according to', 'reportedly')."),
        "content_text": ("string", "What is claimed: text[content_start:content_end]."),
        "content_start": ("int64", "Offset of the first content character."),
        "content_end": ("int64", "End offset of the last content character."),
        "content_spans": ("object", "List of [start, end] pieces of the content (two when a quote is interrupted by its attribution)."),
        "quote_type": ("string", "direct | indirect | mixed | according_to | agentless."),
        "stance": ("string", "assert | deny | accuse | warn | question | other (from cue and negation)."),
        "hedges": ("object", "List of hedge expressions attached to the claim ('reportedly', 'may')."),
        "anonymous": ("bool", "The speaker is an unnamed source ('officials said', 'a source')."),
        "agentless": ("bool", "No speaker at all ('it is said', 'reportedly')."),
        "speaker_name": ("string", "Canonical name of the resolved speaker (from `speakers`)."),
        "speaker_kind": ("string", "Kind of the resolved speaker; 'agentless' when there is none."),
        "source_class": ("string", "Who stands behind the claim: named person | institution | document | anonymous | vague | agentless | unknown."),
        "cue_stance": ("string", "Stance class of the cue verb: neutral | endorsing | doubting | guilt | denial | accusation | belief."),
        "doubt_markers": ("object", "Words casting doubt inside the claim: 'so-called', 'alleged', scare quotes."),
        "loaded_terms": ("object", "Loaded labels in the claim's sentence, as 'term' (inside the content) or 'term (reporter)' (outside it)."),
        "flags": ("object", "Names of the literacy checks this claim triggers."),
        "explanations": ("object", "One plain sentence per flag: what was found and what to ask."),
    },
    "speakers": {
        "article_id": ("string", "Article the speaker belongs to."),
        "speaker_id": ("int64", "Speaker number within the article, from 0 (order of first appearance)."),
        "name": ("string", "Best canonical mention ('Dmitry Peskov')."),
        "kind": ("string", "person | organization | country | government | document | anonymous | vague | unknown."),
        "named": ("bool", "The source is identified by name."),
        "descriptor": ("string", "Role or description ('Putin's spokesman', 'senior defense official')."),
        "affiliation": ("string", "Country / side from the mention or its modifiers ('US', 'Russia')."),
        "mentions": ("object", "List of the mentions merged into this speaker, as written."),
        "n_claims": ("int64", "Number of claims attributed to this speaker."),
        "first_sentence_id": ("int64", "Sentence of the first mention."),
        "anonymity_reason": ("string", "Stated reason for anonymity ('not authorized to speak publicly'), or null."),
    },
    "markers": {
        "article_id": ("string", "Article the marker belongs to."),
        "sentence_id": ("int64", "Sentence holding the marker."),
        "kind": ("string", "hedge | doubt | loaded | anonymity_reason | booster."),
        "text": ("string", "The marked words: text[start:end]."),
        "start": ("int64", "Offset of the marker."),
        "end": ("int64", "End offset of the marker."),
        "claim_id": ("Int64", "Claim the marker is attached to, if any."),
        "inside_content": ("bool", "The marker lies inside attributed content (a quote), not the reporter's own words."),
    },
    "links": {
        "article_id": ("string", "Article of both claims."),
        "claim_id": ("int64", "The denying / accusing / supporting claim."),
        "target_claim_id": ("int64", "The claim it denies / accuses / supports / repeats."),
        "relation": ("string", "denies | accuses | supports | repeats."),
        "score": ("float64", "Strength of the link, 0..1 (shared entities and content overlap)."),
    },
    "checks": {
        "article_id": ("string", "Article checked."),
        "check": ("string", "Check name (stable identifier)."),
        "label": ("string", "Short human title of the check."),
        "value": ("float64", "The headline figure (count, share, or 1/0 for yes/no)."),
        "detail": ("string", "Supporting detail, e.g. the sentences or words found (JSON list or text)."),
        "severity": ("string", "info | notice | warning."),
        "explanation": ("string", "One plain sentence: what was found and what question to ask."),
    },
    "errors": {
        "article_id": ("string", "Article concerned (null when the item never became an article)."),
        "source": ("string", "The input item: path, URL, line number."),
        "stage": ("string", "load | parse | extract | check."),
        "level": ("string", "error | warning."),
        "message": ("string", "What went wrong, in plain words."),
    },
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)

_LIST_COLUMNS = {
    name: [c for c, (dtype, _) in cols.items() if dtype == "object"]
    for name, cols in SCHEMAS.items()
}


def _listify(value: Any) -> Any:
    """Turn tuples (frozen records) and arrays (Parquet) into plain lists, recursively."""
    if value is None or (isinstance(value, float) and value != value):  # NaN: a row without the key
        return []
    if isinstance(value, str):
        return value
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [_listify(v) if isinstance(v, list | tuple) or hasattr(v, "tolist") else v for v in value]
    return value


def empty_frame(table: str) -> pd.DataFrame:
    """Return an empty DataFrame with the columns and dtypes of ``table``.

    >>> list(empty_frame("errors").columns)
    ['article_id', 'source', 'stage', 'level', 'message']
    """
    return frame([], table)


def frame(records: Iterable[Any], table: str) -> pd.DataFrame:
    """Build the DataFrame for ``table`` from records (dataclasses or mappings).

    Columns come out in schema order with schema dtypes; extra keys are kept after
    them (e.g. a ``topic`` column the user supplied with their articles).

    >>> df = frame([ErrorRecord("a", "x.txt", "load", "error", "empty")], "errors")
    >>> df.loc[0, "message"]
    'empty'
    """
    if table not in SCHEMAS:
        raise KeyError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    schema = SCHEMAS[table]
    rows: list[Mapping[str, Any]] = []
    for rec in records:
        if dataclasses.is_dataclass(rec) and not isinstance(rec, type):
            rows.append({f.name: getattr(rec, f.name) for f in dataclasses.fields(rec)})
        else:
            rows.append(rec)
    df = pd.DataFrame.from_records(rows) if rows else pd.DataFrame(columns=list(schema))
    return conform(df, table)


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Give ``df`` the schema's columns (missing ones filled with nulls) and dtypes.

    >>> conform(pd.DataFrame({"article_id": ["a"]}), "errors").dtypes["level"]
    string[python]
    """
    schema = SCHEMAS[table]
    df = df.copy()
    for col, (dtype, _) in schema.items():
        if col not in df.columns:
            df[col] = [[] for _ in range(len(df))] if dtype == "object" else None
        if dtype == "object":
            df[col] = [_listify(v) for v in df[col]]
            df[col] = df[col].astype("object")
        elif dtype.startswith("datetime64"):
            df[col] = pd.to_datetime(df[col], utc=True, errors="coerce")
        elif dtype == "bool":
            df[col] = pd.Series([False if v is None or v is pd.NA or v != v else bool(v) for v in df[col]], index=df.index, dtype=bool)
        elif dtype == "int64":
            df[col] = pd.to_numeric(df[col]).fillna(0).astype("int64") if len(df) else df[col].astype("int64")
        else:
            df[col] = df[col].astype(dtype)
    extra = [c for c in df.columns if c not in schema]
    return df[list(schema) + extra].reset_index(drop=True)


def schema_markdown() -> str:
    """Render every table's schema as the README's "Tables" section.

    >>> "| claim_id |" in schema_markdown()
    True
    """
    out = []
    for table, cols in SCHEMAS.items():
        out.append(f"### `{table}`\n\n| column | dtype | meaning |\n|---|---|---|")
        out.extend(f"| {c} | {d} | {m} |" for c, (d, m) in cols.items())
        out.append("")
    return "\n".join(out)

