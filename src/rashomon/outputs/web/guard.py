"""What every response of the web app goes through (an ASGI middleware): the Host header checked,
HEAD answered as GET without a body, and the security headers on every response, static files
and the base map included.

The Host check stops DNS rebinding: a hostile web page whose name is made to resolve to
127.0.0.1 could otherwise read the store through the visitor's browser. Its requests carry its
own name as Host, so only the names the server is reached by are accepted: the loopback names,
the address it listens on, and the names given (`rashomon serve --allow-host`). An address
written as numbers cannot be rebound, so a server exposed beyond this machine also accepts any
IP address as Host.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = ("127.0.0.1", "::1", "localhost")
SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                               "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
                    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "X-Frame-Options": "DENY"}
BAD_HOST = b"<!doctype html><title>400</title><h1>Bad request</h1><p>This server is not reached by that name.</p>"


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address) is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


@dataclass(frozen=True)
class Hosts:
    """The Host names a server answers to: `names`, and with `any_address` any IP address."""

    names: frozenset[str]
    any_address: bool = False

    @classmethod
    def for_address(cls, bound: str, extra: Iterable[str] = ()) -> Hosts:
        """The names of a server listening on `bound`: the loopback names and `bound` itself, the
        `extra` names, and any IP address when it listens beyond this machine."""
        names = {n.lower().strip("[]") for n in (*LOOPBACK_NAMES, bound, *extra)}
        return cls(frozenset(names), any_address=not is_loopback(bound))

    def allow(self, header: str | None) -> bool:
        """Whether a request's Host header (with or without a port) names this server."""
        if not header:
            return False
        host = header.strip().lower()
        if host.startswith("["):  # [::1]:8000
            host = host[1:host.find("]")] if "]" in host else ""
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        if not host:
            return False
        return host in self.names or (self.any_address and _is_address(host))


class Guard:
    """The middleware: a request naming another host gets a 400; HEAD is GET without its body;
    every response gets SECURITY_HEADERS (unless it sets one itself)."""

    def __init__(self, app: ASGIApp, hosts: Hosts):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        if not self.hosts.allow(host):
            await _plain(send, 400, BAD_HOST)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.lower().encode() not in present]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"")
            await send(message)

        await self.app(scope, receive, guarded)


async def _plain(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
