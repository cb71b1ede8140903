"""Records and table schemas: the one place where every table's columns are defined.

Extractors return the frozen records below; each field declares its table column once (its
pandas dtype and meaning in the field metadata, see :func:`column`).  :data:`SCHEMAS`, the
dtype conformance of :func:`frame` / :func:`conform`, the README's "Tables" section and
``python -m toolkit schema`` (:func:`schema_markdown`) are all derived from those fields, so
documentation and code cannot drift apart.

Every ``*_start``/``*_end`` pair is a character offset into the article's ``text`` exactly
as loaded: ``text[start:end]`` is the span.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, get_args

import pandas as pd

__all__ = [
    "LIST_COLUMNS",
    "FIRST_PERSON",
    "FIRST_PERSON_RE",
    "PRONOUNS",
    "RECORDS",
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
    "column",
    "conform",
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
# Words that point at a speaker named elsewhere ("he said", "the group, which said"): never a
# name of their own.  Attribution resolves them; the classroom's feedback never shows one as a name.
PRONOUNS: frozenset[str] = frozenset(
    ["he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "we", "us", "i", "you", "who", "whom",
     "which", "that", "this", "these", "those"]
)
# The speaker's own voice: a reporter seldom writes in the first person, so words outside
# quotation marks that do are someone speaking ("… at the heart of our trade policy").
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "me", "us", "my", "our"})
# ... as found in running text: case-sensitive, so the country "US" is not "us" (nor "i.e." "I").
FIRST_PERSON_RE: Final = re.compile(
    r"\b(?:" + "|".join(sorted({w for w in FIRST_PERSON if w != "i"} | {w.capitalize() for w in FIRST_PERSON if w != "us"}))
    + r")\b"
)
# The display name of a speaker only ever called by a pronoun the article never ties to anyone:
# charts show it as such, rankings skip it, the classroom words it for students.
UNRESOLVED: Final = "unresolved"


def unresolved_name(pronoun: str | None) -> str:
    """Return the display name of a pronoun tied to no source.

    >>> unresolved_name("He"), unresolved_name(None)
    ('unresolved: he', 'unresolved')
    """
    return f"{UNRESOLVED}: {pronoun.lower()}" if pronoun else UNRESOLVED


def is_unresolved(name: object) -> bool:
    """Tell whether a speaker name is :func:`unresolved_name`'s.

    >>> is_unresolved("unresolved: he"), is_unresolved("Unresolved Records Ltd"), is_unresolved(None)
    (True, False, False)
    """
    return isinstance(name, str) and (name == UNRESOLVED or name.startswith(f"{UNRESOLVED}: "))


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
# The stage of an input that never became an article (missing file, unreadable table, failed fetch).
LOAD_STAGE: Final[Stage] = "load"
Level = Literal["error", "warning"]
LEVELS: tuple[Level, ...] = get_args(Level)
# The level of a row whose article (or one stage's output for it) was lost; a "warning" loses nothing.
ERROR_LEVEL: Final[Level] = "error"
Gender = Literal["female", "male", "unknown"]
GENDERS: tuple[Gender, ...] = get_args(Gender)
# Where a speaker's gender comes from, best evidence first: the article's own pronouns for the
# speaker, an honorific ("Mr", "Ms", "Dame") or gendered noun, a first-name list, or nothing.
GenderBasis = Literal["pronoun", "honorific", "first name", "none"]
GENDER_BASES: tuple[GenderBasis, ...] = get_args(GenderBasis)
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


def column(dtype: str, doc: str, *, values: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the field metadata declaring one table column: its pandas dtype and its meaning.

    ``doc`` may hold ``{values}``, filled with the column's vocabulary (``a | b | c``), so the
    documented values are the ones the code uses.

    >>> column("string", "{values}.", values=("a", "b"))["doc"]
    'a | b.'
    """
    return {"dtype": dtype, "doc": doc.format(values=" | ".join(values)), "values": values}


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded article (a row of the ``articles`` table)."""

    article_id: str = field(metadata=column("string", "Unique id: given, else derived from the file path, else a content hash."))
    text: str = field(metadata=column("string", "The article text, verbatim; every offset indexes into it."))
    title: str | None = field(default=None, metadata=column("string", "Headline (first line of plain text, or metadata title)."))
    source: str | None = field(default=None, metadata=column("string", "Where it came from: file path, URL, or '<string>' / '<dataframe>'."))
    url: str | None = field(default=None, metadata=column("string", "Canonical URL when known."))
    published: Any = field(default=None, metadata=column("datetime64[ns, UTC]", "Publication time (UTC) or NaT."))
    outlet: str | None = field(default=None, metadata=column("string", "Publisher / site name when known."))
    byline: str | None = field(default=None, metadata=column("string", "Author(s) when known."))
    section: str | None = field(default=None, metadata=column("string", "Folder the file sat in below the loaded folder (e.g. BBC topic), or a given section/topic column."))
    n_words: int = field(default=0, metadata=column("int64", "Number of whitespace-separated words in text."))


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

    article_id: str = field(metadata=column("string", "Article the sentence belongs to."))
    sentence_id: int = field(metadata=column("int64", "Order within the article, from 0."))
    paragraph_id: int = field(metadata=column("int64", "Order of the line/paragraph within the article, from 0."))
    role: Role = field(metadata=column("string", "{values}.", values=ROLES))
    start: int = field(metadata=column("int64", "Character offset of the sentence start in the article text."))
    end: int = field(metadata=column("int64", "Character offset of the sentence end: text[start:end] is the sentence."))
    text: str = field(metadata=column("string", "The sentence text."))
    n_tokens: int = field(metadata=column("int64", "Number of spaCy tokens (whitespace excluded)."))


@dataclass(frozen=True, slots=True)
class Claim:
    """One attributed statement: who (speaker), how (cue), what (content)."""

    article_id: str = field(metadata=column("string", "Article the claim belongs to."))
    claim_id: int = field(metadata=column("int64", "Order of the claim within the article, from 0 (by cue position)."))
    sentence_id: int = field(metadata=column("int64", "Sentence holding the cue (or the content when there is no cue)."))
    speaker_id: int | None = field(metadata=column("Int64", "Speaker row in `speakers` (null for agentless claims)."))
    speaker_text: str | None = field(metadata=column("string", "The speaker mention as written, e.g. 'he' (null when none)."))
    speaker_start: int | None = field(metadata=column("Int64", "Offset of the speaker mention."))
    speaker_end: int | None = field(metadata=column("Int64", "End offset of the speaker mention."))
    cue_text: str | None = field(metadata=column("string", "The cue as written: 'said', 'according to', 'reportedly'."))
    cue_start: int | None = field(metadata=column("Int64", "Offset of the cue."))
    cue_end: int | None = field(metadata=column("Int64", "End offset of the cue."))
    cue_lemma: str | None = field(metadata=column("string", "Lemma of the cue ('say', 'according to', 'reportedly')."))
    content_text: str = field(metadata=column("string", "What is claimed: text[content_start:content_end]."))
    content_start: int = field(metadata=column("int64", "Offset of the first content character."))
    content_end: int = field(metadata=column("int64", "End offset of the last content character."))
    content_spans: tuple[tuple[int, int], ...] = field(metadata=column("object", "List of [start, end] pieces of the content (two when a quote is interrupted by its attribution)."))
    quote_type: str = field(metadata=column("string", "{values}.", values=QUOTE_TYPES))
    stance: str = field(metadata=column("string", "{values} (from cue and negation).", values=STANCES))
    hedges: tuple[str, ...] = field(default=(), metadata=column("object", "List of hedge expressions attached to the claim ('reportedly', 'may')."))
    anonymous: bool = field(default=False, metadata=column("bool", "The speaker is an unnamed source ('officials said', 'a source')."))
    agentless: bool = field(default=False, metadata=column("bool", "No speaker at all ('it is said', 'reportedly')."))
    speaker_name: str | None = field(default=None, metadata=column("string", "Canonical name of the resolved speaker (from `speakers`)."))
    speaker_kind: str | None = field(default=None, metadata=column("string", "Kind of the resolved speaker; 'agentless' when there is none."))
    source_class: str | None = field(default=None, metadata=column("string", "Who stands behind the claim: {values}.", values=SOURCE_CLASSES))
    cue_stance: str | None = field(default=None, metadata=column("string", "Stance class of the cue verb: {values}.", values=CUE_STANCES))
    doubt_markers: tuple[str, ...] = field(default=(), metadata=column("object", "Words casting doubt inside the claim: 'so-called', 'alleged', scare quotes."))
    loaded_terms: tuple[str, ...] = field(default=(), metadata=column("object", "Loaded labels in the claim's sentence, as 'term' (inside the content) or 'term (reporter)' (outside it)."))
    flags: tuple[str, ...] = field(default=(), metadata=column("object", "Names of the literacy checks this claim triggers."))
    explanations: tuple[str, ...] = field(default=(), metadata=column("object", "One plain sentence per flag: what was found and what to ask."))


@dataclass(frozen=True, slots=True)
class Speaker:
    """A distinct source within one article, after merging its mentions."""

    article_id: str = field(metadata=column("string", "Article the speaker belongs to."))
    speaker_id: int = field(metadata=column("int64", "Speaker number within the article, from 0 (order of first appearance)."))
    name: str = field(metadata=column("string", "Best canonical mention ('Dmitry Peskov')."))
    kind: str = field(metadata=column("string", "{values}.", values=SPEAKER_KINDS))
    named: bool = field(metadata=column("bool", "The source is identified by name."))
    descriptor: str | None = field(default=None, metadata=column("string", "Role or description ('Putin's spokesman', 'senior defense official')."))
    affiliation: str | None = field(default=None, metadata=column("string", "Country / side from the mention or its modifiers ('US', 'Russia')."))
    mentions: tuple[str, ...] = field(default=(), metadata=column("object", "List of the mentions merged into this speaker, as written."))
    n_claims: int = field(default=0, metadata=column("int64", "Number of claims attributed to this speaker."))
    first_sentence_id: int = field(default=0, metadata=column("int64", "Sentence of the first mention."))
    anonymity_reason: str | None = field(default=None, metadata=column("string", "Stated reason for anonymity ('not authorized to speak publicly'), or null."))
    gender: Gender = field(default="unknown", metadata=column("string", "{values}: as the article signals it (person speakers only; never organisations).", values=GENDERS))
    gender_basis: GenderBasis = field(default="none", metadata=column("string", "Evidence for `gender`: {values}.", values=GENDER_BASES))
    speaker_key: str | None = field(default=None, metadata=column("string", "Corpus-wide identity: the normalised full name ('tony blair'), the same for the same person in every article; null for pronouns, unresolved or generic sources."))
    resolved: bool = field(default=True, metadata=column("bool", "False when the speaker is a pronoun or generic mention ('he', 'the company') the article never ties to a named source."))


@dataclass(frozen=True, slots=True)
class Marker:
    """A marked word or phrase (hedge, doubt marker, loaded term, anonymity reason)."""

    article_id: str = field(metadata=column("string", "Article the marker belongs to."))
    sentence_id: int = field(metadata=column("int64", "Sentence holding the marker."))
    kind: str = field(metadata=column("string", "{values}.", values=MARKER_KINDS))
    text: str = field(metadata=column("string", "The marked words: text[start:end]."))
    start: int = field(metadata=column("int64", "Offset of the marker."))
    end: int = field(metadata=column("int64", "End offset of the marker."))
    claim_id: int | None = field(default=None, metadata=column("Int64", "Claim the marker is attached to, if any."))
    inside_content: bool = field(default=False, metadata=column("bool", "The marker lies inside attributed content (a quote), not the reporter's own words."))


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between two claims of the same article (a denial and what it denies)."""

    article_id: str = field(metadata=column("string", "Article of both claims."))
    claim_id: int = field(metadata=column("int64", "The denying / accusing / supporting claim."))
    target_claim_id: int = field(metadata=column("int64", "The claim it denies / accuses / supports / repeats."))
    relation: str = field(metadata=column("string", "{values}.", values=RELATIONS))
    score: float = field(metadata=column("float64", "Strength of the link, 0..1 (shared entities and content overlap)."))


