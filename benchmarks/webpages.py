"""Web-page loader dev set (issue 13): clean articles out of real saved pages.

For one half of the 40 pages in ``../shared/corpora/webpages`` (``labelkit.webpage_split``) this
loads each page with ``toolkit.load_articles`` and scores it against the text-free hand labels in
``benchmarks/labels/webpages/`` and the pages' own ground truth (``*.truth.json``):

- title exact (hash of the headline, or an accepted alternative), outlet, byline (right / none /
  wrong), date, first body sentence intact (no lost drop cap, dateline kept);
- labelled boilerplate lines leaked into the text, and pages whose headline appears twice;
- body token-F1 against ``full_body`` / ``reference_extraction`` bodies (the article-extraction-
  benchmark measure), with trafilatura's default ``extract()`` side by side; ``must_contain`` /
  ``must_not_contain`` snippets where the truth gives those; seconds per page.

    .venv/bin/python benchmarks/webpages.py [--split tune|heldout] [-v]

Score the held-out half once, at the end (see RESULTS.md). ``-v`` prints per-page misses as
hashes and counts only, never page text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import trafilatura  # noqa: E402
from labelkit import WEBPAGES, fingerprint, line_hash, read_labels, webpage_split, words  # noqa: E402

from toolkit import load_articles  # noqa: E402

# A labelled sentence is at most this many words long; windows longer than it are not tried.
MAX_SENTENCE_WORDS = 150
# Boilerplate shorter than this ("Related", "SEE MORE") is only a leak as a whole line: as a
# window it would match the same words inside an article sentence.
MIN_WINDOW_WORDS = 5


# How a credited agency shows in the text (dateline or closing credit line).
WIRE_NAMES = {"AP": ("(AP)", "Associated Press"), "Reuters": ("Reuters",), "AFP": ("AFP", "Agence France-Presse")}


def _h(word: str) -> str:
    return fingerprint(word)[0]


def contains(tokens: list[str], item: dict) -> bool:
    """Whether the labelled sentence ``item`` (hash + fingerprint) is a run of ``tokens``.

    Only runs made of the fingerprint's words can match, so the search grows each run while its
    words stay inside the fingerprint and hashes it once it holds every fingerprint word.
    """
    fp = set(item["fp"])
    hashed = [_h(t) for t in tokens]
    for i, h in enumerate(hashed):
        if h not in fp:
            continue
        seen: set[str] = set()
        for k in range(i, min(len(tokens), i + MAX_SENTENCE_WORDS)):
            if hashed[k] not in fp:
                break
            seen.add(hashed[k])
            if len(seen) == len(fp) and line_hash(" ".join(tokens[i : k + 1])) == item["hash"]:
                return True
    return False


def _prefix_hashes(tokens: list[str], max_len: int = MAX_SENTENCE_WORDS) -> set[str]:
    return {line_hash(" ".join(tokens[:k])) for k in range(1, min(max_len, len(tokens)) + 1)}


def _names(byline: str | None) -> list[str]:
    if not byline:
        return []
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bwith\b)\s*", byline)
    return [p.strip().lower() for p in parts if p.strip()]


def byline_verdict(pred: str | None, gold: list[str]) -> str:
    """'right' (all names predicted are labelled, or none expected and none given), 'none', 'wrong'."""
    names, want = _names(pred), {g.lower() for g in gold}
    if not names:
        return "right" if not want else "none"
    return "right" if all(n in want for n in names) else "wrong"


def token_f1(pred: str, gold: str) -> tuple[float, float, float]:
    """Token precision, recall, F1 on word multisets, as article-extraction-benchmark does."""
    p, g = Counter(words(pred)), Counter(words(gold))
    common = sum((p & g).values())
    if not common:
        return 0.0, 0.0, 0.0
    prec, rec = common / sum(p.values()), common / sum(g.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def _norm(s: str) -> str:
    return " ".join(s.split())


def score_page(name: str, label: dict, verbose: bool) -> dict:
    path = WEBPAGES / name
    t0 = time.perf_counter()
    df = load_articles(path)
    secs = time.perf_counter() - t0
    row = df.iloc[0]
    text, title = row["text"], row["title"] or ""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    body_lines = lines[1:] if lines and title and lines[0].strip() == title.strip() else lines
    body = "\n".join(body_lines)
    out: dict = {"page": name, "secs": secs}
    out["title"] = line_hash(title) in label["title_hash"]
    outlet = row["outlet"] if isinstance(row["outlet"], str) else None
    out["outlet"] = bool(outlet) and outlet.lower() in {o.lower() for o in label["outlet"]}
    byline = row["byline"] if isinstance(row["byline"], str) else None
    out["byline"] = byline_verdict(byline, label["byline"])
    date = None if row["published"] is None or str(row["published"]) == "NaT" else str(row["published"])[:10]
    out["date"] = label["date"] is None or date == label["date"]
    first = next((ln for ln in body_lines), "")
    out["first"] = label.get("first_sentence_hash") in _prefix_hashes(words(first))
    line_hashes = {line_hash(ln) for ln in lines}
    tokens = words(text)
    leaked = [
        b["hash"]
        for b in label["boilerplate"]
        if b["hash"] in line_hashes or (len(b["fp"]) >= MIN_WINDOW_WORDS and contains(tokens, b))
    ]
    out["leaked"] = len(leaked)
    out["kept"] = sum(contains(tokens, m) for m in label["must_keep"])
    out["n_keep"] = len(label["must_keep"])
    if label.get("wire_credit"):
        names = WIRE_NAMES.get(label["wire_credit"], (label["wire_credit"],))
        out["wire"] = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in names)
    out["dup_headline"] = sum(line_hash(ln) in label["title_hash"] or ln.strip() == title.strip() for ln in lines) > 1
    truth_path = WEBPAGES / name.replace(".html", ".truth.json")
    truth = json.loads(truth_path.read_text(encoding="utf-8")) if truth_path.exists() else {}
    html = path.read_text(encoding="utf-8")
    baseline = trafilatura.extract(html) or ""
    if truth.get("body") and truth.get("kind") in ("full_body", "reference_extraction"):
        out["f1"] = token_f1(body, truth["body"])[2]
        out["kind"] = truth["kind"]
        out["f1_trafilatura"] = token_f1(baseline, truth["body"])[2]
    for key in ("must_contain", "must_not_contain"):
        if truth.get(key):
            flat = _norm(text)
            out[key] = (sum(_norm(s) in flat for s in truth[key]), len(truth[key]))
    if verbose:
        misses = [k for k in ("title", "outlet", "date", "first") if not out[k]]
        print(
            f"  {name[:44]:44} miss={','.join(misses) or '-':22} byline={out['byline']:5} "
            f"leaked={leaked} kept={out['kept']}/{out['n_keep']} dup={out['dup_headline']}"
            + (f" f1={out['f1']:.3f}/{out['f1_trafilatura']:.3f}" if "f1" in out else "")
            + "".join(f" {k}={out[k][0]}/{out[k][1]}" for k in ("must_contain", "must_not_contain") if k in out)
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tune", "heldout"), default="tune")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    labels = read_labels("webpages")
    pages = webpage_split()[args.split]
    missing = [p for p in pages if p not in labels]
    if missing:
        sys.exit(f"no label yet for {missing}: label before running the toolkit on a page")
    load_articles("<html><body><p>Warm-up: imports are not counted per page.</p></body></html>")
    res = [score_page(p, labels[p], args.verbose) for p in pages]
    n = len(res)

    def pct(k: str) -> str:
        return f"{sum(r[k] for r in res)}/{n} ({100 * sum(r[k] for r in res) / n:.0f} %)"

    by = Counter(r["byline"] for r in res)
    f1 = [r for r in res if "f1" in r]
    mc = [r["must_contain"] for r in res if "must_contain" in r]
    mnc = [r["must_not_contain"] for r in res if "must_not_contain" in r]
    print(f"split {args.split}: {n} pages")
    print(f"title exact            {pct('title')}")
    print(f"outlet                 {pct('outlet')}")
    print(f"byline right/none/wrong {by['right']}/{by['none']}/{by['wrong']}")
    print(f"date                   {pct('date')}")
    print(f"first sentence intact  {pct('first')}")
    print(f"must_keep sentences    {sum(r['kept'] for r in res)}/{sum(r['n_keep'] for r in res)}")
    print(f"boilerplate leaked     {sum(r['leaked'] for r in res)} lines on {sum(r['leaked'] > 0 for r in res)} pages "
          f"({sum(r['leaked'] for r in res) / n * 10:.1f} per 10 pages)")
    wired = [r["wire"] for r in res if "wire" in r]
    print(f"wire credit in text    {sum(wired)}/{len(wired)} wire pages")
    print(f"duplicated headline    {sum(r['dup_headline'] for r in res)} pages")
    # Human-annotated bodies (full_body) and maintainers' reference outputs, which keep captions and
    # other-article teasers the labels call boilerplate, are reported apart.
    for kind in ("full_body", "reference_extraction"):
        sub = [r for r in f1 if r["kind"] == kind]
        if sub:
            ours = sum(r["f1"] for r in sub) / len(sub)
            base = sum(r["f1_trafilatura"] for r in sub) / len(sub)
            print(f"body token-F1 {kind:21} {ours:.3f} (trafilatura default extract: {base:.3f}; {len(sub)} pages)")
    if mc:
        print(f"must_contain           {sum(a for a, _ in mc)}/{sum(b for _, b in mc)} snippets ({len(mc)} pages)")
    if mnc:
        print(f"must_not_contain clean {sum(b - a for a, b in mnc)}/{sum(b for _, b in mnc)} snippets absent")
    print(f"seconds per page       {sum(r['secs'] for r in res) / n:.2f}")


if __name__ == "__main__":
    main()
