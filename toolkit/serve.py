"""Serve a Voilà app to a class: Voilà behind a small front door that serves its front end from memory.

``python -m toolkit.serve [--ip IP] [--port PORT] NOTEBOOK [Voilà options …]`` starts Voilà on a
free port of 127.0.0.1 and listens on ``IP:PORT`` itself (default 127.0.0.1:8866). Everything
goes to Voilà — the page, the kernels' websockets, the login — except Voilà's front-end files
(``/voila/static/``, ``/voila/labextensions/``, ``/voila/templates/``): the front door asks Voilà
for each file once, keeps it in memory, gzipped, and serves it from there.

Why: a student's page fetches about 90 such files (5 MB). Voilà serves every request on one
thread, so when a whole class opens the page at once, those files queue in front of the pages and
kernel messages the students are waiting for (on a 2-core laptop about 2 s of the server's time
for 30 pages). Here they are answered by another process from memory, and gzip cuts 5.0 MB to about
1.5 MB per page — which matters more on a classroom's Wi-Fi than on this machine.

Voilà keeps its own rules: its token or password, its kernels, which files exist. The front
door never serves a file Voilà did not serve it first, and forwards every other request unread.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["FrontDoor", "StaticCopy", "is_front_end_path", "main"]

# Voilà's front-end files: the same for every student and every lesson while the server runs.
FRONT_END_PREFIXES = ("/voila/static/", "/voila/labextensions/", "/voila/templates/")
# Scripts, style sheets and fonts' neighbours compress 3-5x; fonts (woff2) and images already are.
COMPRESSIBLE_TYPES = ("javascript", "css", "json", "svg", "text/", "xml")
# Below about a kilobyte gzip's own header and the extra response header save nothing.
GZIP_MIN_BYTES = 1024
# Level 6 is within a few per cent of the best ratio at a fraction of level 9's time; each file
# is compressed once.
GZIP_LEVEL = 6
# Headers that describe one hop or one body, not the file: the front door writes its own.
_HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length",
                          "content-encoding", "date", "server", "vary"})
# A request head longer than this is not a browser's (they send a few kB at most).
MAX_HEAD_BYTES = 64 * 1024
# How long to wait for Voilà to start answering before giving up (it loads the notebook's kernels).
START_TIMEOUT_S = 120
CHUNK = 64 * 1024


def is_front_end_path(target: str) -> bool:
    """Say whether the front door serves this request path from memory (one of Voilà's front-end files).

    >>> is_front_end_path("/voila/static/voila.js"), is_front_end_path("/api/kernels/x/channels")
    (True, False)
    """
    return target.startswith(FRONT_END_PREFIXES)


@dataclass(frozen=True)
class StaticCopy:
    """One front-end file as Voilà served it: its headers, its body and, when it compresses, a gzipped body."""

    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzipped: bytes | None = None

    @classmethod
    def of(cls, headers: Sequence[tuple[str, str]], body: bytes) -> StaticCopy:
        """Keep a 200 response's file headers and body, and gzip the body when that pays.

        >>> copy = StaticCopy.of([("Content-Type", "text/css"), ("Server", "x")], b"a{}" * 1000)
        >>> copy.headers, len(copy.gzipped) < len(copy.body)
        ((('Content-Type', 'text/css'),), True)
        """
        kept = tuple((k, v) for k, v in headers if k.lower() not in _HOP_HEADERS)
        kind = next((v for k, v in kept if k.lower() == "content-type"), "")
        squeeze = len(body) >= GZIP_MIN_BYTES and any(t in kind for t in COMPRESSIBLE_TYPES)
        packed = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0) if squeeze else None
        return cls(kept, body, packed if packed is not None and len(packed) < len(body) else None)

    def etag(self) -> str | None:
        """Return the file's ETag as Voilà gave it, if any.

        >>> StaticCopy.of([("Etag", '"abc"')], b"x").etag()
        '"abc"'
        """
        return next((v for k, v in self.headers if k.lower() == "etag"), None)

    def response(self, request_headers: dict[str, str], *, head_only: bool = False) -> bytes:
        """Build the HTTP/1.1 response to one GET (or HEAD): 304 when the browser has it, gzip when it accepts it.

        >>> copy = StaticCopy.of([("ETag", '"1"')], b"x")
        >>> copy.response({"if-none-match": '"1"'}).split(b"\\r\\n")[0]
        b'HTTP/1.1 304 Not Modified'
        """
        tag = self.etag()
        if tag is not None and tag in request_headers.get("if-none-match", ""):
            return _head("304 Not Modified", [(k, v) for k, v in self.headers if k.lower() == "etag"], None)
        zipped = self.gzipped is not None and "gzip" in request_headers.get("accept-encoding", "")
        body = self.gzipped if zipped and self.gzipped is not None else self.body
        extra = [("Content-Encoding", "gzip")] if zipped else []
        if self.gzipped is not None:
            extra.append(("Vary", "Accept-Encoding"))
        return _head("200 OK", [*self.headers, *extra], len(body)) + (b"" if head_only else body)


def _head(status: str, headers: Sequence[tuple[str, str]], length: int | None) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers)]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def parse_head(head: bytes) -> tuple[str, str, dict[str, str]]:
    """Split an HTTP request head into its method, target and (lower-cased) headers.

    >>> parse_head(b"GET /a HTTP/1.1\\r\\nHost: h\\r\\nAccept-Encoding: gzip\\r\\n\\r\\n")
    ('GET', '/a', {'host': 'h', 'accept-encoding': 'gzip'})
    """
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"not an HTTP request line: {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return parts[0], parts[1], headers


def _closing(head: bytes) -> bytes:
    """Rewrite a request head to ask the upstream server to close after its response.

    Forwarded requests are piped unread, so the connection must end with the response: the
    browser's next request may be a front-end file the front door answers itself.
    """
    lines = head.decode("latin-1").split("\r\n")
    kept = [line for line in lines[1:] if line and line.partition(":")[0].strip().lower() != "connection"]
    return ("\r\n".join([lines[0], *kept, "Connection: close"]) + "\r\n\r\n").encode("latin-1")


async def _copy(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
    try:
        while data := await src.read(CHUNK):
            dst.write(data)
            await dst.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        dst.close()  # ends the other direction of the pipe too


@dataclass
class FrontDoor:
    """The front door's state: where Voilà listens and the front-end files copied so far."""

    upstream_host: str
    upstream_port: int
    copies: dict[str, StaticCopy] = field(default_factory=dict)
    _pending: dict[str, asyncio.Future[StaticCopy | None]] = field(default_factory=dict)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer one browser connection: front-end files from memory, everything else piped to Voilà."""
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, target, headers = parse_head(head)
                if method in ("GET", "HEAD") and is_front_end_path(target) and "upgrade" not in headers:
                    copy = await self._copy_of(target)
                    if copy is not None:
                        writer.write(copy.response(headers, head_only=method == "HEAD"))
                        await writer.drain()
                        if headers.get("connection", "").lower() != "close":
                            continue
                        break
                await self._pipe(head, reader, writer)
                return
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _pipe(self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        upgrade = b"\r\nupgrade:" in head.lower()
        up_writer.write(head if upgrade else _closing(head))
        await asyncio.gather(_copy(reader, up_writer), _copy(up_reader, writer))

    async def _copy_of(self, target: str) -> StaticCopy | None:
        """Return the memory copy of a front-end file, asking Voilà once however many students ask at once."""
        if target in self.copies:
            return self.copies[target]
        if target not in self._pending:
            self._pending[target] = asyncio.ensure_future(self._fetch(target))
        try:
            copy = await asyncio.shield(self._pending[target])
        finally:
            self._pending.pop(target, None)  # a failed fetch is tried again by the next request
        if copy is not None:
            self.copies[target] = copy
        return copy

    async def _fetch(self, target: str) -> StaticCopy | None:
        """GET one file from Voilà; None unless it answered 200 (then the request is piped as it is)."""
        reader, writer = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        try:
            writer.write(f"GET {target} HTTP/1.0\r\nHost: {self.upstream_host}:{self.upstream_port}\r\n\r\n"
                         .encode("latin-1"))
            raw = await reader.read()
        finally:
            writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        if len(lines[0].split(" ")) < 2 or lines[0].split(" ")[1] != "200":
            return None
        headers = [(k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in lines[1:])]
        return StaticCopy.of(headers, body)


def free_port(host: str = "127.0.0.1") -> int:
    """Return a free TCP port on ``host``.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return ip == "localhost"


def voila_command(notebook: str, options: Sequence[str], *, port: int, remote: bool) -> list[str]:
    """Voilà's command line behind the front door: on 127.0.0.1 only, on ``port``.

    With ``remote`` (the front door listens on a network address) Voilà must accept requests
    whose Host header names that address; its token or password still guards them.

    >>> voila_command("app.ipynb", ["--theme=light"], port=9, remote=False)[3:]  # doctest: +NORMALIZE_WHITESPACE
    ['app.ipynb', '--Voila.log_level=WARN', '--theme=light', '--port=9', '--Voila.ip=127.0.0.1', '--no-browser',
     '--ServerApp.port_retries=0']
    """
    # Voilà's own start-up lines would print its inner address, which no student can open;
    # warnings and errors still show, and a --Voila.log_level among ``options`` wins.
    cmd = [sys.executable, "-m", "voila", notebook, "--Voila.log_level=WARN", *options, f"--port={port}",
           "--Voila.ip=127.0.0.1", "--no-browser", "--ServerApp.port_retries=0"]
    return [*cmd, "--ServerApp.allow_remote_access=True"] if remote else cmd


def _wait_until_up(proc: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Voilà stopped before it started (exit code {proc.returncode}); its messages are above.")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.3)
    raise SystemExit(f"Voilà did not start within {START_TIMEOUT_S} s.")


async def _serve(door: FrontDoor, ip: str, port: int, url: str) -> None:
    server = await asyncio.start_server(door.handle, ip, port, limit=MAX_HEAD_BYTES)
    print(f"Students open {url}   (Ctrl+C stops the app)", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def _token(options: Sequence[str]) -> str:
    return next((o.split("=", 1)[1] for o in options if o.startswith(("--ServerApp.token=", "--token="))), "")


def main(argv: Sequence[str] | None = None) -> int:
    """Start Voilà behind the front door and serve until Ctrl+C; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m toolkit.serve", description=__doc__.split("\n")[0],
                                     allow_abbrev=False)  # Voilà's own options must never pass for ours
    parser.add_argument("--ip", default="127.0.0.1", help="address students connect to (default: this computer only)")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("notebook")
    args, options = parser.parse_known_args(argv)
    inner = free_port()
    proc = subprocess.Popen(voila_command(args.notebook, options, port=inner, remote=not _is_loopback(args.ip)),
                            stdin=subprocess.DEVNULL)
    try:
        _wait_until_up(proc, inner)
        token = _token(options)
        host = "<this computer's network address>" if args.ip in ("0.0.0.0", "::") else args.ip
        url = f"http://{host}:{args.port}/" + (f"?token={token}" if token else "")
        asyncio.run(_serve(FrontDoor("127.0.0.1", inner), args.ip, args.port, url))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
