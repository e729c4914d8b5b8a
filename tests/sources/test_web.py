"""URLs: fetched with checks (scheme, address, size, type), against a real local HTTP server."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harmwatch.errors import FetchRefused
from harmwatch.model import Document, SourceFailure
from harmwatch.sources import SourceOptions, read_source
from harmwatch.sources.web import check_url

FIXTURES = Path(__file__).parent.parent / "fixtures"
HTML = (FIXTURES / "tabqa-page.html").read_text(encoding="utf-8")
FEED = (FIXTURES / "feed.xml").read_text(encoding="utf-8")

PAGES = {
    "/article": ("text/html; charset=utf-8", HTML.encode()),
    "/feed": ("application/rss+xml", FEED.encode()),
    "/plain": ("text/plain", b"Shelling hit the town of Douma, killing four people."),
    "/image": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    "/big": ("text/plain", b"x" * 50_000),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path not in PAGES:
            self.send_error(404)
            return
        content_type, body = PAGES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def fetch(url, **options):
    return list(read_source(url, SourceOptions(**options)))


def test_loopback_is_refused_without_allow_private(server):
    [failure] = fetch(server + "/article")
    assert isinstance(failure, SourceFailure)
    assert "loopback, private or link-local" in failure.reason
    assert "--allow-private" in failure.reason


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://192.168.1.1/x",
                                 "http://169.254.169.254/latest/meta-data",
                                 "http://[::1]:8000/", "http://172.16.0.5/"])
def test_private_and_link_local_addresses_are_refused(url):
    with pytest.raises(FetchRefused, match="loopback, private or link-local"):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchRefused, match="only http and https"):
        check_url(url, allow_private=True)


def test_html_page_is_read_with_its_metadata_and_url(server):
    [document] = fetch(server + "/article", allow_private=True)
    assert isinstance(document, Document)
    assert document.title == "Strike on Tabqa market"
    assert document.url == server + "/article"
    assert "12 civilians" in document.text


def test_redirect_is_followed(server):
    [document] = fetch(server + "/redirect", allow_private=True)
    assert document.url == server + "/article"


def test_feed_url_gives_one_document_per_item(server):
    items = fetch(server + "/feed", allow_private=True)
    assert [type(i).__name__ for i in items] == ["Document", "Document", "SourceFailure"]


def test_plain_text_url_keeps_its_url(server):
    [document] = fetch(server + "/plain", allow_private=True)
    assert document.url == server + "/plain" and "Douma" in document.text


def test_content_type_that_is_not_text_is_refused(server):
    [failure] = fetch(server + "/image", allow_private=True)
    assert "content type 'image/png'" in failure.reason


def test_size_cap_applies_to_pages(server):
    [failure] = fetch(server + "/big", allow_private=True, max_bytes=10_000)
    assert "over the 10000-byte cap" in failure.reason


def test_http_error_and_unreachable_host_are_failures(server):
    [missing] = fetch(server + "/absent", allow_private=True)
    assert "HTTP 404" in missing.reason
    [refused] = fetch("http://127.0.0.1:9/x", allow_private=True, timeout=2)
    assert "cannot fetch" in refused.reason and refused.source == "http://127.0.0.1:9/x"
