"""Score the speaker layer on the hand-labelled dev set of issue 12 (40 articles, 10 held aside).

    .venv/bin/python benchmarks/speakers_devset.py [--split tune|heldout|heldout2|…|heldout8] [--errors]

Labels live in ``benchmarks/labels/speakers/`` (one JSON per article, written by hand before the
toolkit was run on the article; text-free: statements are identified by hashed content words, see
``labelkit.py``).  Articles: ``labelkit.speaker_devset()`` (20 web pages + 20 BBC articles chosen
with a fixed seed; a random quarter held aside).  **Score the held-aside part once, at the end.**
The first held-aside part has been scored; ``heldout2`` is a fresh one (``labels/speakers2/``,
``labelkit.speaker_fresh_heldout()``: 5 pages + 5 BBC articles outside the 40), labelled the same
way before any run — also to be scored once.  ``heldout3`` is a third fresh one
(``labels/speakers3/``, ``labelkit.speaker_fresh_heldout3()``: 5 pages + 5 BBC articles in neither
earlier set): labelled before any run, to be scored once.  ``heldout4`` is a fourth
(``labels/speakers4/``, ``labelkit.speaker_fresh_heldout4()``: the 5 pages no earlier set used +
5 BBC articles): labelled before any run and scored once (dev data since).  ``heldout5`` is a
fifth (``labels/speakers5/``, ``labelkit.speaker_fresh_heldout5()``: 10 BBC articles, every page
being used, none in a candidate pair of the fifth compare draw): labelled before any run, scored once (2 Dec 2026).
``heldout6`` is a sixth (``labels/speakers6/``, ``labelkit.speaker_fresh_heldout6()``: 10 BBC
articles, none in a candidate pair of the sixth compare draw): labelled before any run, scored once (2 Dec
2026); ``heldout7`` a seventh (``labels/speakers7/``, ``labelkit.speaker_fresh_heldout7()``), drawn
and labelled after that, before any run: scored once; ``heldout8`` an eighth, likewise;
``heldout9`` and ``heldout10`` (``labels/speakers9``, ``labels/speakers10``) were drawn together and
labelled before any run, scored once; ``heldout11`` and ``heldout12`` (``labels/speakers11``,
``labels/speakers12``) likewise, drawn together and labelled before any run, scored once;
``heldout13`` and ``heldout14`` (``labels/speakers13``, ``labels/speakers14``) likewise, scored once;
``heldout15`` and ``heldout16`` (``labels/speakers15``, ``labels/speakers16``) likewise;
``heldout17`` and ``heldout18`` (``labels/speakers17``, ``labels/speakers18``) likewise;
``heldout19`` and ``heldout20`` (``labels/speakers19``, ``labels/speakers20``) likewise.

Matching: each labelled statement is paired one-to-one with the predicted claim whose content
words overlap it most (Dice over hashed word sets, at least :data:`MIN_DICE`), greedily.

Figures (over paired statements unless said otherwise):
* attribution recall = paired / labelled, precision = paired / predicted claims; "recall, run-ons
  covering" also counts a statement found when :data:`COVER` of its words lie inside one claim
  (a run-on quotation kept as one claim where the labeller listed each sentence): a second
  reading of recall, not a target;
* pronoun speakers right: labelled pronoun speakers whose claim's resolved speaker is the labelled
  entity (names equal after normalisation, or the resolved name is a short form of it: its words
  are a subset of the entity's and share its last word);
* full name: person speakers whose claim's resolved speaker name equals the labelled full name;
* anonymous / vague recall and precision (claim ``anonymous`` or speaker kind ``anonymous``);
* gender: labelled person speakers whose gender the article signals → the speaker's ``gender``;
  organisations must get none (any female/male on them is counted).

Checks (``checks_truth.py``): for each person-naming, share or absence statement of the scorecard,
is it true given the labels' ``checks`` block?  The number of false statements per check is
printed (target: zero); ``--errors`` lists them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checks_truth import Article, false_statements  # noqa: E402
from labelkit import (  # noqa: E402
    BBC,
    WEBPAGES,
    fingerprint,
    read_labels,
    speaker_devset,
    speaker_fresh_heldout,
    speaker_fresh_heldout3,
    speaker_fresh_heldout4,
    speaker_fresh_heldout5,
    speaker_fresh_heldout6,
    speaker_fresh_heldout7,
    speaker_fresh_heldout8,
    speaker_fresh_heldout9,
    speaker_fresh_heldout10,
    speaker_fresh_heldout11,
    speaker_fresh_heldout12,
    speaker_fresh_heldout13,
    speaker_fresh_heldout14,
    speaker_fresh_heldout15,
    speaker_fresh_heldout16,
    speaker_fresh_heldout17,
    speaker_fresh_heldout18,
    speaker_fresh_heldout19,
    speaker_fresh_heldout20,
)

from toolkit.attribution.names import acronym_of, organization_alias  # noqa: E402

# Dice over word sets: below this a predicted claim shares too little content to be the same
# statement (a cue-less quote merged with its neighbour still clears it; a different quote in the
# same paragraph does not).
MIN_DICE = 0.4
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}
PERSON_KINDS = {"person"}
INSTITUTION_KINDS = {"organization", "country", "government", "document"}


def norm_name(name: str | None) -> list[str]:
    """Lower-case words of a name without honorifics, possessives and a leading article."""
    if not name:
        return []
    words = re.findall(r"[^\W_]+", name.lower().replace("’s", "").replace("'s", ""))
    words = [w for w in words if w not in _HONORIFICS]
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return words


def same_entity(pred: str | None, gold: str | None, *, lenient: bool) -> bool:
    """Is the predicted speaker name the labelled entity (``lenient``: or a short form of it)?"""
    p, g = norm_name(pred), norm_name(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if organization_alias(pred) is not None and organization_alias(pred) == organization_alias(gold):
        return True  # "The Tories" for "the Conservatives": one party under two names
    if acronym_of(pred, gold) or acronym_of(gold, pred):
        return True  # "The FAO" for "the UN's Food & Agriculture Organisation"
    if lenient:
        if set(p) <= set(g) and p[-1] == g[-1]:
            return True
        inter = len(set(p) & set(g))
        return 2 * inter / (len(set(p)) + len(set(g))) >= 0.5 and len(g) > 2
    return False


def dice(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two sets."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def pair(gold: list[dict], claims: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of labelled statements and predicted claims by content Dice."""
    cands = []
    for gi, g in enumerate(gold):
        gs = set(g["content_fp"])
        for ci, c in enumerate(claims):
            d = dice(gs, set(fingerprint(c["content_text"] or "")))
            if d >= MIN_DICE:
                cands.append((d, gi, ci))
    used_g, used_c, out = set(), set(), []
    for _, gi, ci in sorted(cands, reverse=True):
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
            out.append((gi, ci))
    return out


