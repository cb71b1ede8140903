"""Language warning (issue 13): flagged from 8 words up, with no false alarm on English news.

False alarms are counted on all 2,095 BBC articles (``../shared/corpora/bbc/news``) three ways:
the whole article (what the loader judges), its headline alone, and its first body sentence alone
(short English texts are where a stopword rule breaks). Detection is measured on spaCy's own
example sentences for German, Spanish, French, Italian, Portuguese and Dutch
(``spacy.lang.<code>.examples``), whole and cut to their first 8 words.

    .venv/bin/python benchmarks/language_warning.py
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from labelkit import BBC, bbc_files  # noqa: E402

from toolkit.load import MIN_WORDS_TO_JUDGE, OTHER_LANGUAGES, not_english  # noqa: E402


def _first_sentence(body: str) -> str:
    return re.split(r"(?<=[.!?])\s+", body.strip(), maxsplit=1)[0]


def main() -> None:
    files = bbc_files()
    alarms = {"article": 0, "headline": 0, "first sentence": 0}
    judged = {"headline": 0, "first sentence": 0}
    for rel in files:
        text = (BBC / rel).read_text(encoding="utf-8", errors="replace")
        head, _, body = text.strip().partition("\n")
        first = _first_sentence(body)
        alarms["article"] += not_english(text) is not None
        for key, part in (("headline", head), ("first sentence", first)):
            judged[key] += len(part.split()) >= MIN_WORDS_TO_JUDGE
            if not_english(part):
                alarms[key] += 1
                print(f"  false alarm ({key}) {rel}")
    print(f"BBC articles: {len(files)}")
    for key, n in alarms.items():
        extra = f" ({judged[key]} long enough to judge)" if key in judged else ""
        print(f"false alarms on {key:15} {n}{extra}")
    for code, name in OTHER_LANGUAGES.items():
        sents = importlib.import_module(f"spacy.lang.{code}.examples").sentences
        whole = [s for s in sents if len(s.split()) >= MIN_WORDS_TO_JUDGE]
        cut = [" ".join(s.split()[:MIN_WORDS_TO_JUDGE]) for s in whole]
        hit = sum(not_english(s) is not None for s in whole)
        hit8 = sum(not_english(s) is not None for s in cut)
        print(f"{name:10} flagged {hit}/{len(whole)} example sentences, {hit8}/{len(cut)} cut to 8 words")


if __name__ == "__main__":
    main()
