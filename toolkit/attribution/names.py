"""Personal names as an article writes them: the corpus key, the surname, the name in a mention.

One owner for how names are compared: :func:`name_key` (corpus-wide grouping), :func:`surname`,
:func:`same_person` and :func:`person_name` (the name a speaker mention holds).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from ..lexicons import load_table, load_terms
from .source_words import person_noun, terms

__all__ = ["HONORIFICS", "acronym_of", "group_name", "lost_family_name", "lost_given_name", "name_key", "nickname_tokens", "organization_alias",
           "person_name", "whole_name", "same_person", "surname", "titles"]

# Titles of nobility are part of how a person is named ("Crown Prince Frederik"); every other
# title or role word before a name is not ("Superintendent Jennifer McCormick").
_NOBLE = frozenset({"king", "queen", "prince", "princess", "crown", "pope", "sheikh", "emperor", "duke", "duchess"})
# Honorifics: how a person is addressed, not an office they hold ("Lord Falconer", "Ms Truss").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady"})
_EXTRA_TITLES = HONORIFICS | frozenset(
    ["sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "cpl", "maj", "adm", "rev", "reverend", "fr", "detective", "inspector", "superintendent", "officer", "justice", "representative", "assemblyman", "assemblywoman", "councillor", "councilor", "dean", "deputy"]
)
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "bin", "ibn", "al", "el", "dos", "del", "st"})
_NON_WORD = re.compile(r"[^\w]+")


@cache
def titles() -> frozenset[str]:
    """Return the title and role words that stand before a name but are not part of it.

    >>> "mr" in titles() and "prince" not in titles()
    True
    """
    roles = {t for t in load_terms("speaker_roles") if " " not in t}
    return frozenset((roles | _EXTRA_TITLES) - _NOBLE)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Return the corpus-wide key of a name: lower case, no accents, honorifics or possessive.

    >>> name_key("Mr  Blair's"), name_key("José Manuel Barroso"), name_key("The US")
    ('blair', 'jose manuel barroso', 'us')
    """
    text = unicodedata.normalize("NFKD", str(name).replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"'s\b", "", text)
    words = [w for w in _NON_WORD.split(text) if w]
    while len(words) > 1 and (words[0] in ("the", "a", "an") or words[0] in _EXTRA_TITLES):
        words = words[1:]
    return " ".join(words)


@cache
def _organization_aliases() -> dict[str, str]:
    return {row["alias"]: row["canonical"] for row in load_table("organization_aliases")}


def organization_alias(name: str | None) -> str | None:
    """Return the formal name of an organisation ``name`` is another name of ("The Tories"), or None.

    Whole names only (``organization_aliases.tsv``): "Tory MPs" is not the party.

    >>> organization_alias("The Tories"), organization_alias("the Conservatives'"), organization_alias("Tory MPs")
    ('Conservative Party', 'Conservative Party', None)
    """
    return _organization_aliases().get(name_key(name)) if name else None


# Words an acronym leaves out ("Food and Agriculture Organisation" is FAO, "Bank of England" BoE).
_ACRONYM_SKIP = frozenset({"the", "of", "and", "for", "&", "on", "in"})
# How long an acronym may be and still be read as one (not a word in capitals).
_ACRONYM_LETTERS = (2, 6)


def acronym_of(short: str | None, long: str | None) -> bool:
    """Tell whether ``short`` is the acronym of the body named ``long`` ("The FAO", "the UN's Food & Agriculture Organisation").

    An owner before the name ("the UN's") is not part of it.

    >>> acronym_of("The FAO", "the UN's Food & Agriculture Organisation"), acronym_of("FAO", "Food Standards Agency")
    (True, False)
    """
    if not short or not long:
        return False
    letters = name_key(short).replace(" ", "")
    word = short.split()[-1]
    if not (_ACRONYM_LETTERS[0] <= len(letters) <= _ACRONYM_LETTERS[1]) or " " in name_key(short) or not word.isupper():
        return False
    words = [w for w in re.split(r"[\s\-]+", long) if w]
    owner = max((k + 1 for k, w in enumerate(words) if w.endswith(("'s", "’s"))), default=0)
    initials = "".join(w[0] for w in words[owner:] if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha())
    return len(words) - owner > 1 and initials.lower() == letters


def surname(name: str | None) -> str | None:
    """Return the last word of a name's key (None for no name).

    >>> surname("Mr Tony Blair's"), surname(None)
    ('blair', None)
    """
    key = name_key(name) if name else ""
    return key.rsplit(" ", 1)[-1] if key else None