@dataclass(frozen=True, slots=True)
class Check:
    """One media-literacy check of one article."""

    article_id: str = field(metadata=column("string", "Article checked."))
    check: str = field(metadata=column("string", "Check name (stable identifier)."))
    label: str = field(metadata=column("string", "Short human title of the check."))
    value: float | None = field(metadata=column("float64", "The headline figure (count, share, or 1/0 for yes/no)."))
    detail: str | None = field(metadata=column("string", "Supporting detail, e.g. the sentences or words found (JSON list or text)."))
    severity: str = field(metadata=column("string", "{values}.", values=SEVERITIES))
    explanation: str = field(metadata=column("string", "One plain sentence: what was found and what question to ask."))


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """Something that went wrong (or looks suspicious) for one input item."""

    article_id: str | None = field(metadata=column("string", "Article concerned (null when the item never became an article)."))
    source: str | None = field(metadata=column("string", "The input item: path, URL, line number."))
    stage: Stage = field(metadata=column("string", "{values}.", values=STAGES))
    level: Level = field(metadata=column("string", "{values}.", values=LEVELS))
    message: str = field(metadata=column("string", "What went wrong, in plain words."))



# table name -> record type; the order is the order of the tables everywhere.
RECORDS: dict[str, type] = {
    "articles": Article,
    "sentences": Sentence,
    "claims": Claim,
    "speakers": Speaker,
    "markers": Marker,
    "links": Link,
    "checks": Check,
    "errors": ErrorRecord,
}

# column -> (pandas dtype, meaning), derived from the records' field metadata.  "object" columns
# hold Python lists.
SCHEMAS: dict[str, dict[str, tuple[str, str]]] = {
    table: {f.name: (f.metadata["dtype"], f.metadata["doc"]) for f in dataclasses.fields(rec)}
    for table, rec in RECORDS.items()
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)

# The list-valued ("object") columns of each table: JSON in CSV, list<...> in Arrow.
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(c for c, (dtype, _) in cols.items() if dtype == "object") for name, cols in SCHEMAS.items()
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

