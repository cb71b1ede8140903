"""A lesson saved on disk: the teacher analyses an article once; every student session loads it.

A lesson is a folder under :func:`lessons_dir`::

    <lessons>/<lesson>/lesson.json            name, article id, title
    <lessons>/<lesson>/tables/*.parquet       the article's analysis tables
    <lessons>/<lesson>/<article>.txt          the article text
    <lessons>/<lesson>/<article>.machine.json the answer key the analysis gave
    <lessons>/<lesson>/<article>.key.json     the teacher's corrections (when there are any)
    <lessons>/<lesson>/answers/<student>.json each student's answers, saved as they type

Loading a lesson reads JSON and Parquet only: a student's session never imports spaCy.
Every file name built from a title, an upload or a student's name goes through
:func:`safe_name` and :func:`inside`, so it can never leave the lessons folder.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis import Analysis
from .answers import CHOICES, KEY_COLUMNS, QUESTIONS, answer_key
from .shared import article_subset, article_titles

__all__ = ["LESSONS_ENV", "Lesson", "apply_corrections", "inside", "lessons_dir", "list_lessons", "load_lesson",
           "safe_name", "save_lesson"]

LESSONS_ENV = "TOOLKIT_LESSONS"
# File names stay well under every file system's 255-byte limit, with room for suffixes.
NAME_MAX = 60
DROPPED = "dropped"
# The machine's evidence for an answer, cleared when the teacher changes that answer: feedback
# must not quote a hedge or a denial the teacher has just said is not there.
_EVIDENCE: dict[str, dict[str, Any]] = {
    "source": {"speaker_text": None},
    "hedged": {"hedges": []},
    "denied": {"denied_by": [], "denying_quotes": [], "denied_quotes": []},
}
_FORMAT = 1  # lesson.json's format number: bump when the layout changes


def lessons_dir() -> Path:
    """Return the folder lessons live in: ``$TOOLKIT_LESSONS``, else the user's data folder (never the package's).

    >>> os.environ[LESSONS_ENV] = "/tmp/lessons"; str(lessons_dir())
    '/tmp/lessons'
    >>> del os.environ[LESSONS_ENV]; lessons_dir().parts[-2:]
    ('newsclaims', 'lessons')
    """
    if os.environ.get(LESSONS_ENV):
        return Path(os.environ[LESSONS_ENV]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsclaims" / "lessons"


def safe_name(value: str, *, default: str = "untitled") -> str:
    """Turn any text (a title, an upload's name, a student's name) into one safe file name.

    Letters and digits (accents dropped), ``-`` and ``_`` only, no dots, at most
    :data:`NAME_MAX` characters; ``default`` when nothing is left.

    >>> safe_name("../../etc/passwd"), safe_name("Zoë O'Brien\\x00"), safe_name("..")
    ('etc-passwd', 'Zoe-O-Brien', 'untitled')
    """
    plain = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", plain).strip("-_")[:NAME_MAX].strip("-_")
    return slug or default


def inside(folder: str | Path, *names: str, suffix: str = "") -> Path:
    """``folder/<safe name>/.../<safe name><suffix>``; raises ``ValueError`` if it would leave ``folder``.

    >>> inside("/tmp/l", "/etc/passwd", suffix=".json").as_posix()
    '/tmp/l/etc-passwd.json'
    """
    root = Path(folder).resolve()
    parts = [safe_name(n) for n in names]
    path = root.joinpath(*parts[:-1], parts[-1] + suffix) if parts else root
    resolved = path.resolve()
    # Belt and braces: a symlink planted in the folder must not lead out of it either.
    if resolved != root and root not in resolved.parents:
        raise ValueError(f"{path} is outside the lessons folder {root}")
    return path


def _write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    # Write then rename: a kernel stopped mid-write never leaves half a file behind.
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def _allowed(question: str) -> tuple[str, ...] | None:
    """Return the answers a correction to ``question`` may hold (None: any text, for the source)."""
    return CHOICES.get(question)


def _clean_corrections(corrections: dict[Any, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for cid, change in corrections.items():
        clean: dict[str, Any] = {}
        for q, answer in change.items():
            if q == DROPPED:
                if answer:
                    clean[DROPPED] = True
                continue
            allowed = _allowed(q)
            if q not in QUESTIONS or (allowed is not None and answer not in allowed) or not str(answer).strip():
                raise ValueError(f"claim {int(cid) + 1}: {answer!r} is not an answer to {q!r}")
            clean[q] = str(answer).strip()
        if clean:
            out[str(int(cid))] = clean
    return out


def apply_corrections(key: pd.DataFrame, corrections: dict[Any, dict[str, Any]]) -> pd.DataFrame:
    """Return the key with the teacher's answers in place and dropped claims removed; ``corrected`` lists what changed.

    >>> key = pd.DataFrame({"claim_id": [0, 1], "hedged": ["no", "no"]})
    >>> k = apply_corrections(key, {"0": {"hedged": "yes"}, "1": {"dropped": True}})
    >>> k[["claim_id", "hedged", "corrected"]].values.tolist()
    [[0, 'yes', ['hedged']]]
    """
    fixes = {int(c): v for c, v in corrections.items()}
    out = key.copy()
    out["corrected"] = [[] for _ in range(len(out))]
    for i, cid in zip(out.index, out["claim_id"], strict=True):
        change = fixes.get(int(cid), {})
        changed = [q for q in change if q != DROPPED and out.at[i, q] != change[q]]
        for q in changed:
            out.at[i, q] = change[q]
            for col, empty in _EVIDENCE.get(q, {}).items():
                if col in out:
                    out.at[i, col] = type(empty)() if isinstance(empty, list) else empty
        out.at[i, "corrected"] = changed
    dropped = {c for c, v in fixes.items() if v.get(DROPPED)}
    return out[~out["claim_id"].isin(dropped)].reset_index(drop=True)


class Lesson:
    """One saved lesson (see the module docstring for its files); build it with :func:`save_lesson` or :func:`load_lesson`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        meta = _read_json(self.path / "lesson.json", None)
        if meta is None:
            raise FileNotFoundError(f"no lesson in {self.path}")
        self.name: str = meta["name"]
        self.article_id: str = meta["article_id"]
        self.title: str = meta["title"]
        self._analysis: Analysis | None = None

    def __repr__(self) -> str:
        return f"Lesson({self.name!r}, article={self.article_id!r})"

    def _file(self, suffix: str) -> Path:
        return inside(self.path, self.article_id, suffix=suffix)

    @property
    def analysis(self) -> Analysis:
        """The article's analysis tables (read on first use: students do not need them)."""
        if self._analysis is None:
            self._analysis = Analysis.read_parquet(self.path / "tables")
        return self._analysis

    @property
    def text(self) -> str:
        """The article text: every offset in the key indexes it."""
        return self._file(".txt").read_text(encoding="utf-8")

    def machine_key(self) -> pd.DataFrame:
        """Return the answer key as the analysis gave it, before any correction."""
        records = json.loads(self._file(".machine.json").read_text(encoding="utf-8"))
        return pd.DataFrame(records, columns=KEY_COLUMNS)

    def corrections(self) -> dict[str, dict[str, Any]]:
        """Return the teacher's corrections: ``{claim_id: {question: answer, "dropped": True}}`` (ids as text)."""
        return dict(_read_json(self._file(".key.json"), {}).get("claims", {}))

    def save_corrections(self, corrections: dict[Any, dict[str, Any]]) -> Path:
        """Replace the teacher's corrections (checked: answers must be ones the exercise offers)."""
        data = {"article_id": self.article_id, "claims": _clean_corrections(corrections)}
        return _write_json(self._file(".key.json"), data)

    def key(self) -> pd.DataFrame:
        """Return the key the exercise marks against: the machine's, with the teacher's corrections applied."""
        return apply_corrections(self.machine_key(), self.corrections())

    def answers(self, student: str) -> dict[int, dict[str, str]]:
        """Return the answers ``student`` saved so far (empty for a new student)."""
        saved = _read_json(self._answers_file(student), {}).get("answers", {})
        return {int(c): dict(v) for c, v in saved.items()}

    def save_answers(self, student: str, answers: dict[Any, dict[str, Any]]) -> Path:
        """Save ``student``'s answers (called on every answer, so nothing is lost on a restart)."""
        data = {"student": student, "answers": {str(int(c)): v for c, v in answers.items() if v}}
        return _write_json(self._answers_file(student), data)

    def _answers_file(self, student: str) -> Path:
        # Case-blind, so "ada" resumes what "Ada" typed.
        return inside(self.path, "answers", safe_name(student, default="student").casefold(), suffix=".json")

    def labelled(self) -> pd.DataFrame:
        """Every claim with its final answers, as labelled data: ``text[start:end]`` is the claim's span.

        Claims are numbered from 1 in ``claim``; ``claim_id`` is the analysis's id; dropped
        claims stay, with ``dropped`` true (a claim the machine found that is not one).
        """
        machine, final = self.machine_key(), self.key().set_index("claim_id")
        text, rows = self.text, []
        for rec in machine.to_dict("records"):
            cid = int(rec["claim_id"])
            kept = cid in final.index
            row = final.loc[cid] if kept else rec
            start, end = int(rec["content_start"]), int(rec["content_end"])
            rows.append({"article_id": self.article_id, "claim": cid + 1, "claim_id": cid, "start": start,
                         "end": end, "text": text[start:end], "dropped": not kept,
                         **{q: row[q] for q in QUESTIONS}, "denial": bool(rec["denial"]),
                         "corrected": ", ".join(row["corrected"]) if kept else ""})
        return pd.DataFrame(rows)

    def export_key(self, fmt: str = "csv") -> str:
        """Return the labelled key as CSV or JSON Lines text (``fmt``: ``"csv"`` or ``"jsonl"``)."""
        table = self.labelled()
        if fmt == "jsonl":
            return table.to_json(orient="records", lines=True, force_ascii=False)
        return table.to_csv(index=False)


