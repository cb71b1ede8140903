"""Score ``toolkit.compare`` on the hand-labelled same-event pairs in ``benchmarks/labels/compare``.

    .venv/bin/python benchmarks/compare.py [--split tune|heldout|heldout2|…|heldout6] [--verbose] [--both | --grid]

* Pairs: 38 PolNeAR train pairs (labels name gold brat events, ``E12``) and 30 BBC pairs (labels
  hold hashed word fingerprints of each statement, see ``benchmarks/labelkit.py``).  Each label
  file says which split it is in; weights are chosen on ``tune`` and (since each was scored once)
  ``heldout3`` and ``heldout4``, never on a split not yet scored.  ``heldout`` (5 pairs) was scored once
  for the word-overlap matcher and so has been seen; ``heldout2`` (12 PolNeAR pairs drawn later
  with ``labelkit.compare_heldout2_draw``) is scored once, after the embedding matcher is frozen.
  ``heldout3`` (6 BBC + 6 PolNeAR pairs from ``labelkit.compare_heldout3_draw``) was labelled
  before any run and scored once (it is dev data since).  ``heldout4`` (10 BBC + 2 PolNeAR pairs
  from ``labelkit.compare_heldout4_draw``; the PolNeAR candidates ran out after 8) was scored once,
  after the weights chosen on tune + heldout3 were committed.  ``heldout5`` (12 BBC pairs from
  ``labelkit.compare_heldout5_draw``; the PolNeAR candidates left were all rejected by earlier
  sets) was labelled before any run and scored once, after the verbatim bonus.  ``heldout6`` (11
  BBC pairs from ``labelkit.compare_heldout6_draw``, cosine 0.7 and up: no candidate above 0.8 was
  left) was labelled before any run, to be scored once.  The heldout3, heldout4 and heldout5 files also list
  ``a_copies`` / ``b_copies``: groups of statements one article gives twice (headline and body,
  a quote and its paraphrase); :func:`load_pairs` passes them on as ``Side.copies`` (empty for
  older files).  The tune files list the copies their labeller's
  notes name ("A E1/E2 restate A E4"); heldout and heldout2 list none.
* Both articles of a pair are analysed with ``toolkit.analyze`` and compared with
  ``toolkit.compare``.  Each predicted claim is mapped to at most one labelled statement of its
  article: PolNeAR by content-token Jaccard, greedily one-to-one (as ``benchmarks/attribution.py``
  pairs claims with gold); BBC by the Dice overlap of word hashes with ``content_fp``.  Only the
  statements the labeller considered (``a_events_considered``) take part.
* Precision = predicted matches whose two claims map to a labelled matched pair / predicted
  matches whose two claims both map to some labelled statement.  Recall = labelled matches whose
  two statements were both detected and are predicted as matched / labelled matches whose two
  statements were both detected; recall over all labelled matches is printed too.  Copies count
  as one statement: a claim mapped to any copy stands for the group (one-to-one matching pairs
  a headline with whichever copy the other outlet's wording is closest to, and either is right).
* Seconds per pair: analysis and comparison of both articles (the models are loaded once,
  before); the matching part (embedding the claims) is printed separately.
* ``--cover`` lets a claim stand for every labelled statement it contains (``COVER``): the toolkit
  keeps a quotation that runs on over several sentences as one claim, as PolNeAR does, where a
  labeller may list each sentence; a predicted match is right when any pair it covers is labelled.
* ``--both`` scores word overlap alone and with embeddings on one analysis of each pair;
  ``--grid`` searches weights and threshold on the dev pairs (``GRID_SPLITS``: tune, heldout3, heldout4).

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
    # Groups of label ids this article gives twice (the same statement); a match may name any one.
    copies: list[set[str]] = field(default_factory=list)


def _copies(groups: list[list]) -> list[set[str]]:
    return [{str(x) for x in g} for g in groups]


def canonical(groups: list[set[str]]) -> dict[str, str]:
    """Each copied statement's id -> its group's first id (by sort order); others map to themselves."""
    return {x: min(g) for g in groups for x in g}


def _polnear_side(path: str, ann: str, considered: list[str], copies: list[set[str]]) -> Side:
    split, name = path.split("/", 1)
    text = (POLNEAR / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
    toks = Tokens(text)
    golds = [g for g in parse_ann(POLNEAR / split / "attributions" / ann) if g.eid in set(considered)]
    return Side(text, [(g.eid, toks.of(g.content)) for g in golds], copies)


def _bbc_side(path: str, statements: list[dict], copies: list[set[str]]) -> Side:
    text = (BBC / path).read_text(encoding="utf-8")
    return Side(text, [(str(s["n"]), frozenset(s["content_fp"])) for s in statements], copies)


def load_pairs(split: str) -> list[tuple[dict, Side, Side]]:
    out = []
    for p in sorted((LABELS / "compare").glob("*.json")):
        lab = json.loads(p.read_text(encoding="utf-8"))
        if lab["split"] != split:
            continue
        copies_a, copies_b = _copies(lab.get("a_copies", [])), _copies(lab.get("b_copies", []))
        if lab["corpus"] == "polnear":
            a = _polnear_side(lab["a"], lab["a_ann"], lab["a_events_considered"], copies_a)
            b = _polnear_side(lab["b"], lab["b_ann"], lab["b_events_considered"], copies_b)
        else:
            a = _bbc_side(lab["a"], lab["a_statements"], copies_a)
            b = _bbc_side(lab["b"], lab["b_statements"], copies_b)
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


def _claim_words(corpus: str, side: Side, claims) -> list[frozenset]:
    """Each claim's content as the labels hold statements: PolNeAR token ids, BBC word hashes."""
    if corpus == "polnear":
        toks = Tokens(side.text)
        return [toks.of(tuple(tuple(x) for x in spans) or ((s, e),))
                for spans, s, e in zip(claims["content_spans"], claims["content_start"], claims["content_end"], strict=True)]
    return [frozenset(fingerprint(t)) for t in claims["content_text"]]


