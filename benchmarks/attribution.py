"""Score the attribution engine on PolNeAR dev (brat attribution gold), as issue 3 specifies.

    .venv/bin/python benchmarks/attribution.py [--polnear ../shared/corpora/polnear] [--split dev]
        [--errors N] [--cache FILE.spacy]

* Gold: the first annotator per article (the alphabetically first ``<article>_<annotator>.ann``);
  brat text-bound spans may be discontinuous (``0 5;9 12``).  Every event with a Content is
  one gold attribution (``Attribution`` and ``Attribution-no-source``).
* Tokens are runs of word characters (``\\w+``); a span's tokens are those starting inside it.
* Detection: predicted claims are paired one-to-one with gold attributions of the same
  article by highest content-token Jaccard (> 0), greedily.  P = pairs / predicted,
  R = pairs / gold.
* Content token overlap P/R/F1: the shared content tokens of the pairs summed over all claims
  (unpaired claims contribute zero overlap), over all predicted / gold content tokens.
* Exact content: pairs whose content token sets are identical.
* Speaker exact / partial and cue exact: on the pairs; exact = identical word-token sets
  (a cue without word tokens, the headline colon, compares characters); partial = any shared
  token.  A gold attribution with no source is right only when ours has no speaker either.
* Recall by the gold content's form: direct (all quoted), mixed (some quoted), indirect.
* Throughput: words/second of parsing and of extraction alone, same model and batch size.

Nothing from PolNeAR is written anywhere: the corpus is read in place.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORD = re.compile(r"\w+")
QUOTE_MARKS = ('"', "“", "”", "''", "``", "„")


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    eid: str = ""  # the brat event id ("E12"), for hand labels that refer to events


def parse_ann(path: Path) -> list[Gold]:
    """Read a brat .ann file: text-bound annotations and the attribution events joining them."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not parts or len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _typ, _, rest = parts[1].partition(" ")
            spans[parts[0]] = [(int(a), int(b)) for a, b in (s.split() for s in rest.split(";"))]
        elif parts[0].startswith("E"):
            args: dict[str, str] = {"id": parts[0]}
            for arg in parts[1].split():
                role, _, tid = arg.partition(":")
                args[role.rstrip("0123456789")] = tid
            events.append(args)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), [])
        if not content:
            continue
        out.append(
            Gold(content, spans.get(ev.get("Source", ""), []), spans.get(ev.get("Cue", ""), []), ev["id"])
        )
    return out


