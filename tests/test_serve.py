"""The classroom's front door (toolkit.serve) in front of a small stand-in for Voilà."""

from __future__ import annotations

import asyncio
import gzip
from collections import Counter

import pytest

from toolkit.serve import FrontDoor, StaticCopy, parse_head, voila_command

SCRIPT = b"function f(){return 1}\n" * 200  # compresses well, above the gzip floor
FONT = bytes(range(256)) * 8  # a font's bytes: not compressed


class Upstream:
    """Answers like Voilà: front-end files with an ETag, a page, a 404, and a websocket-style upgrade that echoes."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.heads: list[bytes] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        self.heads.append(head)
        method, target, headers = parse_head(head)
        self.hits[target] += 1
        if target == "/voila/static/app.js":
            self._send(writer, "200 OK", SCRIPT, [("Content-Type", "application/javascript"), ("ETag", '"v1"')])
        elif target == "/voila/static/font.woff2":
            self._send(writer, "200 OK", FONT, [("Content-Type", "font/woff2")])
        elif target.startswith("/api/kernels/"):
            writer.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            while data := await reader.read(1024):
                writer.write(b"echo:" + data)
                await writer.drain()
        elif target == "/page":
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self._send(writer, "200 OK", b"page:" + method.encode() + b":" + body, [("Set-Cookie", "s=1")])
        else:
            self._send(writer, "404 Not Found", b"no such file", [])
        await writer.drain()
        writer.close()

    @staticmethod
    def _send(writer: asyncio.StreamWriter, status: str, body: bytes, headers: list[tuple[str, str]]) -> None:
        lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers), f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


async def _response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status = int(head.split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in head.split("\r\n")[1:] if x)}
    length = int(headers.get("content-length", "0"))
    return status, headers, await reader.readexactly(length)


async def _get(port: int, target: str, extra: str = "", body: bytes = b"", method: str = "GET"):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n".encode() + body)
    try:
        return await asyncio.wait_for(_response(reader), 10)
    finally:
        writer.close()


def _run(scenario):  # type: ignore[no-untyped-def]
    """Start the stand-in and a front door before it, run ``scenario(port, upstream)``, stop both."""

    async def main():  # type: ignore[no-untyped-def]
        upstream = Upstream()
        up = await asyncio.start_server(upstream.handle, "127.0.0.1", 0)
        door = FrontDoor("127.0.0.1", up.sockets[0].getsockname()[1])
        front = await asyncio.start_server(door.handle, "127.0.0.1", 0)
        try:
            return await scenario(front.sockets[0].getsockname()[1], upstream)
        finally:
            front.close()
            up.close()

    return asyncio.run(main())


def test_a_front_end_file_is_asked_of_voila_once_however_many_students_ask_at_once():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        answers = await asyncio.gather(*(_get(port, "/voila/static/app.js", "Accept-Encoding: gzip, deflate\r\n")
                                         for _ in range(12)))
        plain = await _get(port, "/voila/static/app.js")
        return upstream, answers, plain

    upstream, answers, plain = _run(scenario)
    assert upstream.hits["/voila/static/app.js"] == 1
    for status, headers, body in answers:
        assert status == 200 and headers["content-encoding"] == "gzip" and headers["etag"] == '"v1"'
        assert len(body) < len(SCRIPT) / 5 and gzip.decompress(body) == SCRIPT
        assert headers["vary"] == "Accept-Encoding" and headers["content-type"] == "application/javascript"
    status, headers, body = plain
    assert status == 200 and body == SCRIPT and "content-encoding" not in headers  # no gzip unless asked


def test_a_font_is_served_as_it_is_and_a_browser_that_has_a_file_gets_304():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        font = await _get(port, "/voila/static/font.woff2", "Accept-Encoding: gzip\r\n")
        await _get(port, "/voila/static/app.js")
        again = await _get(port, "/voila/static/app.js", 'If-None-Match: "v1"\r\n')
        return font, again

    (status, headers, body), (again, _, empty) = _run(scenario)
    assert status == 200 and body == FONT and "content-encoding" not in headers
    assert again == 304 and empty == b""


def test_a_missing_file_is_passed_on_as_voila_answered_and_never_kept():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        first = await _get(port, "/voila/static/missing.js")
        second = await _get(port, "/voila/static/missing.js")
        return upstream, first, second

    upstream, first, second = _run(scenario)
    assert first[0] == second[0] == 404 and first[2] == b"no such file"
    # Asked once to copy it, then the student's own request was forwarded: twice per student.
    assert upstream.hits["/voila/static/missing.js"] == 4


def test_pages_and_posts_go_to_voila_unread_and_the_connection_ends_with_the_answer():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        got = await _get(port, "/page", "Content-Length: 5\r\nConnection: keep-alive\r\n", b"hello", "POST")
        return upstream, got

    upstream, (status, headers, body) = _run(scenario)
    assert status == 200 and body == b"page:POST:hello" and headers["set-cookie"] == "s=1"
    head = upstream.heads[-1].decode()
    assert "\r\nConnection: close\r\n" in head and "keep-alive" not in head


def test_files_and_then_a_page_on_one_kept_alive_connection():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        answers = []
        for target in ("/voila/static/app.js", "/voila/static/font.woff2", "/page"):
            writer.write(f"GET {target} HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n".encode())
            answers.append(await asyncio.wait_for(_response(reader), 10))
        writer.close()
        return answers

    answers = _run(scenario)
    assert [a[0] for a in answers] == [200, 200, 200]
    assert answers[0][2] == SCRIPT and answers[1][2] == FONT and answers[2][2] == b"page:GET:"


def test_a_kernel_websocket_is_piped_both_ways():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /api/kernels/k1/channels HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\n"
                     b"Upgrade: websocket\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        writer.write(b"frame-1")
        echoed = await asyncio.wait_for(reader.readexactly(len(b"echo:frame-1")), 10)
        writer.close()
        return upstream, head, echoed

    upstream, head, echoed = _run(scenario)
    assert head.startswith(b"HTTP/1.1 101") and echoed == b"echo:frame-1"
    assert b"Connection: Upgrade" in upstream.heads[-1] and b"Connection: close" not in upstream.heads[-1]


def test_a_head_that_is_not_http_closes_the_connection_without_bothering_voila():
    async def scenario(port, upstream):  # type: ignore[no-untyped-def]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"hello there\r\n\r\n")
        rest = await asyncio.wait_for(reader.read(), 10)
        writer.close()
        return upstream, rest

    upstream, rest = _run(scenario)
    assert rest == b"" and not upstream.hits


def test_voila_behind_the_door_listens_on_this_computer_only_and_accepts_a_network_host_only_when_asked():
    local = voila_command("app.ipynb", ["--ServerApp.token=t"], port=9, remote=False)
    remote = voila_command("app.ipynb", [], port=9, remote=True)
    assert "--Voila.ip=127.0.0.1" in local and "--Voila.ip=127.0.0.1" in remote
    assert "--ServerApp.allow_remote_access=True" in remote
    assert not any("allow_remote_access" in x for x in local) and "--ServerApp.token=t" in local


@pytest.mark.parametrize("kind", ["text/html; charset=UTF-8", "application/javascript", "text/css"])
def test_text_files_compress_and_small_ones_do_not(kind):
    assert StaticCopy.of([("Content-Type", kind)], b"a" * 5000).gzipped is not None
    assert StaticCopy.of([("Content-Type", kind)], b"a" * 100).gzipped is None
