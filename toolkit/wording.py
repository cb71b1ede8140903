"""Wording for people: quotations cut short, a reading-grade measure, the plainest form of a sentence.

:func:`plain` is the one rule that picks a sentence's plainest form.

Plain text in, plain text out, standard library only: the literacy explanations, the comparison's
findings and the classroom's feedback (whose sessions never load spaCy) share these rules, so a
quotation is cut and quoted the same way everywhere, and every sentence is held to the same grade.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

__all__ = ["GRADE_MARGIN", "MAX_GRADE", "NAME_WORDS", "QUOTE_WORDS", "SHORT_SENTENCE_WORDS", "SYLLABLES_UNSURE", "grade_margin", "name_in_sentence", "plain",
           "readable", "reading_grade", "short_name", "short_quote", "two_sentences"]

# The reading grade every explanation stays at or under: a 14-year-old (US grade 8) reads it in one go.
MAX_GRADE: Final = 8.0
# :func:`reading_grade` counts syllables by rule; a pronouncing dictionary (textstat, which the
# tests and benchmark measure with) counts some names and long words a syllable higher: on a long
# sentence that is up to half a grade, so a builder always aims at least this far under :data:`MAX_GRADE`.
GRADE_MARGIN: Final = 0.5
# Flesch-Kincaid gives each syllable 11.8 / (words in the text) of a grade: one syllable counted
# differently moves a 4-word sentence by 3 grades, a 10-word one by 1.2.  Each short sentence we
# write carries a name or a long word from the article, which a dictionary may count one syllable
# higher (“Vindman” 3; on 6-10 % of news sentences this short, measured on polnear): a text whose
# sentences average :data:`SHORT_SENTENCE_WORDS` words or fewer must stay readable with this many
# syllables more per sentence, so a short sentence needs a lower grade of its own to be safe.
SYLLABLES_UNSURE: Final = 1
# Up to here one syllable moves the grade by more than a grade (11.8 / 10); longer sentences keep
# :data:`GRADE_MARGIN`, their long words averaged over more words.
SHORT_SENTENCE_WORDS: Final = 10
_SYLLABLE_WEIGHT = 11.8
# Quoted article text is cut to this many words.  A one-sentence explanation's grade grows by
# 0.39 a word: a 30-word quotation inside a 10-word explanation reads at grade 14+, and past
# about 16 words in all even plain news words read above grade 8; eight words still say what
# was claimed.
QUOTE_WORDS: Final = 8
# Names and descriptions of speakers ("an international, non-profit organisation that supports
# ...") are cut shorter: they sit inside a sentence that says something else about them.
NAME_WORDS: Final = 5
# Marks that open or close a quotation; inner ones become single marks, so a quotation put
# inside our own “…” is never quoted twice (“"by the back door"”).
_OPENERS, _CLOSERS = "\"“„«‘'", "\"”»’'"
_INNER_MARKS = str.maketrans({"“": "‘", "„": "‘", "«": "‘", "”": "’", "»": "’", '"': "'"})
_CUT_TRAIL = " ,;:—–-(“‘\"'"


def _unquoted(text: str) -> str:
    """Drop the quotation marks around a whole text, only in pairs ("‘x’ she said", "the Joneses’" keep theirs)."""
    text = text.rstrip(".,;: ")
    while len(text) > 1 and text[0] in _OPENERS and text[-1] in _CLOSERS:
        text = text[1:-1].strip().rstrip(".,;: ")
    return text


def short_quote(text: object, *, words: int = QUOTE_WORDS, mark: str = "…") -> str:
    """Return article text ready to put inside quotation marks: one line, cut at a word boundary.

    Whitespace is collapsed, a leading "that" (the complementizer, not the claim) and the
    quotation marks around the text are dropped, inner double marks become single ones, and a
    text over ``words`` words keeps its first ``words`` words and ends in ``mark``.  The caller
    adds its own quotation marks.

    >>> short_quote('"by the back door"'), short_quote("that the plan   failed.")
    ('by the back door', 'the plan failed')
    >>> short_quote("Russia asked China, Moscow's most powerful diplomatic partner, for arms", words=6)
    "Russia asked China, Moscow's most powerful…"
    """
    flat = " ".join(str(text).split())
    flat = flat[5:] if flat.startswith("that ") else flat
    flat = _unquoted(flat)
    kept = flat.split(" ")
    if len(kept) <= words:
        return flat.translate(_INNER_MARKS)
    return " ".join(kept[:words]).rstrip(_CUT_TRAIL).translate(_INNER_MARKS) + mark


_VOWELS = re.compile(r"[aeiouy]+")
# Vowel pairs said as two syllables ("Le-o-nardo", "stu-di-o", "ac-tu-al", "play-er", "go-ing"),
# unless the letters around tie them ("-tion", "-cial", "-lion", "quo", "peo-ple", "pi-geon"):
# one syllable per vowel group undercounts names and long words, which set a sentence's grade.
# "-iate", "-iator", "-iation" are two even after those letters ("ne-go-ti-a-tor", "as-so-ci-ate"),
# so is a final "-ea" after r, d, m ("Ko-re-a", "i-de-a", "a-re-as"), and "nu-cle-ar".
_TWO_VOWELS = re.compile(r"ia(?=t(?:e|or|ion|ing))|(?<!er)(?<=[rdm])ea(?=s?$)|(?<=ucl)e[au]"
                         r"|(?<![cgstxl])ia|(?<![cgstxln])i[ou]|(?<![cg])eo(?![pu])|(?<![gq])u[aio]|[aeiou]y[aeiou](?![ds]$)|[eou]i(?=ng)")
# One syllable more than the vowel groups show, where textstat's dictionary says so in common
# news words: "crit-i-cis-m", "try-ing", "lob-by-ist", "so-ci-e-ty", "ex-pe-ri-ence", "ear-li-er",
# "re-act", "cre-ate", "re-al-i-ty", "co-op", "sci-ence", "in-flu-ence", "strug-gling".
_MORE_SYLLABLES = re.compile(r"isms?$|(?<=[^aeiou])y(?=i)|ie(?=ty)|(?<=[rd])ie(?=n[ct])|(?<=[lsrpv])ie(?=rs?$)"
                             r"|^c?re(?=a(?:ct|t|li[sz]|lit))|^co(?=op|or|ali|ex)|(?<=sc)ie(?=n)|(?<=fl)ue(?=n)"
                             r"|(?<=[bdgpt])l(?=ings?$)")
# "-es"/"-ed" after most consonants adds no syllable ("quotes", "named"); after these it does
# ("speech-es", "in-spi-red": textstat's dictionary says "-ire" in two).
_SOUNDED_END = ("ses", "zes", "ces", "ges", "xes", "ches", "shes", "ted", "ded", "ired", "ires")
# A silent final e stays silent before "-ly", "-ment", "-ness", "-ful" ("late-ly", "state-ment"),
# but not where it is sounded ("re-tire-ment", "set-tle-ment").
_SILENT_BEFORE_SUFFIX = re.compile(r"[aeiouy][^aeiouy]+(?<![ie][rl])(?<![^aeiouy]l)e(?:ly|ments?|ness|ful)$")
_SILENT_END = re.compile(r"(?<![aeiouy])(?<!^)(?<![^aeiouyl]l)(?<![^aeiouy]r)e[sd]$")
# A word, as textstat reads it: letters or digits ("5 of 11" is three words), with the
# apostrophes and hyphens inside it ("non-profit" is one word).
_WORDS = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
# textstat's sentences: a run up to a full stop; one of one or two words ("Why?", "U.") is not
# counted as a sentence, though its words are.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_SHORTEST_SENTENCE = 3


def _syllables(word: str) -> int:
    # Agrees with the CMU pronouncing dictionary on 92 % of its 117,000 plain words and on 98 % of
    # the words in running news text (vowel groups alone: 83 %); the tests and the benchmark
    # measure with textstat, which reads that dictionary.
    w = re.sub(r"['’-]", "", word.lower())
    if not w.isalpha():
        return 1  # a number: textstat counts one syllable
    if not _VOWELS.search(w):
        return sum(3 if c == "w" else 1 for c in w)  # spelled out: "DVD", "BBC" ("double-u": 3)
    n = len(_VOWELS.findall(w)) + len(_TWO_VOWELS.findall(w)) + len(_MORE_SYLLABLES.findall(w))
    if n > 1 and _SILENT_BEFORE_SUFFIX.search(w):
        n -= 1  # "lately", "statement", "hopeful": the silent e stays silent
    if w.endswith("e") and not re.search(r"[^aeiouy]le$|[ei]e$|(?<![gq])ue$|(?<![aeiou])ire$", w) and n > 1:
        n -= 1  # a silent final e: "quote", "while"; not "table", "Willie", "virtue", "entire"
    elif n > 1 and not w.endswith(_SOUNDED_END) and _SILENT_END.search(w):
        n -= 1  # "quotes", "named"; "denies", "titled" keep theirs
    return max(n, 1)


def _counts(text: str) -> tuple[int, int, int]:
    """Sentences, words and syllables of ``text``, counted as textstat counts them."""
    runs = _SENTENCE.findall(text)
    sentences = max(sum(len(_WORDS.findall(r)) >= _SHORTEST_SENTENCE for r in runs), 1)
    words = _WORDS.findall(text)
    return sentences, len(words), sum(_syllables(w) for w in words)


def reading_grade(text: str) -> float:
    """Flesch–Kincaid grade level of ``text`` (0.39 words/sentence + 11.8 syllables/word - 15.59).

    >>> reading_grade("The cat sat on the mat. It was happy.") < 2
    True
    >>> reading_grade("Notwithstanding considerable institutional deliberation, comprehensive "
    ...               "international reconciliation remained fundamentally unattainable.") > 12
    True
    """
    sentences, words, syllables = _counts(text)
    if not words:
        return 0.0
    return 0.39 * words / sentences + _SYLLABLE_WEIGHT * syllables / words - 15.59


def grade_margin(text: str) -> float:
    """How far under :data:`MAX_GRADE` ``text`` must read: :data:`GRADE_MARGIN`, more on short sentences.

    A text of short sentences (:data:`SHORT_SENTENCE_WORDS`) is held :data:`SYLLABLES_UNSURE`
    syllables a sentence under the grade.

    >>> round(grade_margin("The source is negotiators."), 2), grade_margin(" ".join(["Word"] * 30) + ".")
    (2.95, 0.5)
    """
    sentences, words, _ = _counts(text)
    if not words or words / sentences > SHORT_SENTENCE_WORDS:
        return GRADE_MARGIN
    return max(GRADE_MARGIN, _SYLLABLE_WEIGHT * SYLLABLES_UNSURE * sentences / words)



# Words a shortened name does not end on ("an organisation that…" -> "an organisation").
_NAME_TAIL = re.compile(r"(?:[\s,;:]+(?:that|which|who|whose|of|the|a|an|and|or|for|in|on|at|to|with|from|by))+$", re.I)


def short_name(name: Any) -> str:
    """Return a speaker's name for inside a sentence: a long description keeps its first words, with no "…".

    >>> short_name("an international, non-profit organisation that supports the building of societies")
    'an international, non-profit organisation'
    >>> short_name("The Who")
    'The Who'
    """
    full = short_quote(name, words=max(len(str(name).split()), 1))
    cut = short_quote(name, words=NAME_WORDS, mark="")
    return full if cut == full else _NAME_TAIL.sub("", cut)


# Words that open a description rather than a name: lower-cased inside a sentence.
_LOWER_FIRST = ("The", "A", "An", "Both", "Some", "Unnamed", "People", "Officials")


def name_in_sentence(speaker: Any) -> str:
    """Write a speaker label for inside a sentence: short (:func:`short_name`), a leading "The"/"A" lower-cased.

    >>> name_in_sentence("The Chinese foreign ministry"), name_in_sentence("Anna Petrova")
    ('the Chinese foreign ministry', 'Anna Petrova')
    """
    speaker = short_name(speaker)
    first = speaker.split(" ", 1)[0]
    return speaker[:1].lower() + speaker[1:] if first in _LOWER_FIRST else speaker


def readable(text: str) -> bool:
    """Tell whether ``text`` reads at :data:`MAX_GRADE` less its :func:`grade_margin` or lower.

    A short sentence is held lower: its grade is set by its one long word, counted one way or another.

    >>> readable("The source is the mayor."), readable("The source is an international organisation.")
    (True, False)
    >>> readable("The source is negotiators.")
    False
    """
    return _worst_grade(text) <= MAX_GRADE


def _worst_grade(text: str) -> float:
    # The grade a pronouncing dictionary may find: ours plus the syllables we may have missed.
    return reading_grade(text) + grade_margin(text)


# Where one sentence joins two thoughts: " — question?", "; then", ", but", ", so".
_JOINT = re.compile(r" [—–] |; |, (?=(?:but|so) )")
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|\([^)]*\)")


def two_sentences(text: str) -> str:
    """Return ``text`` with each joint between two thoughts (" — ", "; ", ", but ") made a sentence break.

    A joint inside quotation marks or brackets is the article's or a list's, and stays.

    >>> two_sentences("Outlet A quotes the mayor, but Outlet B does not.")
    'Outlet A quotes the mayor. But Outlet B does not.'
    >>> two_sentences("Verbs like “a — b” are used — why?")
    'Verbs like “a — b” are used. Why?'
    """
    guarded = [range(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[str] = []
    pos = 0
    for m in _JOINT.finditer(text):
        if any(m.start() in r for r in guarded) or not out and not text[: m.start()].strip():
            continue
        out.append(text[pos : m.start()].rstrip(",;:").rstrip() + ". ")
        rest = text[m.end() :]
        out.append(rest[:1].upper())
        pos = m.end() + 1
    return "".join(out) + text[pos:]


# How a side label the user typed is read when a sentence is measured: a plain two-syllable name.
_LABEL_READ_AS = "Outlet"


def plain(text: str, *shorter: str, helps: str = "", labels: Sequence[str] = ()) -> str:
    """Return the plainest form of a sentence we write: the first that is :func:`readable`.

    Forms are tried in this order: ``text``, then ``text`` cut into :func:`two_sentences`, then
    each of ``shorter`` (the caller's forms that quote fewer of the article's words) the same
    way, then each of those followed by ``helps`` (a short plain sentence that helps the reader:
    what to look for, why it matters).  A long name the article gives us sets the grade of a
    short sentence; the sentence after it brings the whole back within reach.  When no form is
    readable, the one of lowest grade is returned.  ``labels`` are words the user chose (the
    sides of a comparison): they are read as a plain two-syllable name, as the user reads them.

    >>> plain("The source is Leonardo DiCaprio.", helps="The article says the claim comes from them.")
    'The source is Leonardo DiCaprio. The article says the claim comes from them.'
    >>> plain("The source is the mayor.", helps="The article says the claim comes from them.")
    'The source is the mayor.'
    >>> plain("Original quotes the mayor, but Copy does not.", labels=["Original", "Copy"])
    'Original quotes the mayor, but Copy does not.'
    """
    forms = [f for t in (text, *shorter) for f in (t, two_sentences(t))]
    if helps:
        forms += [f"{f} {helps}" for f in forms]
    forms = list(dict.fromkeys(forms))
    own = re.compile("|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True) if x))

    def measured(form: str) -> str:
        return own.sub(_LABEL_READ_AS, form) if labels else form

    return next((f for f in forms if readable(measured(f))), min(forms, key=lambda f: _worst_grade(measured(f))))