def map_claims(corpus: str, side: Side, claims, preds: list[frozenset] | None = None) -> dict[int, str]:
    """claim_id -> labelled statement id, one-to-one (``preds``: :func:`_claim_words`, if already read)."""
    ids = [int(c) for c in claims["claim_id"]]
    preds = _claim_words(corpus, side, claims) if preds is None else preds
    golds = [g for _, g in side.statements]
    pairs = pair(preds, golds) if corpus == "polnear" else _dice_pairs(preds, golds)
    canon = canonical(side.copies)
    return {ids[i]: canon.get(side.statements[j][0], side.statements[j][0]) for i, j in pairs}


# The splits weights are chosen on: tune, and heldout3 and heldout4 once each had been scored
# (never a split not yet scored).
GRID_SPLITS = ("tune", "heldout3", "heldout4")

# --cover: a claim stands for every labelled statement at least this share of whose words (tokens
# or hashes) it contains.  The toolkit joins a quotation that runs on over several sentences into
# one claim (PolNeAR's convention); a labeller may list each sentence as a statement.
COVER = 0.8


def cover_claims(corpus: str, side: Side, claims) -> dict[int, set[str]]:
    """claim_id -> the labelled statements it stands for: its one-to-one statement and all it contains."""
    preds = _claim_words(corpus, side, claims)
    one = map_claims(corpus, side, claims, preds)
    canon = canonical(side.copies)
    ids = [int(c) for c in claims["claim_id"]]
    out: dict[int, set[str]] = {}
    for cid, pred in zip(ids, preds, strict=True):
        got = {canon.get(sid, sid) for sid, g in side.statements if g and len(pred & g) >= COVER * len(g)}
        if cid in one:
            got.add(one[cid])
        if got:
            out[cid] = got
    return out


@dataclass
class Score:
    pred_both: int = 0
    pred_right: int = 0
    gold_detected: int = 0
    gold_found: int = 0
    gold_all: int = 0
    seconds: list[float] = field(default_factory=list)
    compare_seconds: list[float] = field(default_factory=list)

    def add(self, lab: dict, predicted: set, map_a: dict, map_b: dict, *, verbose: bool = False) -> None:
        ca, cb = canonical(_copies(lab.get("a_copies", []))), canonical(_copies(lab.get("b_copies", [])))
        gold = {(ca.get(str(x), str(x)), cb.get(str(y), str(y))) for x, y in lab["matches"]}
        both = {p for p in predicted if None not in p}
        detected = {g for g in gold if g[0] in map_a.values() and g[1] in map_b.values()}
        self.pred_both += len(both)
        self.pred_right += len(both & gold)
        self.gold_detected += len(detected)
        self.gold_found += len(detected & both)
        self.gold_all += len(gold)
        if verbose:
            print(f"{lab['id'][:70]:70s} pred {len(both):2d} right {len(both & gold):2d} "
                  f"gold {len(gold):2d} detected {len(detected):2d} found {len(detected & both):2d}"
                  f"  wrong {sorted(both - gold)} missed {sorted(detected - both)}")

    def add_cover(self, lab: dict, pairs: set[tuple[int, int]], cover_a: dict[int, set[str]],
                  cover_b: dict[int, set[str]], *, verbose: bool = False) -> None:
        """Score claim pairs where each claim stands for every labelled statement it covers."""
        ca, cb = canonical(_copies(lab.get("a_copies", []))), canonical(_copies(lab.get("b_copies", [])))
        gold = {(ca.get(str(x), str(x)), cb.get(str(y), str(y))) for x, y in lab["matches"]}
        seen_a = set().union(*cover_a.values()) if cover_a else set()
        seen_b = set().union(*cover_b.values()) if cover_b else set()
        detected = {g for g in gold if g[0] in seen_a and g[1] in seen_b}
        both = [(cover_a[x], cover_b[y]) for x, y in pairs if x in cover_a and y in cover_b]
        found = {g for g in detected if any(g[0] in xa and g[1] in yb for xa, yb in both)}
        right = sum(any((x, y) in gold for x in xa for y in yb) for xa, yb in both)
        self.pred_both += len(both)
        self.pred_right += right
        self.gold_detected += len(detected)
        self.gold_found += len(found)
        self.gold_all += len(gold)
        if verbose:
            print(f"{lab['id'][:70]:70s} pred {len(both):2d} right {right:2d} gold {len(gold):2d} "
                  f"detected {len(detected):2d} found {len(found):2d}  missed {sorted(detected - found)}")

    @property
    def precision(self) -> float:
        return self.pred_right / self.pred_both if self.pred_both else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold_detected if self.gold_detected else 0.0