def save_lesson(analysis: Analysis, article_id: str, *, name: str | None = None,
                folder: str | Path | None = None) -> Lesson:
    """Save one article of ``analysis`` as a lesson; ``name`` (default: the article id) becomes a safe folder name.

    Saving again under the same name replaces the tables and the machine's key but keeps the
    teacher's corrections and the students' answers.

    >>> import tempfile
    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": frame([{"article_id": "a", "text": "Hi.", "title": "Hi"}], "articles")})
    >>> save_lesson(a, "a", folder=tempfile.mkdtemp())
    Lesson('a', article='a')
    """
    title = article_titles(analysis)[article_id]
    key = answer_key(analysis, article_id)
    name = name or article_id
    path = inside(folder or lessons_dir(), name)
    article_subset(analysis, article_id).to_parquet(path / "tables")
    _write_json(path / "lesson.json", {"format": _FORMAT, "name": name, "article_id": article_id,
                                       "title": title})
    lesson = Lesson(path)
    lesson._file(".txt").write_text(analysis.article_text(article_id), encoding="utf-8")
    lesson._file(".machine.json").write_text(key.to_json(orient="records", force_ascii=False), encoding="utf-8")
    return lesson


def load_lesson(lesson: str | Path, *, folder: str | Path | None = None) -> Lesson:
    """Open a saved lesson by name (in ``folder``, default :func:`lessons_dir`) or by its folder's path.

    >>> load_lesson("no such lesson", folder="/tmp")
    Traceback (most recent call last):
    FileNotFoundError: no lesson called 'no such lesson' (save one from the teacher app first)
    """
    path = Path(lesson)
    if not (path.is_absolute() and (path / "lesson.json").is_file()):
        path = inside(folder or lessons_dir(), str(lesson))
    if not (path / "lesson.json").is_file():
        raise FileNotFoundError(f"no lesson called {str(lesson)!r} (save one from the teacher app first)")
    return Lesson(path)


def list_lessons(*, folder: str | Path | None = None) -> list[str]:
    """Return the names of the saved lessons, sorted.

    >>> list_lessons(folder="/nonexistent")
    []
    """
    root = Path(folder or lessons_dir())
    return sorted(p.parent.name for p in root.glob("*/lesson.json") if p.is_file()) if root.is_dir() else []
