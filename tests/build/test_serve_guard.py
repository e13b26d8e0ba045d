"""The preview server never redirects a reader to another site (generator/build/serve_guard.py):
MkDocs' live-reload server answered ``/%2Fevil.example%2F..%2Fbriefs/x`` with
``Location: //evil.example/../briefs/x/``."""

from __future__ import annotations

import http.client
from pathlib import Path
from typing import Any

import pytest
from mkdocs.livereload import LiveReloadServer

from generator.build import serve_guard
from support import SiteFactory, brief_yaml
from support.serving import is_ok, mkdocs_serve

EVIL = "//evil.example/../briefs/x"
"""``/%2Fevil.example%2F..%2Fbriefs/x`` as the server decodes it."""


@pytest.mark.parametrize(
    ("location", "kept"),
    [
        ("//evil.example/../briefs/x/", "/briefs/x/"),
        ("///evil.example/x", "/evil.example/x"),
        ("/\\evil.example/x", "/evil.example/x"),
        ("\\\\evil.example\\x", "/evil.example/x"),
        ("/\t/evil.example/", "/evil.example/"),
        (" //evil.example/", "/evil.example/"),
        ("https://evil.example/x?a=1", "/evil.example/x?a=1"),
        ("javascript:alert(1)", "/alert(1)"),
        ("/briefs/x/", "/briefs/x/"),
        ("/", "/"),
        ("/briefs/%2F%2Fx/", "/briefs/%2F%2Fx/"),
    ],
)
def test_a_location_always_stays_on_the_origin(location: str, kept: str) -> None:
    assert serve_guard.same_origin(location) == kept


def _redirect(server: LiveReloadServer, path: str) -> tuple[str, dict[str, str]]:
    """What the server's WSGI application answers for ``path``: status and headers."""
    answer: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> None:
        answer.update(status=status, headers=dict(headers))

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    list(server.get_app()(environ, start_response))
    return answer["status"], answer["headers"]


def test_the_live_reload_server_redirects_within_the_site(tmp_path: Path) -> None:
    (tmp_path / "briefs" / "x").mkdir(parents=True)
    (tmp_path / "briefs" / "x" / "index.html").write_text("<p>x</p>", "utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        status, headers = _redirect(server, EVIL)
        assert status == "302 Found" and headers["Location"] == EVIL + "/"  # MkDocs alone
        serve_guard.install(server)
        status, headers = _redirect(server, EVIL)
        assert status == "302 Found" and headers["Location"] == "/briefs/x/"
        status, headers = _redirect(server, "/briefs/x")
        assert headers["Location"] == "/briefs/x/"  # an ordinary redirect, as it was
    finally:
        server.server_close()


@pytest.mark.e2e
def test_briefs_serve_never_redirects_off_site(site: SiteFactory) -> None:
    site.create({"x.yaml": brief_yaml(title="Acme Rises")})
    with mkdocs_serve(site.root, "briefs", now="2026-03-02T09:00:00Z") as preview:
        preview.until("/briefs/x/", is_ok)
        host = preview.url.removeprefix("http://")
        connection = http.client.HTTPConnection(host, timeout=20)
        try:
            connection.request("GET", "/%2Fevil.example%2F..%2Fbriefs/x")
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        assert response.status == 302
        assert response.getheader("Location") == "/briefs/x/"
