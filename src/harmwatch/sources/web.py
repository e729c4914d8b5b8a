"""Fetching a URL safely: http(s) only, public addresses only, timeouts and a size cap.

A shared server must not be turned against its own network, so every address the host
resolves to, at every redirect, is checked before a request is sent.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from harmwatch import __version__
from harmwatch.errors import FetchRefused, SourceError
from harmwatch.sources.options import SourceOptions

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
USER_AGENT = f"harmwatch/{__version__} (+https://pypi.org/project/harmwatch/)"
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/rss+xml",
                  "application/atom+xml", "application/xml", "text/xml")


@dataclass
class Fetched:
    url: str
    content_type: str
    body: bytes


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(url, f"only http and https URLs are fetched, not {parts.scheme!r}")
    if not parts.hostname:
        raise FetchRefused(url, "the URL has no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise SourceError(url, f"cannot resolve host {parts.hostname!r}: {exc.strerror}") from exc
    for info in infos:
        address = info[4][0]
        if not _is_public(address):
            raise FetchRefused(url, f"{parts.hostname} resolves to {address}, a loopback, "
                                    "private or link-local address; pass --allow-private "
                                    "to fetch from your own network")


def fetch(url: str, options: SourceOptions) -> Fetched:
    import httpx  # 0.1 s: imported by the commands that fetch, not by every one

    timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0))
    with httpx.Client(timeout=timeout, follow_redirects=False,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, options.allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(response, url, options.max_bytes)
            except httpx.HTTPError as exc:
                raise SourceError(url, f"cannot fetch: {exc.__class__.__name__}: {exc}") from exc
    raise SourceError(url, f"more than {MAX_REDIRECTS} redirects")


def _read(response: httpx.Response, url: str, max_bytes: int) -> Fetched:
    if response.status_code >= 400:
        raise SourceError(url, f"the server answered HTTP {response.status_code}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in ACCEPTED_TYPES:
        raise SourceError(url, f"content type {content_type!r} is not a page, text or feed")
    declared = int(response.headers.get("content-length") or 0)
    if declared > max_bytes:
        raise SourceError(url, f"the page is {declared} bytes, over the {max_bytes}-byte cap")
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise SourceError(url, f"the page is over the {max_bytes}-byte cap")
    return Fetched(url=url, content_type=content_type, body=bytes(body))