def lost_given_name(t: Token) -> bool:
    """Tell whether ``t`` is a given name the tagger cut off a hyphenated surname.

    The tagger often reads "Ana Lopez-Garcia" as the person "Lopez-Garcia" after an untagged
    "Ana"; the untagged capitalised word right before the hyphenated name is part of it.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Ana Lopez-Garcia said so.")
    >>> lost_given_name(doc[0]), lost_given_name(doc[1])
    (True, False)
    """
    doc, k = t.doc, t.i + 1
    return (
        t.ent_type_ == ""
        and t.pos_ == "PROPN"
        and t.is_alpha
        and t.text[:1].isupper()
        and t.lower_ not in titles()
        and k + 2 < len(doc)
        and doc[k].ent_type_ == "PERSON"
        and doc[k].ent_iob_ == "B"
        and doc[k + 1].text == "-"
        and not doc[k].whitespace_
    )


def lost_family_name(t: Token) -> bool:
    """Tell whether ``t`` is the last word of a name the tagger cut short before it.

    The tagger often reads "President Yoon Suk Yeol" as the person "Yoon Suk" and leaves "Yeol"
    untagged, although the parse makes the name's words compounds of it: an untagged capitalised
    proper noun that the PERSON words right before it modify ends that name.  Not a title, a
    person noun or an organisation's head ("the Obama Campaign").

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("They plan to impeach President Yoon Suk Yeol over his declaration.")
    >>> [t.text for t in doc if lost_family_name(t)]
    ['Yeol']
    """
    if t.i == 0 or t.ent_type_ or t.pos_ != "PROPN" or not t.is_alpha or not t.is_title:
        return False
    prev = t.doc[t.i - 1]
    low = t.lower_
    return (
        prev.ent_type_ == "PERSON"
        and prev.dep_ == "compound"
        and prev.head.i == t.i
        and prev.whitespace_ == " "
        and low not in titles()
        and not person_noun(low)
        and low not in terms("speaker_organizations")
    )


def whole_name(ent: Span) -> Span:
    """Return a PERSON entity with the last word the tagger cut off it (:func:`lost_family_name`).

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("They plan to impeach President Yoon Suk Yeol over his declaration.")
    >>> [whole_name(e).text for e in doc.ents if e.label_ == "PERSON"]
    ['Yoon Suk Yeol']
    """
    doc = ent.doc
    return doc[ent.start : ent.end + 1] if ent.end < len(doc) and lost_family_name(doc[ent.end]) else ent


_NICK_MARKS = frozenset({"'", '"', "‘", "’", "“", "”"})


def nickname_tokens(span: Span) -> tuple[set[int], set[int]]:
    """Tokens of a quoted nickname inside a name ("Brian 'Head' Welch"), and the surname after it.

    The tagger reads the two sides as two people; the nickname between quotation marks joins them.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Brian 'Head' Welch said he had quit.")
    >>> nick, joined = nickname_tokens(doc[0:5])
    >>> [doc[i].text for i in sorted(nick)], [doc[i].text for i in sorted(joined)]
    (["'", 'Head', "'"], ['Welch'])
    """
    doc, nick, joined = span.doc, set(), set()
    for i in range(max(span.start, 1), min(span.end, len(doc)) - 3):
        t, w, c, after = doc[i], doc[i + 1], doc[i + 2], doc[i + 3]
        if (t.text in _NICK_MARKS and c.text in _NICK_MARKS and w.is_title and w.is_alpha and not w.ent_type_
                and doc[i - 1].ent_type_ == "PERSON" and after.ent_type_ == "PERSON"):
            nick |= {i, i + 1, i + 2}
            joined.add(i + 3)
    return nick, joined


def _person_ents(span: Span) -> list[Span]:
    """PERSON entities inside the span, from the token tags (``Span.ents`` walks the whole doc)."""
    doc, out, start = span.doc, [], None
    given = False  # the run began with a given name the tagger left out
    nick, joined = nickname_tokens(span)
    for t in span:
        if start is None and lost_given_name(t):
            start, given = t.i, True
            continue
        inside = t.ent_type_ == "PERSON" or t.i in nick or (start is not None and lost_family_name(t))
        opens = t.ent_iob_ == "B" and not given and t.i not in joined
        given = False
        if start is not None and (not inside or opens):
            out.append(doc[start : t.i])
            start = None
        if inside and start is None:
            start = t.i
    if start is not None:
        out.append(doc[start : span.end])
    return out