# A labelled statement not paired one-to-one is still found when this share of its words lies
# inside one claim's content: a quotation run on over several sentences, kept as one claim (as
# PolNeAR marks it), where the labeller listed each sentence.
COVER = 0.8


def _share(part: int, whole: int) -> float:
    """``part / whole``, undefined (nan, printed as such) when there is nothing to count.

    >>> _share(1, 2), str(_share(0, 0))
    (0.5, 'nan')
    """
    return part / whole if whole else float("nan")


def covered(statement: dict, claim_words: list[set[str]]) -> bool:
    """Tell whether a labelled statement lies (by :data:`COVER` of its words) inside one claim.

    >>> covered({"content_fp": fingerprint("we will win")}, [set(fingerprint('"We will win. We always do," he said'))])
    True
    """
    fp = set(statement["content_fp"])
    return bool(fp) and any(len(fp & w) >= COVER * len(fp) for w in claim_words)


def source_path(item: str) -> Path:
    """The corpus file behind a dev-set id."""
    kind, name = item.split(":", 1)
    return (WEBPAGES if kind == "web" else BBC) / name


def analyze_items(items: list[str]):
    """Run the toolkit on the dev-set items; return {item: (claims rows, speakers by id)}."""
    import toolkit

    paths = [str(source_path(i)) for i in items]
    analysis = toolkit.analyze(paths)
    arts = analysis.articles
    out = {}
    for item, path in zip(items, paths, strict=True):
        row = arts[arts["source"] == path]
        if row.empty:
            out[item] = ([], {}, None)
            continue
        aid = row.iloc[0]["article_id"]
        cl = analysis.claims[analysis.claims["article_id"] == aid].to_dict("records")
        sp = analysis.speakers[analysis.speakers["article_id"] == aid]
        out[item] = (cl, {int(r["speaker_id"]): r for r in sp.to_dict("records")}, aid)
    return out, analysis