def load_split(polnear: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    """(article name, text, gold attributions of its first annotator) for each article."""
    anns = sorted((polnear / split / "attributions").glob("*.ann"))
    first: dict[str, Path] = {}
    for ann in anns:
        base = ann.stem.rsplit("_", 1)[0]
        first.setdefault(base, ann)
    out = []
    for base, ann in sorted(first.items()):
        text = (polnear / split / "text" / f"{base}.txt").read_text(encoding="utf-8")
        out.append((base, text, parse_ann(ann)))
    return out


class Tokens:
    """Word-token index of one text: span -> set of token numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [m.start() for m in WORD.finditer(text)]

    def of(self, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> frozenset[int]:
        from bisect import bisect_left

        out: set[int] = set()
        for a, b in spans:
            i = bisect_left(self.starts, a)
            while i < len(self.starts) and self.starts[i] < b:
                out.add(i)
                i += 1
        return frozenset(out)


def gold_form(text: str, spans: list[tuple[int, int]]) -> str:
    pieces = [text[a:b].strip() for a, b in spans]
    joined = " ".join(pieces)
    if not any(m in joined for m in QUOTE_MARKS):
        return "indirect"
    trail = ".,;:!?)—– "
    if all(p[:1] in '"“„`' or p[:2] in ("''", "``") for p in pieces if p) and all(
        p.rstrip(trail)[-1:] in '"”' or p.rstrip(trail).endswith("''")
        for p in pieces
        if p.rstrip(trail)
    ):
        return "direct"
    return "mixed"


def pair(pred: list[frozenset[int]], gold: list[frozenset[int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by highest Jaccard > 0."""
    cand = []
    for i, p in enumerate(pred):
        if not p:
            continue
        for j, g in enumerate(gold):
            inter = len(p & g)
            if inter:
                cand.append((inter / len(p | g), i, j))
    cand.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in cand:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Pred:
    content: tuple[tuple[int, int], ...]
    speaker: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    lemma: str = ""


class Scorer:
    def __init__(self) -> None:
        self.n_pred = self.n_gold = self.n_pair = self.n_exact = 0
        self.tok_pred = self.tok_gold = self.tok_overlap = 0
        self.spk_exact = self.spk_partial = self.cue_exact = 0
        self.by_form: Counter[str] = Counter()
        self.by_form_found: Counter[str] = Counter()
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.by_cue: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, text: str, preds: list[Pred], golds: list[Gold]) -> None:
        toks = Tokens(text)
        p_sets = [toks.of(p.content) for p in preds]
        g_sets = [toks.of(g.content) for g in golds]
        pairs = pair(p_sets, g_sets)
        self.n_pred += len(preds)
        self.n_gold += len(golds)
        self.n_pair += len(pairs)
        self.tok_pred += sum(len(s) for s in p_sets)
        self.tok_gold += sum(len(s) for s in g_sets)
        paired_g = {j for _, j in pairs}
        paired_p = {i for i, _ in pairs}
        for j, g in enumerate(golds):
            form = gold_form(text, g.content)
            self.by_form[form] += 1
            if j in paired_g:
                self.by_form_found[form] += 1
            else:
                self.errors["missed"].append(_show(text, g.source, g.cue, g.content))
        for i, p in enumerate(preds):
            self.by_cue[p.lemma]["paired" if i in paired_p else "spurious"] += 1
            if i not in paired_p:
                self.errors["spurious"].append(_show(text, p.speaker, p.cue, p.content))
        for i, j in pairs:
            p, g = preds[i], golds[j]
            self.tok_overlap += len(p_sets[i] & g_sets[j])
            if p_sets[i] == g_sets[j]:
                self.n_exact += 1
            else:
                self.errors["content"].append(
                    _show(text, g.source, g.cue, g.content)
                    + "\n      ours: "
                    + _join(text, p.content)[:200]
                )
            gs, ps = toks.of(g.source), toks.of(p.speaker)
            if not g.source:
                ok = not p.speaker
                self.spk_exact += ok
                self.spk_partial += ok
                if not ok:
                    self.errors["speaker"].append(
                        f"gold none | ours {_join(text, p.speaker)!r} | {_join(text, g.content)[:90]!r}"
                    )
            else:
                self.spk_exact += gs == ps
                self.spk_partial += bool(gs & ps)
                if gs != ps:
                    self.errors["speaker"].append(
                        f"gold {_join(text, g.source)!r} | ours {_join(text, p.speaker)!r} | {_join(text, g.content)[:80]!r}"
                    )
            gc, pc = toks.of(g.cue), toks.of(p.cue)
            ok = gc == pc if gc or pc else [(a, b) for a, b in g.cue] == list(p.cue)
            self.cue_exact += ok
            if not ok:
                self.errors["cue"].append(
                    f"gold {_join(text, g.cue)!r} | ours {_join(text, p.cue)!r} | {text[g.content[0][0] : g.content[0][1]][:70]!r}"
                )

    def report(self) -> list[str]:
        dp, dr, df = prf(self.n_pair, self.n_pred, self.n_gold)
        tp, tr, tf = prf(self.tok_overlap, self.tok_pred, self.tok_gold)
        ep, er, ef = prf(self.n_exact, self.n_pred, self.n_gold)
        n = self.n_pair or 1
        lines = [
            f"gold attributions {self.n_gold}, predicted claims {self.n_pred}, pairs {self.n_pair}",
            f"detection        P {dp:.3f}  R {dr:.3f}  F1 {df:.3f}",
            f"content tokens   P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}",
            f"exact content    P {ep:.3f}  R {er:.3f}  F1 {ef:.3f}",
            f"speaker exact {self.spk_exact / n:.3f}  partial {self.spk_partial / n:.3f}   cue exact {self.cue_exact / n:.3f}   (on {self.n_pair} pairs)",
            "recall by form   "
            + "  ".join(
                f"{f} {self.by_form_found[f] / self.by_form[f]:.3f} ({self.by_form_found[f]}/{self.by_form[f]})"
                for f in ("direct", "mixed", "indirect")
                if self.by_form[f]
            ),
        ]
        return lines


