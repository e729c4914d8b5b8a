"""Fetching a URL safely: http(s) only, public addresses only, a deadline and a size cap.

A shared server must not be turned against its own network, so every address the host
resolves to, at every redirect, is checked before a request is sent.
"""

from __future__ import annotations

import ipaddress
import socket
import time
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


# IPv6 ranges whose last 32 bits are an IPv4 address a packet may reach: IPv4-compatible
# (::a.b.c.d, deprecated), IPv4-translated (::ffff:0:a.b.c.d) and NAT64 (64:ff9b::/96, and
# the local-use 64:ff9b:1::/48).
_IPV4_IN_LAST_32_BITS = [ipaddress.ip_network(n) for n in
                         ("::/96", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48")]


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64...), if any."""
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in network for network in _IPV4_IN_LAST_32_BITS):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:  # fec0::/10: deprecated, but still routed inside some networks
            return False
        ip = _embedded_ipv4(ip) or ip
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


class _Deadline:
    """`options.timeout` is for the whole fetch (redirects, headers, body), not each read:
    a server trickling a byte at a time must not hold a fetch past it."""

    def __init__(self, url: str, seconds: float):
        self.url, self.seconds = url, seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.at - time.monotonic()
        if remaining <= 0:
            raise SourceError(self.url, f"the fetch took longer than {self.seconds:g} s; the "
                                        "server is too slow (or trickles its answer)")
        return remaining

    def timeout(self):
        import httpx

        left = self.left()
        return httpx.Timeout(left, connect=min(left, 10.0))


def fetch(url: str, options: SourceOptions) -> Fetched:
    import httpx  # 0.1 s: imported by the commands that fetch, not by every one

    deadline = _Deadline(url, options.timeout)
    with httpx.Client(follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, options.allow_private)
            try:
                with client.stream("GET", url, timeout=deadline.timeout()) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(response, url, options.max_bytes, deadline)
            except httpx.TimeoutException as exc:
                deadline.left()  # says "took longer than" once the deadline is past
                raise SourceError(url, f"cannot fetch: timed out ({exc})") from exc
            except httpx.HTTPError as exc:
                raise SourceError(url, f"cannot fetch: {exc.__class__.__name__}: {exc}") from exc
    raise SourceError(url, f"more than {MAX_REDIRECTS} redirects")


def _read(response: httpx.Response, url: str, max_bytes: int, deadline: _Deadline
          ) -> Fetched:
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
        deadline.left()
        body.extend(chunk)
        if len(body) > max_bytes:
            raise SourceError(url, f"the page is over the {max_bytes}-byte cap")
    return Fetched(url=url, content_type=content_type, body=bytes(body))
