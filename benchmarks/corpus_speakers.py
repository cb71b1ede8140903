"""Corpus identity on BBC news (issue 12): who the top speakers are, and whether table and chart agree.

    .venv/bin/python benchmarks/corpus_speakers.py [--limit 500] [--n-process 2]

Reads a fixed-seed sample of ``limit`` articles of the BBC corpus in place (``--sorted``: the
first ``limit`` sorted paths) and prints:
* the 20 most-quoted speakers (``most_quoted``), with any pronoun, "unresolved: ..." or
  generic head ("the company", "the government") among them flagged;
* whether the most-quoted table and the voices chart below it give every speaker the same count;
* the number of self-denials in the denial network (an edge whose ends share a key);
* speakers by gender and basis, and how many unresolved speakers the articles hold.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "news"
sys.path.insert(0, str(ROOT))
SEED = 12  # fixed once: the sample never changes between runs

# A top speaker that names nobody: a pronoun, an unresolved mention, or a bare definite head.
_NOBODY = re.compile(
    r"^(?:unresolved\b.*|he|she|they|it|we|i|him|her|them|(?:the|this) (?:company|firm|group|government|"
    r"report|study|survey|ministry|department|agency|organisation|organization|club|party|bank|"
    r"union|council|board|spokesman|spokeswoman|spokesperson|official))$",
    re.IGNORECASE,
)


def _chart_counts(chart) -> dict[str, int]:
    spec = chart.to_dict()
    out: dict[str, int] = {}
    for r in spec["datasets"][spec["data"]["name"]]:
        out[r["speaker"]] = out.get(r["speaker"], 0) + int(r["claims"])
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--sorted", action="store_true", help="the first LIMIT sorted paths (mostly business) "
                    "instead of a fixed-seed sample over all topics")
    args = ap.parse_args(argv)

    import toolkit
    from toolkit import charts
    from toolkit.summaries import denial_edges, most_quoted

    paths = sorted(str(p) for p in CORPUS.rglob("*.txt"))
    paths = paths[: args.limit] if args.sorted else sorted(random.Random(SEED).sample(paths, min(args.limit, len(paths))))
    t0 = time.perf_counter()
    analysis = toolkit.analyze(paths, n_process=args.n_process)
    secs = time.perf_counter() - t0
    print(f"{len(paths)} BBC articles, {len(analysis.claims)} claims, {len(analysis.speakers)} speakers; {secs:.0f} s")

    table = most_quoted(analysis, top=20)
    # the chart also draws a "no source given" bar, which the table leaves out: one row more
    chart = _chart_counts(charts.voices(analysis, top=21))
    bad = [s for s in table["speaker"] if _NOBODY.match(str(s).strip())]
    print("\nTop 20 speakers (most_quoted):")
    for r in table.itertuples():
        flag = "  <-- names nobody" if r.speaker in bad else ""
        print(f"  {r.claims:4d} claims in {r.articles:3d} articles  {r.speaker} ({r.source_class}){flag}")
    disagree = {s: (int(n), chart.get(s)) for s, n in zip(table["speaker"], table["claims"], strict=True) if chart.get(s) != n}
    print(f"\npronouns / unresolved / generic heads in the top 20: {len(bad)}")
    print(f"table and chart agree: {not disagree}" + (f" (differ: {disagree})" if disagree else ""))

    edges = denial_edges(analysis)
    links = int((analysis.links["relation"] == "denies").sum())
    self_denials = int((edges["denier_key"].notna() & (edges["denier_key"] == edges["denied_key"])).sum())
    print(f"denial network: {len(edges)} edges ({links} denial links); self-denials: {self_denials}")

    sp = analysis.speakers
    people = sp[sp["kind"] == "person"]
    print(f"\nperson speakers: {len(people)}; by gender and basis:")
    print(people.groupby(["gender", "gender_basis"]).size().to_string())
    orgs = sp[sp["kind"].isin(["organization", "country", "government", "document"])]
    print(f"gender asserted on organisations/countries/documents: {int((orgs['gender'] != 'unknown').sum())}")
    print(f"unresolved speakers: {int((~sp['resolved']).sum())} of {len(sp)}; "
          f"with a speaker_key: {int(sp['speaker_key'].notna().sum())}")


if __name__ == "__main__":
    main()
