"""Speaker kinds on hand-labelled PolNeAR dev mentions: named / anonymous / vague / document.

Reads ``tests/fixtures/speaker_kinds.json`` (mention strings sampled from PolNeAR dev Source
spans, labelled by hand for this project; no article text) and scores
``toolkit.attribution.speakers.classify_mention`` after mapping the toolkit's speaker kinds to
the four classes with :data:`KIND_TO_CLASS`.  Prints accuracy, per-class recall and the errors.

    .venv/bin/python benchmarks/speaker_kinds.py
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIXTURE = ROOT / "tests" / "fixtures" / "speaker_kinds.json"

# Toolkit kinds (toolkit.types.SPEAKER_KINDS) -> the benchmark's four classes.  "unknown" maps
# to itself and therefore always counts as an error.
KIND_TO_CLASS = {
    "person": "named",
    "organization": "named",
    "country": "named",
    "government": "named",
    "document": "document",
    "anonymous": "anonymous",
    "vague": "vague",
    "unknown": "unknown",
}


def score(nlp=None) -> tuple[float, list[tuple[str, str, str]], Counter, Counter]:
    """Return accuracy, the errors (mention, gold, predicted), and per-class totals / hits."""
    from toolkit.attribution.speakers import classify_mention

    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))["mentions"]
    errors, total, hits = [], Counter(), Counter()
    for row in rows:
        kind = classify_mention(row["mention"], nlp=nlp)
        pred = KIND_TO_CLASS.get(kind, "unknown")
        total[row["label"]] += 1
        if pred == row["label"]:
            hits[row["label"]] += 1
        else:
            errors.append((row["mention"], row["label"], f"{pred} ({kind})"))
    return sum(hits.values()) / max(1, len(rows)), errors, total, hits


def main() -> None:
    from toolkit.nlp import load_model

    nlp = load_model()
    t0 = time.perf_counter()
    acc, errors, total, hits = score(nlp)
    n = sum(total.values())
    print(f"{FIXTURE.relative_to(ROOT)}: {n} mentions ({time.perf_counter() - t0:.2f} s)")
    print(f"accuracy {acc:.3f} ({sum(hits.values())}/{n})")
    for label in ("named", "anonymous", "vague", "document"):
        print(f"  {label:<10} recall {hits[label] / max(1, total[label]):.3f} ({hits[label]}/{total[label]})")
    for mention, gold, pred in errors:
        print(f"  error: {mention!r}: gold {gold}, predicted {pred}")


if __name__ == "__main__":
    main()
