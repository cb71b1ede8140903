"""The not-English warning: a cheap, offline guess that an article is in another language."""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W\d_]+")
# Share of common English words below which a text is flagged; English news measures 0.20-0.55
# (the lowest are sports results), German/French/Spanish/Dutch/Indonesian news 0.00-0.05.
MIN_ENGLISH_SHARE = 0.10
# Below 8 words even a headline has too few function words to tell a language by.
MIN_WORDS_TO_JUDGE = 8
# Under this many words an English sentence can hold almost no common English word ("Elena
# Dementieva swept aside defending champion Venus Williams 6-3 6-2 …", 1 of 16 on BBC sport), so
# a shorter text is flagged only on positive evidence too: enough common words of one other
# language (and, for the share rule alone, more of them than English ones).
MIN_WORDS_BY_SHARE = 40
MIN_FOREIGN_SHARE = 0.25
MIN_FOREIGN_WORDS = 3
# Common words of the languages a teacher or researcher is likeliest to paste by mistake.
OTHER_LANGUAGES = {"de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def not_english(text: str) -> str | None:
    """Say why ``text`` looks non-English, cheaply and offline (script, then common-word shares).

    >>> not_english("Le Kremlin a démenti les informations selon lesquelles la Russie aurait demandé une aide militaire à la Chine.")[:43]
    'looks like it is not English: only 1 of 18 '
    >>> not_english("Die Regierung will die neuen Regeln nicht mehr verschieben, sagte er.").split(";")[0]
    'looks like it is not English: only 1 of 11 words are common English words'
    >>> not_english("The Kremlin denied reports that Russia had asked China for military help, a spokesman said.") is None
    True
    """
    import importlib

    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= 20:
        foreign = [ch for ch in letters if ch > "\u024f"]
        if len(foreign) > len(letters) / 2:
            import unicodedata
            from collections import Counter

            scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in foreign)
            script = scripts.most_common(1)[0][0].title()
            return (
                f"looks like it is not English (mostly {script} script); the English model was used "
                "anyway, so sentences, speakers and claims may be wrong"
            )
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w.lower() for w in _WORD_RE.findall(sample)]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    common = sum(w in STOP_WORDS for w in words)
    consequence = "; the English model was used anyway, so sentences, speakers and claims may be wrong"
    hits, name = max(
        (sum(w in importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS - STOP_WORDS for w in words), name)
        for code, name in OTHER_LANGUAGES.items()
    )
    few_english = common / len(words) < MIN_ENGLISH_SHARE
    if few_english and (len(words) >= MIN_WORDS_BY_SHARE or hits >= MIN_FOREIGN_WORDS):
        return f"looks like it is not English: only {common} of {len(words)} words are common English words" + consequence
    if hits >= max(MIN_FOREIGN_WORDS, MIN_FOREIGN_SHARE * len(words)) and hits > common:
        return f"looks like it is not English: {hits} of {len(words)} words are common {name} words" + consequence
    return None
