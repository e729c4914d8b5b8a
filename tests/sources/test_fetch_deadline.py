"""A fetch has one deadline for all of it: a real local server trickling its answer."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harmwatch.errors import SourceError
from harmwatch.sources import SourceOptions
from harmwatch.sources.web import fetch


class Trickle(BaseHTTPRequestHandler):
    """Sends a byte every 0.2 s, for up to 30 s: each read is quick, the whole is not."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(150):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    def log_message(self, *args):
        pass


@pytest.fixture
def trickling_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/slow"
    server.shutdown()
    server.server_close()


def test_a_trickling_server_cannot_hold_a_fetch_past_its_deadline(trickling_url):
    started = time.monotonic()
    with pytest.raises(SourceError, match="took longer than 2 s"):
        fetch(trickling_url, SourceOptions(allow_private=True, timeout=2))
    assert time.monotonic() - started < 3.5