@dataclass
class Prepared:
    """One analysed pair: its labels, the claims each side offers the matcher, and their mapping."""

    lab: dict
    left: list
    right: list
    map_a: dict[int, str]
    map_b: dict[int, str]
    seconds: float
    cosine: object = None


def prepare(split: str) -> list[Prepared]:
    """Analyse every pair of ``split`` once (for the grid and for lexical-vs-semantic runs)."""
    import pandas as pd

    import toolkit
    from toolkit.comparison.matching import ClaimText
    from toolkit.comparison.sides import NO_SOURCE, claims_by_side

    nlp = toolkit.load_model()
    out = []
    for lab, a, b in load_pairs(split):
        t0 = time.perf_counter()
        analysis = toolkit.analyze(pd.DataFrame({"article_id": ["a", "b"], "text": [a.text, b.text]}),
                                   nlp=nlp, progress=False)
        seconds = time.perf_counter() - t0
        claims = claims_by_side(analysis, {"A": ("a",), "B": ("b",)})
        texts = {side: [ClaimText((str(r.article_id), int(r.claim_id)), str(r.content_text),
                                  None if r.speaker == NO_SOURCE else str(r.speaker))
                        for r in claims[claims["side"] == side].itertuples()] for side in ("A", "B")}
        raw = analysis.claims
        out.append(Prepared(lab, texts["A"], texts["B"],
                            map_claims(lab["corpus"], a, raw[raw["article_id"] == "a"]),
                            map_claims(lab["corpus"], b, raw[raw["article_id"] == "b"]), seconds))
    return out


def score_prepared(preps: list[Prepared], weights, *, semantic: bool, verbose: bool = False) -> Score:
    """Score the matcher with ``weights`` on prepared pairs (cosines computed once per pair)."""
    from toolkit.comparison.matching import encoder_or_none, match_pairs, similarity

    if semantic:
        encoder_or_none()  # loaded once, before: the timing is the per-pair cost
    score = Score()
    for p in preps:
        if semantic and p.cosine is None:
            t0 = time.perf_counter()
            p.cosine = similarity(p.left, p.right)
            score.compare_seconds.append(time.perf_counter() - t0)
        pairs = match_pairs(p.left, p.right, weights=weights, cosine=p.cosine if semantic else None)
        predicted = {(p.map_a.get(a.key[1]), p.map_b.get(b.key[1])) for a, b, _ in pairs}
        score.add(p.lab, predicted, p.map_a, p.map_b, verbose=verbose)
        score.seconds.append(p.seconds)
    return score


def grid(preps: list[Prepared]) -> list[tuple[float, float, object]]:
    """Every weight/threshold combination on the prepared (tune) pairs: (precision, recall, weights)."""
    import itertools

    import numpy as np

    from toolkit.comparison.matching import Weights, evidence, one_to_one, similarity

    evs = []
    for p in preps:
        if p.cosine is None:
            p.cosine = similarity(p.left, p.right)
        evs.append(evidence(p.left, p.right, cosine=p.cosine) if p.left and p.right else None)
    out = []
    steps = np.round(np.arange(0.0, 0.85, 0.1), 2)
    for sem, con, ent, spk, verb in itertools.product(steps, steps, (0.0, 0.1), (0.0, 0.1, 0.2, 0.3), (0.0, 0.2)):
        if abs(sem + con + ent + spk - 1.0) > 1e-6 or sem == 0:
            continue
        vec = np.array([sem, con, ent, spk, verb])
        mats = [None if ev is None else np.tensordot(vec, ev, 1) for ev in evs]
        for thr in np.round(np.arange(0.30, 0.80, 0.02), 2):
            s = Score()
            for p, m in zip(preps, mats, strict=True):
                pairs = [] if m is None else one_to_one(m, float(thr))
                predicted = {(p.map_a.get(p.left[i].key[1]), p.map_b.get(p.right[j].key[1])) for i, j, _ in pairs}
                s.add(p.lab, predicted, p.map_a, p.map_b)
            out.append((s.precision, s.recall, Weights(float(sem), float(con), float(ent), float(spk), float(verb), float(thr))))
    return out


