"""Hedge / weasel detection on the Wikipedia weasel sentences (CoNLL-2010 / Szeged, test split).

Scores ``toolkit.literacy.is_uncertain`` (the detector the product uses) as a sentence
classifier: label 1 = uncertain.  Also prints the plain ``hedges.txt`` list as a baseline.
The cue list was curated on ``train.csv`` only; this script reads ``test.csv`` by default.

    .venv/bin/python benchmarks/hedges.py [--split test|train]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.literacy.hedging import find_hedges, is_uncertain  # noqa: E402

DATA = ROOT.parent / "shared" / "lexicons" / "wikiweasel_szeged"


def prf(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["test", "train"])
    args = ap.parse_args()
    path = DATA / f"{args.split}.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [(r["text"].strip(), r["label"].strip() == "1") for r in csv.DictReader(fh)]
    gold = [g for _, g in rows]
    print(f"{path.relative_to(ROOT.parent)}: {len(rows)} sentences, {sum(gold)} uncertain")
    t0 = time.perf_counter()
    pred = [is_uncertain(s) for s, _ in rows]
    secs = time.perf_counter() - t0
    p, r, f = prf(pred, gold)
    print(f"is_uncertain (hedge_cues.tsv)   P={p:.3f} R={r:.3f} F1={f:.3f}  ({secs:.2f} s)")
    base = [bool(find_hedges(s)) for s, _ in rows]
    p, r, f = prf(base, gold)
    print(f"baseline: any hedges.txt term   P={p:.3f} R={r:.3f} F1={f:.3f}  (news hedges, kept narrow for claims)")
    hyland = DATA.parent / "bias_lexicons" / "hedges_hyland2005.txt"
    terms = [t.strip() for t in hyland.read_text(encoding="utf-8").splitlines() if t.strip() and not t.startswith("#")]
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?![\w-])", re.I)
    p, r, f = prf([bool(rx.search(s)) for s, _ in rows], gold)
    print(f"baseline: any Hyland 2005 hedge P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