def _join(text: str, spans) -> str:  # type: ignore[no-untyped-def]
    return " … ".join(text[a:b] for a, b in spans)


def _show(text: str, source, cue, content) -> str:  # type: ignore[no-untyped-def]
    return f"[{_join(text, source)}] <{_join(text, cue)}> {_join(text, content)[:160]!r}"


def regex_quotes(text: str) -> list[Pred]:
    """Reference baseline: every double-quoted span of three or more words is a claim."""
    out = []
    for m in re.finditer(r"(“[^”\n]+”|\"[^\"\n]+\"|''[^'\n]+'')", text):
        if len(WORD.findall(m.group())) >= 3:
            out.append(Pred(((m.start(), m.end()),), (), ()))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared" / "corpora" / "polnear")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors of each type")
    ap.add_argument(
        "--cache", type=Path, default=None, help="DocBin file to reuse parses (speeds up reruns)"
    )
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument(
        "--by-cue", action="store_true", help="print paired / spurious claims per cue lemma"
    )
    args = ap.parse_args(argv)

    from spacy.tokens import DocBin

    from toolkit.attribution import extract_attributions
    from toolkit.nlp import load_model, parse_texts
    from toolkit.structure import sentences_from_doc

    data = load_split(args.polnear, args.split)
    texts = [t for _, t, _ in data]
    n_words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    t0 = time.perf_counter()
    if args.cache and args.cache.exists():
        docs = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        parse_s = None
    else:
        docs = list(parse_texts(nlp, texts, batch_size=args.batch_size))
        parse_s = time.perf_counter() - t0
        if args.cache:
            DocBin(docs=docs, store_user_data=False).to_disk(args.cache)
    assert all(d.text == t for d, t in zip(docs, texts, strict=True))

    t1 = time.perf_counter()
    results = []
    for (name, _text, _), doc in zip(data, docs, strict=True):
        sents = sentences_from_doc(doc, name)
        results.append(extract_attributions(doc, sents, name))
    extract_s = time.perf_counter() - t1

    score, base = Scorer(), Scorer()
    for (_name, text, golds), (claims, _speakers, _markers) in zip(data, results, strict=True):
        preds = [
            Pred(
                tuple(c.content_spans),
                ((c.speaker_start, c.speaker_end),) if c.speaker_start is not None else (),
                ((c.cue_start, c.cue_end),) if c.cue_start is not None else (),
                c.cue_lemma or "",
            )
            for c in claims
        ]
        score.add(text, preds, golds)
        base.add(text, regex_quotes(text), golds)

    print(
        f"PolNeAR {args.split}: {len(data)} articles, {n_words} words (first annotator per article)"
    )
    for line in score.report():
        print(line)
    b = base.report()
    print("regex-quote baseline: " + b[1].strip() + " | " + b[2].strip())
    if parse_s is not None:
        print(
            f"throughput: parse {n_words / parse_s:,.0f} words/s; extraction alone {n_words / extract_s:,.0f} words/s "
            f"({1000 * extract_s / len(data):.1f} ms/article); parse+extract {n_words / (parse_s + extract_s):,.0f} words/s"
        )
    else:
        print(
            f"throughput: extraction alone {n_words / extract_s:,.0f} words/s ({1000 * extract_s / len(data):.1f} ms/article; parse cached)"
        )
    if args.by_cue:
        print("\ncue lemma: paired / spurious")
        for lemma, c in sorted(score.by_cue.items(), key=lambda kv: -sum(kv[1].values())):
            print(f"  {lemma:20} {c['paired']:4} {c['spurious']:4}")
    if args.errors:
        for kind, items in score.errors.items():
            print(f"\n== {kind} ({len(items)})")
            for item in items[: args.errors]:
                print("  " + item)


if __name__ == "__main__":
    main()