def run(split: str, *, verbose: bool = False, cover: bool = False) -> Score:
    """What users get: ``toolkit.compare`` on each pair (with the embedding model if installed)."""
    import pandas as pd

    import toolkit
    from toolkit.comparison import compare
    from toolkit.comparison.matching import encoder_or_none

    nlp = toolkit.load_model()
    encoder_or_none()  # loaded once, before, like the spaCy model
    score = Score()
    for lab, a, b in load_pairs(split):
        t0 = time.perf_counter()
        analysis = toolkit.analyze(pd.DataFrame({"article_id": ["a", "b"], "text": [a.text, b.text]}),
                                   nlp=nlp, progress=False)
        t1 = time.perf_counter()
        comp = compare(analysis, ["a", "b"], labels=["A", "B"])
        score.compare_seconds.append(time.perf_counter() - t1)
        score.seconds.append(time.perf_counter() - t0)
        claims = analysis.claims
        if cover:
            score.add_cover(lab, {(int(r.claim_a), int(r.claim_b)) for r in comp.matches.itertuples()},
                            cover_claims(lab["corpus"], a, claims[claims["article_id"] == "a"]),
                            cover_claims(lab["corpus"], b, claims[claims["article_id"] == "b"]), verbose=verbose)
            continue
        map_a = map_claims(lab["corpus"], a, claims[claims["article_id"] == "a"])
        map_b = map_claims(lab["corpus"], b, claims[claims["article_id"] == "b"])
        predicted = {(map_a.get(int(r.claim_a)), map_b.get(int(r.claim_b))) for r in comp.matches.itertuples()}
        score.add(lab, predicted, map_a, map_b, verbose=verbose)
    return score


def report(name: str, s: Score) -> None:
    r_all = s.gold_found / s.gold_all if s.gold_all else 0.0
    print(f"{name}: {len(s.seconds)} pairs, {s.gold_all} labelled matches")
    print(f"matched-claim precision {s.precision:.3f} ({s.pred_right}/{s.pred_both})")
    print(f"matched-claim recall    {s.recall:.3f} ({s.gold_found}/{s.gold_detected} labelled matches with both claims detected)")
    print(f"recall over all labelled matches {r_all:.3f} ({s.gold_found}/{s.gold_all})")
    n = max(len(s.seconds), 1)
    print(f"seconds per pair {sum(s.seconds) / n:.2f} (of which matching/embedding {sum(s.compare_seconds) / n:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"), default="tune")
    ap.add_argument("--verbose", action="store_true", help="one line per pair")
    ap.add_argument("--both", action="store_true",
                    help="score word overlap only (LEXICAL) and with embeddings (SEMANTIC) on one analysis")
    ap.add_argument("--grid", action="store_true", help="print the best weight combinations on the dev pairs (GRID_SPLITS)")
    ap.add_argument("--cover", action="store_true",
                    help="a claim stands for every labelled statement it contains (a run-on quote the labeller split)")
    args = ap.parse_args()
    if args.grid:
        # Weights are chosen on the dev pairs: tune, and heldout3 since its one scoring.
        rows = grid([p for split in GRID_SPLITS for p in prepare(split)])
        # Prefer precision: best recall among combinations with precision >= 0.9, then by F0.5.
        ok = sorted((r for r in rows if r[0] >= 0.9), key=lambda r: (-r[1], -r[0]))
        f05 = sorted(rows, key=lambda r: -(1.25 * r[0] * r[1] / (0.25 * r[0] + r[1]) if r[0] + r[1] else 0))
        print("precision >= 0.9, best recall:")
        for p, r, w in ok[:25]:
            print(f"  P {p:.3f} R {r:.3f} {w}")
        print("best F0.5:")
        for p, r, w in f05[:10]:
            print(f"  P {p:.3f} R {r:.3f} {w}")
        return
    if args.both:
        from toolkit.comparison.matching import LEXICAL, SEMANTIC

        preps = prepare(args.split)
        report(f"split {args.split}, word overlap only", score_prepared(preps, LEXICAL, semantic=False, verbose=args.verbose))
        report(f"split {args.split}, with embeddings", score_prepared(preps, SEMANTIC, semantic=True, verbose=args.verbose))
        return
    report(f"split {args.split}" + (" (--cover)" if args.cover else ""), run(args.split, verbose=args.verbose, cover=args.cover))


if __name__ == "__main__":
    main()
