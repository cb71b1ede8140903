"""Speaker kinds on hand-labelled PolNeAR mentions: named / anonymous / vague / document.

Reads ``tests/fixtures/speaker_kinds.json`` (mention strings sampled from PolNeAR dev Source
spans, labelled by hand for this project; no article text) and scores
``toolkit.attribution.speakers.classify_mention`` after mapping the toolkit's speaker kinds to
the four classes with :data:`KIND_TO_CLASS`.  Prints accuracy, per-class recall and the errors.

The engine was tuned on that dev fixture's errors, so it also scores
``tests/fixtures/speaker_kinds_heldout.json``: mentions drawn at random from PolNeAR *train*
Source spans and labelled by hand before the toolkit was run on them (the held-out figure).

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
HELDOUT = ROOT / "tests" / "fixtures" / "speaker_kinds_heldout.json"

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


def score(
    nlp=None, *, fixture: Path = FIXTURE, limit: int | None = None
) -> tuple[float, list[tuple[str, str, str]], Counter, Counter]:
    """Return accuracy, the errors (mention, gold, predicted), and per-class totals / hits.

    ``limit`` scores only the first ``limit`` mentions (the held-out fixture's random prefix).
    """
    from toolkit.attribution.speakers import classify_mention

    rows = json.loads(fixture.read_text(encoding="utf-8"))["mentions"][:limit]
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


def report(nlp, fixture: Path) -> None:
    """Print accuracy, per-class recall and the errors on one fixture."""
    t0 = time.perf_counter()
    acc, errors, total, hits = score(nlp, fixture=fixture)
    n = sum(total.values())
    print(f"{fixture.relative_to(ROOT)}: {n} mentions ({time.perf_counter() - t0:.2f} s)")
    print(f"accuracy {acc:.3f} ({sum(hits.values())}/{n})")
    for label in ("named", "anonymous", "vague", "document"):
        print(f"  {label:<10} recall {hits[label] / max(1, total[label]):.3f} ({hits[label]}/{total[label]})")
    prefix = json.loads(fixture.read_text(encoding="utf-8")).get("random_prefix")
    if prefix:
        # The prefix keeps the corpus's natural class mix; the rest tops up the rare classes.
        acc_p, _, total_p, hits_p = score(nlp, fixture=fixture, limit=prefix)
        print(f"  random sample only (first {prefix}): accuracy {acc_p:.3f} ({sum(hits_p.values())}/{prefix})")
    for mention, gold, pred in errors:
        print(f"  error: {mention!r}: gold {gold}, predicted {pred}")


def main() -> None:
    from toolkit.nlp import load_model

    nlp = load_model()
    report(nlp, FIXTURE)
    print()
    print("held-out (PolNeAR train, labelled before scoring):")
    report(nlp, HELDOUT)


if __name__ == "__main__":
    main()
