"""Check the numpy MiniLM (``toolkit.comparison.embed``) against sentence-transformers itself.

    .venv/bin/python benchmarks/embed_reference.py [--reference-python /tmp/ref/bin/python]

The project does not depend on torch, so the reference runs in another interpreter that has
``sentence-transformers`` and a CPU ``torch`` installed (a scratch venv); it encodes the same
sentences from the same model files and the two sets of vectors are compared row by row
(cosine; target >= 0.999).  Without ``--reference-python`` only the known properties are checked:
unit length, determinism, and each paraphrase pair closer than the unrelated sentence.
The sentences are written for this check (no corpus text).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.comparison.embed import load_encoder, model_dir  # noqa: E402

# (sentence, its paraphrase) pairs; each is also compared with the next pair's sentence.
PAIRS = [
    ("The minister denied that the talks had failed.", "The talks did not collapse, the minister insisted."),
    ("Police said two people were injured in the crash.", "Two people were hurt in the collision, according to police."),
    ("The company will cut 500 jobs next year.", "Next year the firm plans to lay off 500 workers."),
    ("He said he was facing a unique level of scrutiny.", "There's no question I'm getting special scrutiny, he said."),
    ("Officials warned that the storm could flood the coast.", "The coast may be flooded by the storm, officials cautioned."),
    ("The senator is not ready to endorse the nominee.", "I'm just not ready to back him yet, the senator said."),
    ("Inflation rose to 4 percent in March.", "Prices climbed 4% in March."),
    ("The club confirmed the striker had signed a new contract.", "The forward has agreed a new deal, the club said."),
    ("Scientists found water ice near the moon's south pole.", "Ice has been discovered close to the lunar south pole."),
    ("The court blocked the new voting law on Tuesday.", "On Tuesday judges halted the new election rules."),
]
SENTENCES = [s for pair in PAIRS for s in pair]
TARGET = 0.999
_REFERENCE = """
import json, sys
from sentence_transformers import SentenceTransformer
m = SentenceTransformer(sys.argv[1], device="cpu")
v = m.encode(json.loads(open(sys.argv[2]).read()), normalize_embeddings=False)
import numpy as np; np.save(sys.argv[3], v)
"""


def properties(vecs: np.ndarray) -> dict[str, float]:
    """Unit length, and how often a paraphrase is closer than the next pair's sentence."""
    sims = vecs @ vecs.T
    closer = [sims[2 * i, 2 * i + 1] > sims[2 * i, (2 * i + 2) % len(vecs)] for i in range(len(PAIRS))]
    para = [sims[2 * i, 2 * i + 1] for i in range(len(PAIRS))]
    other = [sims[2 * i, (2 * i + 2) % len(vecs)] for i in range(len(PAIRS))]
    return {"max |norm-1|": float(np.abs(np.linalg.norm(vecs, axis=1) - 1).max()),
            "paraphrase closer": sum(closer) / len(closer),
            "mean cosine paraphrase": float(np.mean(para)), "mean cosine unrelated": float(np.mean(other))}


def reference(python: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out, script = Path(tmp) / "in.json", Path(tmp) / "out.npy", Path(tmp) / "ref.py"
        inp.write_text(json.dumps(SENTENCES), encoding="utf-8")
        script.write_text(_REFERENCE, encoding="utf-8")
        subprocess.run([python, str(script), str(model_dir()), str(inp), str(out)], check=True,
                       capture_output=True)
        ref = np.load(out)
    return ref / np.linalg.norm(ref, axis=1, keepdims=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference-python", help="an interpreter with sentence-transformers + torch")
    args = ap.parse_args()
    t0 = time.perf_counter()
    enc = load_encoder()
    t1 = time.perf_counter()
    ours = enc.encode(SENTENCES)
    t2 = time.perf_counter()
    print(f"load {t1 - t0:.2f} s, encode {len(SENTENCES)} sentences {t2 - t1:.3f} s")
    print("deterministic:", bool(np.array_equal(ours, enc.encode(SENTENCES))))
    for k, v in properties(ours).items():
        print(f"{k}: {v:.4f}")
    if not args.reference_python:
        print("reference check not run (no --reference-python)")
        return
    ref = reference(args.reference_python)
    cos = np.sum(ours * ref, axis=1)
    print(f"cosine to sentence-transformers over {len(cos)} sentences: min {cos.min():.6f} mean {cos.mean():.6f}"
          f" -> {'ok' if cos.min() >= TARGET else 'BELOW'} target {TARGET}")


if __name__ == "__main__":
    main()
