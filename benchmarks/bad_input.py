"""Bad-input stress figures: a 5 MB article and a 100,000-character line, through the real model.

The test suite checks the same inputs at a smaller scale (tests/test_reliability.py); this
script measures the full sizes: wall time, peak resident memory, sentence count, and that every
sentence offset slices the text exactly.

    .venv/bin/python benchmarks/bad_input.py [--mb 5] [--skip-5mb] [--parse-only]

``--parse-only`` stops after the parse stage (model + line-aware sentences), to separate the
cost of parsing from the cost of the extract and check stages.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import analyze  # noqa: E402
from toolkit.nlp import CHUNK_CHARS, load_model, parse_texts  # noqa: E402
from toolkit.structure import sentences_from_doc  # noqa: E402

SEED = ROOT / "data" / "russia-china-drones.txt"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_parse(name: str, text: str, nlp) -> None:
    before = peak_mb()
    t0 = time.perf_counter()
    doc = next(parse_texts(nlp, [text]))
    sents = sentences_from_doc(doc, "big")
    secs = time.perf_counter() - t0
    exact = doc.text == text and all(text[s.start : s.end] == s.text for s in sents)
    print(
        f"{name} (parse only): {len(text):,} chars, {len(doc):,} tokens, {secs:.1f} s "
        f"({len(text) / secs / 1000:.0f}k chars/s), peak RSS {peak_mb():.0f} MB (was {before:.0f} MB), "
        f"{len(sents):,} sentences (longest {max(s.n_tokens for s in sents)} tokens), offsets exact: {exact}"
    )


def run(name: str, text: str, nlp) -> None:
    before = peak_mb()
    t0 = time.perf_counter()
    a = analyze(text, nlp=nlp, progress=False)
    secs = time.perf_counter() - t0
    s = a.sentences
    exact = all(text[r.start : r.end] == r.text for r in s.itertuples())
    claims_ok = all(text[r.content_start : r.content_end] == r.content_text for r in a.claims.itertuples())
    print(
        f"{name}: {len(text):,} chars, {secs:.1f} s ({len(text) / secs / 1000:.0f}k chars/s), "
        f"peak RSS {peak_mb():.0f} MB (was {before:.0f} MB before), {len(s):,} sentences "
        f"(longest {int(s['n_tokens'].max()) if len(s) else 0} tokens), {len(a.claims):,} claims, "
        f"offsets exact: {exact and claims_ok}, errors: {len(a.errors)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--skip-5mb", action="store_true")
    ap.add_argument("--parse-only", action="store_true")
    args = ap.parse_args()
    nlp = load_model()
    step = run_parse if args.parse_only else run
    seed = SEED.read_text(encoding="utf-8")
    words = re.sub(r"[^\w\s]", "", seed).split()
    line = " ".join(words * 60)[:100_000]
    step("100,000-char line, no punctuation", line, nlp)
    step("100,000-char line of one repeated word", " ".join(["word"] * 20_000)[:100_000], nlp)
    if not args.skip_5mb:
        size = int(args.mb * 1_000_000)
        big = ((seed + "\n\n") * (size // (len(seed) + 2) + 1))[:size]
        print(f"(parsed in about {len(big) // CHUNK_CHARS + 1} chunks of <= {CHUNK_CHARS:,} chars)")
        step(f"{args.mb:g} MB article", big, nlp)


if __name__ == "__main__":
    main()