def person_name(span: Span) -> str | None:
    """Return the personal name a mention holds, without titles ("Jennifer McCormick"), or None.

    The PERSON entity holding the mention's head (else one in apposition), cut to its run of
    capitalised words.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Republican state schools Superintendent Jennifer McCormick said no.")
    >>> person_name(doc[0:6])
    'Jennifer McCormick'
    >>> person_name(load_model()("Farmer Chad Smith said no.")[0:3])
    'Chad Smith'
    >>> person_name(load_model()("Lee Jae-myung said no.")[0:4])
    'Lee Jae-myung'
    """
    ents = _person_ents(span)
    if not ents:
        return None
    root = span.root
    ent = next((e for e in ents if e.start <= root.i < e.end), None)
    if ent is None:
        # the entity is itself a head of the mention, or stands in apposition to its head
        ent = next((e for e in ents if not span.start <= e.root.head.i < span.end or e.root.head.i == e.root.i), None)
    if ent is None:
        # in apposition to the head or naming it ("spokesman Dmitry Peskov"); never a possessor
        # ("Putin's spokesman") or a name inside a modifier
        ent = next((e for e in ents if e.root.dep_ != "poss" and (e.root.dep_ == "appos" or e.root.head.i == root.i)), None)
    if ent is None and root.lower_.strip(".") in titles() and ents[-1].end == span.end:
        # "President and Chief Financial Officer of Super Value Debra Symonette": a title whose
        # name closes the mention, misread as the object of its "of"
        ent = ents[-1]
    if ent is None:
        return None
    words = list(ent)
    while words and words[-1].text in ("’s", "'s", "’", "'", ".", ","):
        words.pop()
    # keep the capitalised run that holds the entity's last word ("Benoit Joly from ..." -> "Benoit Joly")
    end = len(words)
    for k, t in enumerate(words):
        # "Lee Jae-myung": the lower-case half of a hyphenated given name that ends the name
        # belongs to it ("Made-for-TV Trade" does not)
        joined = k == len(words) - 1 and words[k - 1].text == "-" and not words[k - 1].whitespace_
        if k and t.text[:1].islower() and t.lower_ not in _PARTICLES and t.text != "-" and not joined:
            end = k
            break
    words = words[:end]
    while len(words) > 1 and (words[0].lower_.strip(".") in titles() or not words[0].text[:1].isalpha()):
        words = words[1:]
    # "Farmer Chad Smith", "Chef Jamie Oliver": an occupation the tagger put inside a full name
    # is not part of it (with two words left: "Farmer Smith" may be a surname)
    while len(words) > 2 and person_noun(words[0].lower_):
        words = words[1:]
    if not words:
        return None
    # the last word's own start: "Jae" in "Lee Jae-myung"
    hyphened = len(words) > 2 and words[-2].text == "-" and not words[-2].whitespace_
    if not (words[-3] if hyphened else words[-1]).text[:1].isupper():
        return None
    return span.doc[words[0].i : words[-1].i + 1].text


def same_person(a: str, b: str) -> bool:
    """Tell whether two personal names can be one person: same surname, one's words in the other's.

    >>> same_person("Blair", "Tony Blair"), same_person("Cherie Blair", "Tony Blair")
    (True, False)
    """
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    return set(ka) <= set(kb) or set(kb) <= set(ka)


def group_name(span: Span, full_name: Callable[[str], str]) -> str | None:
    """Return a coordinated mention with each surname given in full ("Kurt Volker and Tim Morrison").

    ``full_name`` maps a name to the fullest form the article uses for that one person; the
    mention's other words stay as written ("Hori Parata and his family"), a leading "both" goes.
    None when no name grows.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Volker and Morrison said so.")
    >>> group_name(doc[0:3], {"Volker": "Kurt Volker", "Morrison": "Tim Morrison"}.get)
    'Kurt Volker and Tim Morrison'
    >>> doc = load_model()("Princes William and Harry said so.")
    >>> group_name(doc[0:4], {"William": "Prince William"}.get)
    'Prince William and Harry'
    """
    root = span.root
    heads = [root] + [t for t in root.subtree if t.dep_ == "conj" and span.start <= t.i < span.end]
    pieces: list[tuple[int, int, str]] = []
    for h in heads:
        if h.pos_ != "PROPN":
            continue
        start = min([c.i for c in h.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [h.i])
        text = span.doc[start : h.i + 1].text
        full = full_name(text) or text
        if len(name_key(full).split()) > len(name_key(text).split()):
            pieces.append((start, h.i + 1, full))
    if not pieces:
        return None
    out, pos = [], span.start + (1 if span[0].lower_ == "both" else 0)
    for a, b, full in sorted(pieces):
        before = span.doc[pos:a]
        # "Princes William and Harry": the plural title goes when the full name brings its own
        if len(before) and before[-1].lower_.rstrip("s") == full.split()[0].lower() and before[-1].lower_.endswith("s"):
            before = before[:-1]
        out.append(before.text_with_ws if len(before) else "")
        out.append(full + span.doc[b - 1].whitespace_)
        pos = b
    out.append(span.doc[pos : span.end].text if pos < span.end else "")
    return "".join(out).strip()