def score_checks(items: list[str], labels: dict[str, dict], analysis, aids: dict[str, str], *, errors: bool = False) -> dict[str, int]:
    """Count the scorecard's false statements per check (see ``checks_truth.py``)."""
    checks, markers, arts = analysis.checks, analysis.markers, analysis.articles.set_index("article_id")
    per: Counter = Counter()
    errs: list[str] = []
    for item in items:
        aid = aids.get(item)
        if aid is None:
            continue
        rows = {r["check"]: r for r in checks[checks["article_id"] == aid].to_dict("records")}
        mk = markers[markers["article_id"] == aid].to_dict("records")
        art = Article(item, labels[item], rows, str(arts.loc[aid, "text"]), mk, lambda p, g: same_entity(p, g, lenient=True))
        for check, found in false_statements(art).items():
            per[check] += len(found)
            errs += [f"CHECK {check} {item}: {f}" for f in found]
    total = sum(per.values())
    print(f"  false statements in checks: {total}")
    for check, n in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {check:30s} {n}")
    if errors:
        print("\n".join(errs))
    return dict(per)


def score(items: list[str], labels: dict[str, dict], *, errors: bool = False) -> dict[str, float]:
    """Score the listed items; print and return the figures."""
    t0 = time.perf_counter()
    preds, analysis = analyze_items(items)
    secs = time.perf_counter() - t0
    c: Counter = Counter()
    errs: list[str] = []
    for item in items:
        gold = labels[item]["statements"]
        claims, speakers, _ = preds[item]
        pairs = pair(gold, claims)
        c["gold"] += len(gold)
        c["pred"] += len(claims)
        c["paired"] += len(pairs)
        for gi, ci in pairs:
            g, cl = gold[gi], claims[ci]
            sp = speakers.get(cl["speaker_id"]) if cl.get("speaker_id") is not None else None
            name = cl.get("speaker_name")
            kind = g["kind"]
            if g.get("pronoun"):
                c["pron"] += 1
                ok = same_entity(name, g["entity"], lenient=True)
                c["pron_ok"] += ok
                if not ok:
                    errs.append(f"PRONOUN {item} #{g['n']}: {g['speaker_as_written']!r} → {name!r} (as {cl.get('speaker_text')!r}), gold {g['entity']!r}")
            if kind in PERSON_KINDS and g.get("entity"):
                c["full"] += 1
                ok = same_entity(name, g["entity"], lenient=False)
                c["full_ok"] += ok
                if not ok:
                    errs.append(f"FULLNAME {item} #{g['n']}: {g['speaker_as_written']!r} → {name!r}, gold {g['entity']!r}")
            for cls in ("anonymous", "vague"):
                gold_is = kind == cls
                pred_is = (cls == "anonymous" and bool(cl.get("anonymous"))) or cl.get("speaker_kind") == cls
                c[f"{cls}_tp"] += gold_is and pred_is
                c[f"{cls}_fn"] += gold_is and not pred_is
                c[f"{cls}_fp"] += pred_is and not gold_is
                if gold_is != pred_is:
                    errs.append(f"{cls.upper()} {item} #{g['n']}: {g['speaker_as_written']!r} gold {kind}, pred {cl.get('speaker_kind')}")
            pg = (sp or {}).get("gender") if sp is not None else None
            if kind in PERSON_KINDS and g.get("gender") in ("female", "male"):
                c["gender"] += 1
                c["gender_ok"] += pg == g["gender"]
                if pg != g["gender"]:
                    errs.append(f"GENDER {item} #{g['n']}: {g['entity']!r} gold {g['gender']}, pred {pg} (speaker {name!r})")
            if kind in INSTITUTION_KINDS and pg in ("female", "male"):
                c["gender_on_org"] += 1
                errs.append(f"GENDER-ON-ORG {item} #{g['n']}: {g['entity']!r} pred {pg}")
        paired_g = {gi for gi, _ in pairs}
        words = [set(fingerprint(cl["content_text"] or "")) for cl in claims]
        for gi, g in enumerate(gold):
            if gi in paired_g:
                continue
            if covered(g, words):
                c["covered"] += 1
                continue
            errs.append(f"MISSED {item} #{g['n']}: {g['speaker_as_written']!r} {g['cue']!r} ({g['quote_type']})")

    def r(a: str, b: str) -> float:
        return c[a] / c[b] if c[b] else float("nan")

    figs = {
        "attribution recall": r("paired", "gold"),
        "attribution precision": r("paired", "pred"),
        "recall, run-ons covering": (c["paired"] + c["covered"]) / c["gold"] if c["gold"] else float("nan"),
        "pronoun speakers right": r("pron_ok", "pron"),
        "full name": r("full_ok", "full"),
        "anonymous recall": _share(c["anonymous_tp"], c["anonymous_tp"] + c["anonymous_fn"]),
        "anonymous precision": _share(c["anonymous_tp"], c["anonymous_tp"] + c["anonymous_fp"]),
        "vague recall": _share(c["vague_tp"], c["vague_tp"] + c["vague_fn"]),
        "vague precision": _share(c["vague_tp"], c["vague_tp"] + c["vague_fp"]),
        "gender right": r("gender_ok", "gender"),
    }
    print(f"{len(items)} articles, {c['gold']} labelled statements, {c['pred']} predicted claims, {c['paired']} paired; {secs:.1f} s")
    for k, v in figs.items():
        print(f"  {k:24s} {v:.3f}")
    print(f"  counts: pronoun {c['pron']}, person {c['full']}, anonymous {c['anonymous_tp'] + c['anonymous_fn']}, "
          f"vague {c['vague_tp'] + c['vague_fn']}, gendered {c['gender']}; gender asserted on organisations: {c['gender_on_org']}")
    if errors:
        print("\n".join(errs))
    score_checks(items, labels, analysis, {i: p[2] for i, p in preds.items() if p[2] is not None}, errors=errors)
    return figs


