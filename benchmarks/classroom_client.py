"""A student's page without a browser: the requests a Voilà page makes, down to the first card's widget state.

Used by ``benchmarks/classroom_sessions.py`` to put a whole class's load on one Voilà server while
only one real browser runs on this machine (the students' own devices render their own pages).
A protocol student does what the browser page does before it can draw the first card, in the same
order, and stops when the card's widget state has arrived:

1. ``GET`` the app page (Voilà hands the student a preheated kernel and sends its rendered cells);
2. ``GET`` every same-origin script, style sheet and font a real page of this app fetched (the list
   is recorded from a real Chromium page first) over six kept-alive connections, as a browser does
   per host (a minimal HTTP/1.1 client on asyncio streams: a full client library would spend more
   of these two cores than the server it measures);
3. open the kernel's websocket, send ``kernel_info_request`` and wait for the reply, then open the
   ``jupyter.widget.control`` comm and send ``request_states`` (what the ipywidgets 8 manager does);
4. wait for ``update_states`` carrying a widget whose ``_dom_classes`` hold the card's class.

It does not lay out or paint the page: that part is measured by the real browser page.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

# Chromium opens at most six connections per host (HTTP/1.1), so a page fetches its assets six at a time.
BROWSER_CONNECTIONS_PER_HOST = 6
# What Chromium accepts over plain HTTP (brotli only over HTTPS); the bytes are counted, not unpacked.
BROWSER_ACCEPT_ENCODING = "gzip, deflate"
# ipywidgets 8's control comm protocol (ipywidgets.widgets.widget.CONTROL_PROTOCOL_VERSION_MAJOR).
CONTROL_PROTOCOL_VERSION = "1.0.0"
_KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]+)"')


def _message(msg_type: str, session: str, content: dict[str, Any], *, channel: str = "shell",
             metadata: dict[str, Any] | None = None) -> str:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "student",
              "date": datetime.now(UTC).isoformat(), "version": "5.3"}
    return json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {},
                       "content": content, "channel": channel, "buffers": []})


def _decode(frame: str | bytes) -> dict[str, Any]:
    """A kernel message from the server's legacy websocket protocol (JSON text, or binary when it has buffers)."""
    if isinstance(frame, str):
        return dict(json.loads(frame))
    nbufs = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 * (i + 1): 4 * (i + 2)], "big") for i in range(nbufs)]
    return dict(json.loads(frame[offsets[0]: offsets[1] if nbufs > 1 else None]))


def _has_card(states: dict[str, Any], card_class: str) -> bool:
    return any(card_class in (s.get("state", {}).get("_dom_classes") or []) for s in states.values())


async def _connection(host: str, port: int, paths: list[str]) -> None:
    """Fetch ``paths`` one after another over one kept-alive connection (static files carry Content-Length)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while paths:
            path = paths.pop()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n"
                         f"Accept-Encoding: {BROWSER_ACCEPT_ENCODING}\r\n\r\n".encode())
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            status = int(head.split(" ", 2)[1])
            length = re.search(r"(?im)^content-length:\s*(\d+)", head)
            if status != 200 or length is None:
                raise ConnectionError(f"{path}: HTTP {status}")
            await reader.readexactly(int(length.group(1)))
    finally:
        writer.close()


async def _fetch_assets(url: str, assets: Sequence[str]) -> None:
    where = urlsplit(url)
    queue = list(reversed(assets))  # shared: each connection takes the next path when it is free
    await asyncio.gather(*(_connection(where.hostname or "127.0.0.1", where.port or 80, queue)
                           for _ in range(min(BROWSER_CONNECTIONS_PER_HOST, len(assets)))))


async def _card_state(ws_url: str, card_class: str, timeout: float) -> None:
    session = uuid.uuid4().hex
    ws = await websocket_connect(HTTPRequest(f"{ws_url}?session_id={session}", request_timeout=timeout),
                                 max_message_size=64 * 2**20)
    try:
        ws.write_message(_message("kernel_info_request", session, {}))
        comm_id = uuid.uuid4().hex
        asked = False
        while True:
            frame = await asyncio.wait_for(ws.read_message(), timeout)
            if frame is None:
                raise ConnectionError("the kernel's websocket closed before the card arrived")
            msg = _decode(frame)
            kind = msg.get("header", {}).get("msg_type")
            if kind == "kernel_info_reply" and not asked:
                ws.write_message(_message("comm_open", session, {
                    "comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                    metadata={"version": CONTROL_PROTOCOL_VERSION}))
                ws.write_message(_message("comm_msg", session, {
                    "comm_id": comm_id, "data": {"method": "request_states"}}))
                asked = True
            data = msg.get("content", {}).get("data") or {}
            if kind == "comm_msg" and data.get("method") == "update_states":
                if _has_card(data.get("states", {}), card_class):
                    return
                raise LookupError(f"the widget states hold no {card_class!r} widget")
    finally:
        ws.close()


async def protocol_student(url: str, *, assets: Sequence[str], card_class: str, timeout: float) -> float:
    """Seconds from the page request to the first card's widget state, for one student without a browser.

    >>> asyncio.run(protocol_student("http://127.0.0.1:9/", assets=[], card_class="c", timeout=1))  # nothing there
    nan
    """
    start = time.perf_counter()
    base = url.rstrip("/")
    client = AsyncHTTPClient(force_instance=True)  # tornado's shared client queues beyond 10 requests
    try:
        page = await client.fetch(url, request_timeout=timeout)
        found = _KERNEL_ID.search(page.body.decode("utf-8", "replace"))
        if found is None:
            text = " ".join(page.body.decode("utf-8", "replace").split())
            raise LookupError(f"the page names no kernel (HTTP {page.code}, {len(page.body)} bytes: {text[:200]!r})")
        await asyncio.wait_for(_fetch_assets(url, assets), timeout)
        await _card_state(f"{base.replace('http', 'ws', 1)}/api/kernels/{found.group(1)}/channels", card_class, timeout)
    except Exception as exc:  # noqa: BLE001 - a student who never gets a card is counted, not fatal
        print(f"protocol student: no card ({type(exc).__name__}: {exc})", file=sys.stderr)
        return float("nan")
    finally:
        client.close()
    return time.perf_counter() - start
