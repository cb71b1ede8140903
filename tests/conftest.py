"""Shared fixtures: the real model (once per session), the seed article and its gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "russia-china-drones.txt"
GOLD = Path(__file__).parent / "fixtures" / "russia-china-drones.gold.json"


@pytest.fixture(scope="session")
def nlp():
    from toolkit.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(nlp):
    from toolkit import analyze

    return analyze(SEED, nlp=nlp)