# Fresh held-aside sets: split name -> (label folder, the draw of its articles).  Each was labelled
# before any run and lives in its own folder so it can be scored once without touching the dev set.
FRESH_SPLITS = {
    "heldout2": ("speakers2", speaker_fresh_heldout),
    "heldout3": ("speakers3", speaker_fresh_heldout3),
    "heldout4": ("speakers4", speaker_fresh_heldout4),
    "heldout5": ("speakers5", speaker_fresh_heldout5),
    "heldout6": ("speakers6", speaker_fresh_heldout6),
    "heldout7": ("speakers7", speaker_fresh_heldout7),
    "heldout8": ("speakers8", speaker_fresh_heldout8),
    "heldout9": ("speakers9", speaker_fresh_heldout9),
    "heldout10": ("speakers10", speaker_fresh_heldout10),
    "heldout11": ("speakers11", speaker_fresh_heldout11),
    "heldout12": ("speakers12", speaker_fresh_heldout12),
    "heldout13": ("speakers13", speaker_fresh_heldout13),
    "heldout14": ("speakers14", speaker_fresh_heldout14),
    "heldout15": ("speakers15", speaker_fresh_heldout15),
    "heldout16": ("speakers16", speaker_fresh_heldout16),
    "heldout17": ("speakers17", speaker_fresh_heldout17),
    "heldout18": ("speakers18", speaker_fresh_heldout18),
    "heldout19": ("speakers19", speaker_fresh_heldout19),
    "heldout20": ("speakers20", speaker_fresh_heldout20),
}


def main(argv: list[str] | None = None) -> None:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("tune", "heldout", *FRESH_SPLITS), default="tune")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    if args.split in FRESH_SPLITS:
        kind, draw = FRESH_SPLITS[args.split]
        labels, wanted = read_labels(kind), draw()
    else:
        labels, wanted = read_labels("speakers"), speaker_devset()[args.split]
    items = [i for i in wanted if i in labels]
    missing = [i for i in wanted if i not in labels]
    if missing:
        print(f"not labelled yet: {len(missing)} ({', '.join(missing)})")
    if args.split != "tune":
        print("held-aside part: score it once, at the end, and report the figure as it is")
    score(items, labels, errors=args.errors)


if __name__ == "__main__":
    main()
