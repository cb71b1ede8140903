"""Shared fixtures: the real model (once per session), the seed article and its gold file."""

from __future__ import annotations

import http.server
import json
import socketserver
import threading
import time
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


class _NewsHandler(http.server.BaseHTTPRequestHandler):
    """A local news site for URL loading tests: /ok, /slow, /empty, /missing (404), else 500."""

    def do_GET(self):  # noqa: N802
        if self.path == "/ok":
            body = (
                b"<html><head><title>Local story</title></head><body><article><h1>Local story</h1>"
                b"<p>Officials said the bridge would reopen on Monday after repairs, the city announced.</p>"
                b"<p>The mayor told reporters that the work had gone well and was finished early.</p>"
                b"</article></body></html>"
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/empty":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
        else:
            self.send_response(404 if self.path == "/missing" else 500)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server():
    """Base URL of the local news site on 127.0.0.1 (tests never touch the internet)."""
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _NewsHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
