"""The preview server never redirects a reader to another site.

MkDocs' live-reload server (which ``briefs serve`` and ``mkdocs serve`` run, ProperDocs' is
the same) answers a request for a folder without its trailing slash with a redirect to the
path as requested, plus ``/``. ``/%2Fevil.example%2F..%2Fbriefs/x`` is decoded to
``//evil.example/../briefs/x``, which the server maps to ``briefs/x``, and the redirect
says ``Location: //evil.example/../briefs/x/``: a browser reads that as an address on
evil.example (an open redirect from a page the newsroom trusts).

:func:`install` wraps the server's WSGI application so that every ``Location`` it sends
stays on the origin: one that starts with ``//`` (or ``/\\``, which browsers read the same),
or names a scheme or a host, becomes the path it names here (``/briefs/x/``). The plugin's
``on_serve`` installs it (generator/build/plugin.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_IGNORED_IN_URLS = {ord("\t"): None, ord("\n"): None, ord("\r"): None}
"""Browsers drop tabs and line breaks anywhere in an address (WHATWG URL), so ``/\\t/host``
is ``//host``."""
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
"""Browsers also trim these from both ends of an address."""


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_LEAVES_ORIGIN = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*:|[/\\]{2})")
"""A scheme (``https:``, ``javascript:``), or two slashes or backslashes in any order: a
browser reads what follows as another host (``///host`` too)."""


def same_origin(location: str) -> str:
    """``location`` when a browser reads it as an address on this server; else the path it
    names here, without its scheme, leading slashes made one and dot segments resolved
    (``//evil.example/../briefs/x/`` -> ``/briefs/x/``, the folder the server found)."""
    seen = location.translate(_IGNORED_IN_URLS).strip(_C0_AND_SPACE)
    if not _LEAVES_ORIGIN.match(seen):
        return location
    path, _, query = _SCHEME.sub("", seen, count=1).replace("\\", "/").partition("?")
    path = path.partition("#")[0]
    resolved = posixpath.normpath("/" + path.lstrip("/"))
    if path.endswith("/") and resolved != "/":
        resolved += "/"
    return resolved + (f"?{query}" if query else "")


def guarded(app: WsgiApp) -> WsgiApp:
    """``app``, with every ``Location`` header made :func:`same_origin`."""

    def guarded_app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        def checked(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            headers = [
                (name, same_origin(value) if name.lower() == "location" else value)
                for name, value in headers
            ]
            return start_response(status, headers, *exc_info)

        return app(environ, checked)

    return guarded_app


def install(server: Any) -> None:
    """Guard a live-reload server's redirects (a ``wsgiref`` server: ``get_app`` and
    ``set_app``); anything else is left as it is."""
    if callable(getattr(server, "get_app", None)) and callable(getattr(server, "set_app", None)):
        server.set_app(guarded(server.get_app()))
