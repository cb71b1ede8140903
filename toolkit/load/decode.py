"""Bytes -> text: UTF-8 (with a Windows-1252 fallback), UTF-16/32, and binary-file detection."""

from __future__ import annotations

import codecs

from .result import LoadError


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "\u00bf"), err.end


codecs.register_error("toolkit_cp1252", _cp1252_fallback)


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode file bytes as UTF-8; invalid bytes fall back to Windows-1252 (with a note).

    Returns ``(text, warning)``; raises :class:`LoadError` for binary data.

    >>> decode_bytes("café".encode("cp1252"), "x.txt")[1] is not None
    True
    """
    sample = data[:8192]
    wide = _utf16_or_32(sample)
    if wide is not None:
        encoding, note = wide
        text = data.decode(encoding, errors="replace")
        head = text[:4096]
        control = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
        if head and control / len(head) > 0.1:
            raise LoadError(f"{name}: looks like a binary file ({control} control characters as {encoding.upper()})")
        bad = text.count("\ufffd")
        if note or bad:
            note = f"{name}: decoded as {encoding.upper()}{note}" + (
                f"; {bad} undecodable sequences replaced by U+FFFD" if bad else ""
            )
        return text.removeprefix("\ufeff"), note or None
    if b"\x00" in sample:
        raise LoadError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and control / len(sample) > 0.1:
        raise LoadError(f"{name}: looks like a binary file ({control} control bytes in the first {len(sample)})")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="toolkit_cp1252")
    if text.startswith("\ufeff"):
        text = text[1:]
    # Counted separately because the codec error handler cannot keep state.
    n_bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.decode(
        "utf-8", errors="ignore"
    ).count("\ufffd")
    return text, (
        f"{name}: not valid UTF-8 ({n_bad} invalid byte sequence{'s' if n_bad != 1 else ''}, "
        f"the first at byte offset {first}); the valid UTF-8 was kept and the invalid bytes "
        "were decoded as Windows-1252"
    )


def _utf16_or_32(sample: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16/32 text (Windows Notepad's "Unicode") by its BOM or its NUL pattern."""
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", ""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", ""
    half = len(sample) // 2
    if half >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        # ASCII-heavy text in UTF-16 has a NUL in every other byte, and only there.
        if odd > 0.6 * half and even == 0:
            return "utf-16-le", " (no byte-order mark; every other byte is NUL)"
        if even > 0.6 * half and odd == 0:
            return "utf-16-be", " (no byte-order mark; every other byte is NUL)"
    return None
