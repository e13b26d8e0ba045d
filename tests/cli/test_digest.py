"""``briefs digest`` and ``briefs digest send``: a real SMTP server (aiosmtpd) in this process
receives the message, and its parts are read back; refused logins, closed ports and silent
servers each end in one line and a non-zero status; hostile headlines stay text in the HTML,
the text and the headers; embargoed, draft and withdrawn briefs are never in it."""

from __future__ import annotations

import email
import json
import socket
from collections.abc import Iterator
from email.message import EmailMessage, Message
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from bs4 import BeautifulSoup

from generator.build import mail
from support import SiteFactory, brief_yaml, briefs_in_process, with_site_url

MARKERS = ("zorblax", "quimbly", "wuthrin")
"""Words only the draft, the brief scheduled for later and the withdrawn brief hold."""
HOSTILE = '<script>alert("x")</script> & <b>Bold</b> Acme Bcc: evil@example.org'
SITE_URL = "https://digest.example.org/"
NOW = "2026-01-06T12:00:00Z"
OPTIONS = """\
timezone: America/New_York
digest:
  enabled: true
  sender: Desk <desk@digest.example.org>
  recipients: [list@digest.example.org]
  list_unsubscribe: mailto:leave@digest.example.org
  disclaimer: Not investment advice.
"""


def make_site(root: Path) -> Path:
    briefs = {
        "a.yaml": brief_yaml(
            title="Acme Shares Rise", date="2026-01-05T09:30:00-05:00", tickers=["ACME"]
        ),
        "b.yaml": brief_yaml(
            title=HOSTILE,
            date="2026-01-05T11:00:00-05:00",
            category="Economy",
            tickers=["ACME", "F"],
            key_points=["Rates <i>held</i> & steady."],
        ),
        "draft.yaml": brief_yaml(title="Zorblax Deal", date="2026-01-05", draft=True),
        "later.yaml": brief_yaml(
            title="Quimbly Plan", date="2026-01-05", publish_at="2026-06-01T09:00:00Z"
        ),
        "gone.yaml": brief_yaml(
            title="Wuthrin Merger",
            date="2026-01-05",
            status="withdrawn",
            corrections=[{"date": "2026-01-05", "text": "Withdrawn."}],
        ),
        "older.yaml": brief_yaml(title="Older News", date="2026-01-02"),
    }
    root = SiteFactory(root).create(briefs, OPTIONS)
    with_site_url(root, SITE_URL)
    return root


