"""Score ``toolkit.compare`` on the hand-labelled same-event pairs in ``benchmarks/labels/compare``.

    .venv/bin/python benchmarks/compare.py [--split tune|heldout] [--verbose]

* Pairs: 18 PolNeAR train pairs (labels name gold brat events, ``E12``) and 2 BBC pairs (labels
  hold hashed word fingerprints of each statement, see ``benchmarks/labelkit.py``).  Each label
  file says which split it is in; tune on ``tune`` only, score ``heldout`` once.
* Both articles of a pair are analysed with ``toolkit.analyze`` and compared with
  ``toolkit.compare``.  Each predicted claim is mapped to at most one labelled statement of its
  article: PolNeAR by content-token Jaccard, greedily one-to-one (as ``benchmarks/attribution.py``
  pairs claims with gold); BBC by the Dice overlap of word hashes with ``content_fp``.  Only the
  statements the labeller considered (``a_events_considered``) take part.
* Precision = predicted matches whose two claims map to a labelled matched pair / predicted
  matches whose two claims both map to some labelled statement.  Recall = labelled matches whose
  two statements were both detected and are predicted as matched / labelled matches whose two
  statements were both detected; recall over all labelled matches is printed too.
* Seconds per pair: analysis and comparison of both articles (the model is loaded once, before).

Nothing from the corpora is written anywhere: they are read in place.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attribution import Tokens, pair, parse_ann  # noqa: E402
from labelkit import BBC, LABELS, POLNEAR, fingerprint  # noqa: E402

# A BBC claim maps to a labelled statement when at least this share of their hashed words agree
# (Dice); below it the claim is about something else in the same paragraph.
MIN_DICE = 0.3


@dataclass
class Side:
    text: str
    statements: list[tuple[str, frozenset]] = field(default_factory=list)  # (label id, token/hash set)


def _polnear_side(path: str, ann: str, considered: list[str]) -> Side:
    split, name = path.split("/", 1)
    text = (POLNEAR / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
    toks = Tokens(text)
    golds = [g for g in parse_ann(POLNEAR / split / "attributions" / ann) if g.eid in set(considered)]
    return Side(text, [(g.eid, toks.of(g.content)) for g in golds])


def _bbc_side(path: str, statements: list[dict]) -> Side:
    text = (BBC / path).read_text(encoding="utf-8")
    return Side(text, [(str(s["n"]), frozenset(s["content_fp"])) for s in statements])


def load_pairs(split: str) -> list[tuple[dict, Side, Side]]:
    out = []
    for p in sorted((LABELS / "compare").glob("*.json")):
        lab = json.loads(p.read_text(encoding="utf-8"))
        if lab["split"] != split:
            continue
        if lab["corpus"] == "polnear":
            a = _polnear_side(lab["a"], lab["a_ann"], lab["a_events_considered"])
            b = _polnear_side(lab["b"], lab["b_ann"], lab["b_events_considered"])
        else:
            a, b = _bbc_side(lab["a"], lab["a_statements"]), _bbc_side(lab["b"], lab["b_statements"])
        out.append((lab, a, b))
    return out


def _dice_pairs(preds: list[frozenset], golds: list[frozenset]) -> list[tuple[int, int]]:
    cand = sorted(
        ((2 * len(p & g) / (len(p) + len(g)), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds) if p and g),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for d, i, j in cand:
        if d < MIN_DICE or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def map_claims(corpus: str, side: Side, claims) -> dict[int, str]:
    """claim_id -> labelled statement id, one-to-one."""
    ids = [int(c) for c in claims["claim_id"]]
    if corpus == "polnear":
        toks = Tokens(side.text)
        preds = [toks.of(tuple(tuple(x) for x in spans) or ((s, e),))
                 for spans, s, e in zip(claims["content_spans"], claims["content_start"], claims["content_end"], strict=True)]
        pairs = pair(preds, [g for _, g in side.statements])
    else:
        preds = [frozenset(fingerprint(t)) for t in claims["content_text"]]
        pairs = _dice_pairs(preds, [g for _, g in side.statements])
    return {ids[i]: side.statements[j][0] for i, j in pairs}


@dataclass
class Score:
    pred_both: int = 0
    pred_right: int = 0
    gold_detected: int = 0
    gold_found: int = 0
    gold_all: int = 0
    seconds: list[float] = field(default_factory=list)


def run(split: str, *, verbose: bool = False) -> Score:
    import pandas as pd

    import toolkit
    from toolkit.comparison import compare

    nlp = toolkit.load_model()
    score = Score()
    for lab, a, b in load_pairs(split):
        t0 = time.perf_counter()
        analysis = toolkit.analyze(pd.DataFrame({"article_id": ["a", "b"], "text": [a.text, b.text]}),
                                   nlp=nlp, progress=False)
        comp = compare(analysis, ["a", "b"], labels=["A", "B"])
        score.seconds.append(time.perf_counter() - t0)
        claims = analysis.claims
        map_a = map_claims(lab["corpus"], a, claims[claims["article_id"] == "a"])
        map_b = map_claims(lab["corpus"], b, claims[claims["article_id"] == "b"])
        gold = {(str(x), str(y)) for x, y in lab["matches"]}
        predicted = {(map_a.get(int(r.claim_a)), map_b.get(int(r.claim_b))) for r in comp.matches.itertuples()}
        both = {p for p in predicted if None not in p}
        detected = {g for g in gold if g[0] in map_a.values() and g[1] in map_b.values()}
        score.pred_both += len(both)
        score.pred_right += len(both & gold)
        score.gold_detected += len(detected)
        score.gold_found += len(detected & both)
        score.gold_all += len(gold)
        if verbose:
            print(f"{lab['id'][:70]:70s} pred {len(both):2d} right {len(both & gold):2d} "
                  f"gold {len(gold):2d} detected {len(detected):2d} found {len(detected & both):2d}"
                  f"  wrong {sorted(both - gold)} missed {sorted(detected - both)}")
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("tune", "heldout"), default="tune")
    ap.add_argument("--verbose", action="store_true", help="one line per pair")
    args = ap.parse_args()
    s = run(args.split, verbose=args.verbose)
    p = s.pred_right / s.pred_both if s.pred_both else 0.0
    r = s.gold_found / s.gold_detected if s.gold_detected else 0.0
    r_all = s.gold_found / s.gold_all if s.gold_all else 0.0
    print(f"split {args.split}: {len(s.seconds)} pairs, {s.gold_all} labelled matches")
    print(f"matched-claim precision {p:.3f} ({s.pred_right}/{s.pred_both})")
    print(f"matched-claim recall    {r:.3f} ({s.gold_found}/{s.gold_detected} labelled matches with both claims detected)")
    print(f"recall over all labelled matches {r_all:.3f} ({s.gold_found}/{s.gold_all})")
    print(f"seconds per pair {sum(s.seconds) / max(len(s.seconds), 1):.2f}")


if __name__ == "__main__":
    main()