class Inbox:
    """What the test server received: each message's envelope and parsed content."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _refuse(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    return AuthResult(success=False, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler, port = Inbox(), _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _send(root: Path, monkeypatch: pytest.MonkeyPatch, url: str, *args: str) -> Any:
    monkeypatch.setenv(mail.SMTP_URL, url)
    monkeypatch.setenv(mail.SMTP_PASSWORD, "s3cret-pa55")
    return briefs_in_process(root, "digest", "send", "--now", NOW, *args)


def _parts(message: Message) -> tuple[str, str]:
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None
    return plain.get_content(), rich.get_content()


def test_send_delivers_both_parts_with_absolute_links_and_no_embargoed_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    root = make_site(tmp_path)
    result = _send(root, monkeypatch, f"smtp+plain://127.0.0.1:{port}", "--date", "2026-01-05")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "s3cret-pa55" not in result.stdout + result.stderr
    [(recipients, message)] = handler.messages
    assert recipients == ["list@digest.example.org"]
    assert message["Subject"] == f"Morning briefing, January 5, 2026: {HOSTILE}"
    assert message["List-Unsubscribe"] == "<mailto:leave@digest.example.org>"
    assert message["Bcc"] is None
    text, html = _parts(message)
    soup = BeautifulSoup(html, "html.parser")
    headlines = [a.get_text() for a in soup.select("h3 a")]
    assert headlines == [HOSTILE, "Acme Shares Rise"]  # by category, in the site's order
    hrefs = [a["href"] for a in soup.select("a[href]")]
    assert hrefs and all(h.startswith((SITE_URL, "mailto:")) for h in hrefs), hrefs
    assert f"{SITE_URL}briefs/a/" in hrefs
    assert f"{SITE_URL}briefs/a/" in text and "Not investment advice." in text
    assert "Not investment advice." in soup.get_text()
    everything = message.as_string().lower()
    for marker in (*MARKERS, "older news"):
        assert marker not in everything and marker not in html.lower() + text.lower()
    # the record says it was sent: a second run does not send again; --force does
    record = json.loads((root / ".newsbriefs/digest-sent.json").read_text("utf-8"))
    assert list(record["sent"]) == ["2026-01-05"]
    again = _send(root, monkeypatch, f"smtp+plain://127.0.0.1:{port}", "--date", "2026-01-05")
    assert again.returncode == 0 and "was sent at" in again.stdout
    assert len(handler.messages) == 1
    forced = _send(
        root, monkeypatch, f"smtp+plain://127.0.0.1:{port}", "--date", "2026-01-05", "--force"
    )
    assert forced.returncode == 0, forced.stderr
    assert len(handler.messages) == 2


def test_hostile_headline_stays_text_in_html_text_and_headers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    root = make_site(tmp_path)
    result = _send(
        root, monkeypatch, f"smtp+plain://127.0.0.1:{port}", "--date", "2026-01-05",
        "--to", "one@example.org", "--to", "two@example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [(recipients, message)] = handler.messages
    assert recipients == ["one@example.org", "two@example.org"]
    text, html = _parts(message)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None and soup.find("i") is None
    assert HOSTILE in soup.get_text()
    assert "Rates <i>held</i> & steady." in soup.get_text()
    assert HOSTILE in text
    headers = {name.lower() for name in message}
    assert "bcc" not in headers


def test_digest_writes_a_mime_file(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    result = briefs_in_process(root, "digest", "--date", "2026-01-05", "--out", "out")
    assert result.returncode == 0, result.stderr
    written = root / "out/digest-2026-01-05.eml"
    message = email.message_from_bytes(written.read_bytes(), policy=default)
    text, html = _parts(message)
    assert "Acme Shares Rise" in text and "Acme Shares Rise" in html
    assert message["To"] == "list@digest.example.org"
    raw = written.read_bytes()
    assert all(ord(" ") <= byte < 127 or byte in b"\r\n\t" for byte in raw)  # encoded headers


def test_digest_replaces_a_link_at_its_name_and_never_writes_through_it(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    (root / "out").mkdir()
    (root / "out/digest-2026-01-05.eml").symlink_to(victim)
    result = briefs_in_process(root, "digest", "--date", "2026-01-05", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert victim.read_text("utf-8") == "precious\n"
    written = root / "out/digest-2026-01-05.eml"
    assert not written.is_symlink()
    assert "Acme Shares Rise" in written.read_text("utf-8")


def test_a_day_without_briefs_sends_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    result = _send(make_site(tmp_path), monkeypatch, f"smtp+plain://127.0.0.1:{port}",
                   "--date", "2026-01-04")  # fmt: skip
    assert result.returncode == 0
    assert "no digest for 2026-01-04" in result.stdout
    assert handler.messages == []


def _one_line_failure(result: Any) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "s3cret-pa55" not in result.stderr
    return lines[0]


def test_a_refused_login_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = _free_port()
    controller = Controller(
        Inbox(), hostname="127.0.0.1", port=port, authenticator=_refuse, auth_require_tls=False
    )
    controller.start()
    try:
        result = _send(
            make_site(tmp_path), monkeypatch, f"smtp+plain://desk@127.0.0.1:{port}",
            "--date", "2026-01-05",
        )  # fmt: skip
    finally:
        controller.stop()
    line = _one_line_failure(result)
    assert "refused the login: 535" in line, line
    assert not (tmp_path / ".newsbriefs/digest-sent.json").exists()


def test_a_closed_port_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    port = _free_port()  # nothing listens there
    result = _send(make_site(tmp_path), monkeypatch, f"smtp+plain://127.0.0.1:{port}",
                   "--date", "2026-01-05")  # fmt: skip
    line = _one_line_failure(result)
    assert f"cannot reach smtp+plain://127.0.0.1:{port}" in line, line


def test_a_silent_server_times_out_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail, "TIMEOUT", 0.3)
    with socket.socket() as silent:  # accepts connections (the backlog) and never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        result = _send(make_site(tmp_path), monkeypatch, f"smtp+plain://127.0.0.1:{port}",
                       "--date", "2026-01-05")  # fmt: skip
    line = _one_line_failure(result)
    assert "did not answer within 0.3 s" in line, line


def test_starttls_is_required_for_smtp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    result = _send(make_site(tmp_path), monkeypatch, f"smtp://127.0.0.1:{port}",
                   "--date", "2026-01-05")  # fmt: skip
    line = _one_line_failure(result)
    assert "does not offer STARTTLS" in line, line
    assert handler.messages == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "BRIEFS_SMTP_URL is not set"),
        ("smtp+plain://mail.example.org:25", "only for a loopback address"),
        ("http://127.0.0.1:25", "the scheme must be smtp, smtps or smtp+plain"),
        ("smtp://desk:hunter2@mail.example.org", "put the password in BRIEFS_SMTP_PASSWORD"),
    ],
)
def test_a_bad_smtp_url_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    result = _send(make_site(tmp_path), monkeypatch, url, "--date", "2026-01-05")
    assert result.returncode == 2
    assert message in result.stderr and "hunter2" not in result.stderr


def test_a_header_with_a_line_break_is_refused() -> None:
    with pytest.raises(mail.MailError, match="line break"):
        mail.one_line("Subject", "Acme\r\nBcc: evil@example.org")
