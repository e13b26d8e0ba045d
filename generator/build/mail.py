"""The morning briefing's e-mail leaves the machine: the MIME message, the SMTP send, and the
record of what was sent.

- :func:`compose`: a ``multipart/alternative`` message (text, then HTML), UTF-8 headers
  encoded as RFC 2047 needs, ``List-Unsubscribe`` when the site sets one. A header value
  with a line break is refused (:class:`MailError`), whatever put it there: a line break
  would start a header of the sender's choosing (``Bcc:``).
- :func:`smtp_target` reads ``BRIEFS_SMTP_URL``: ``smtp://user@host:587`` (STARTTLS, required:
  a server that does not offer it is refused), ``smtps://host:465`` (implicit TLS) or
  ``smtp+plain://host:port`` (no TLS, only to a loopback address: a local relay, tests).
  The password comes from ``BRIEFS_SMTP_PASSWORD`` and is never printed, logged or put in an
  error message.
- :class:`SentRecord` (``.newsbriefs/digest-sent.json``) says which days were mailed, so a
  scheduled job that runs twice does not mail twice. It is only a record: it is read as data,
  checked, and anything off in it is a record of nothing. A forged record can make a send be
  skipped (until ``--force``) or sent twice, and nothing else: nothing is published from it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from generator.build import state
from generator.build.site_folder import STATE_DIR
from generator.render.digest_email import DigestEmail

SMTP_URL = "BRIEFS_SMTP_URL"
SMTP_PASSWORD = "BRIEFS_SMTP_PASSWORD"
TIMEOUT = 30.0
"""Seconds to wait for the server at each step before giving up."""
RECORD = "digest-sent.json"
MAX_RECORD_BYTES = 1_000_000


class MailError(Exception):
    """Why a digest cannot be composed or sent, in one line (no password, no traceback)."""


# ---------------------------------------------------------------------------------------------
# The message.


def one_line(name: str, value: str) -> str:
    """A header value, refused if it holds a line break (header injection)."""
    if any(char in value for char in "\r\n\0\u2028\u2029\x0b\x0c\x85"):
        raise MailError(f"the {name} header would hold a line break; refused: {value[:80]!r}")
    return value


def compose(
    mail: DigestEmail,
    *,
    sender: str,
    recipients: Sequence[str],
    unsubscribe: str | None,
    now: datetime,
) -> EmailMessage:
    """The day's message: text and HTML alternatives, ready to write or send."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = one_line("Subject", mail.subject)
    message["From"] = one_line("From", sender)
    message["To"] = ", ".join(one_line("To", address) for address in recipients)
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(f"digest.{mail.day.day:%Y%m%d}", domain=domain)
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{one_line('List-Unsubscribe', unsubscribe)}>"
    message.set_content(mail.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(mail.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


# ---------------------------------------------------------------------------------------------
# The server.

Scheme = Literal["smtp", "smtps", "smtp+plain"]
PORTS: dict[Scheme, int] = {"smtp": 587, "smtps": 465, "smtp+plain": 25}


@dataclass(frozen=True)
class SmtpTarget:
    """Where to send, from ``BRIEFS_SMTP_URL``; the password is never part of it shown."""

    scheme: Scheme
    host: str
    port: int
    user: str | None
    password: str | None

    def __repr__(self) -> str:  # never the password
        return f"SmtpTarget({self.shown})"

    @property
    def shown(self) -> str:
        """The server as messages name it: ``smtp://user@host:587``."""
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"


def smtp_target(environ: dict[str, str] | os._Environ[str] | None = None) -> SmtpTarget:
    """The server from the environment, or :class:`MailError` saying what to set."""
    env = os.environ if environ is None else environ
    url = env.get(SMTP_URL, "").strip()
    if not url:
        raise MailError(
            f"{SMTP_URL} is not set; set it to smtp://user@host:587 (STARTTLS), "
            "smtps://host:465 (TLS) or smtp+plain://127.0.0.1:port (a local relay)"
        )
    try:
        parts = urlsplit(url)
        port_number = parts.port
    except ValueError:
        raise MailError(f"{SMTP_URL}: not an address such as smtp://user@host:587") from None
    scheme = parts.scheme.lower()
    if scheme not in PORTS:
        raise MailError(f"{SMTP_URL}: the scheme must be smtp, smtps or smtp+plain, not {scheme!r}")
    chosen: Scheme = scheme
    if not parts.hostname:
        raise MailError(f"{SMTP_URL}: no host; such as smtp://user@host:587")
    if parts.password:
        raise MailError(f"{SMTP_URL}: put the password in {SMTP_PASSWORD}, not in the address")
    if chosen == "smtp+plain" and not _loopback(parts.hostname):
        raise MailError(
            f"{SMTP_URL}: smtp+plain (no TLS) is only for a loopback address such as "
            f"127.0.0.1, not {parts.hostname}; use smtp:// (STARTTLS) or smtps://"
        )
    user = unquote(parts.username) if parts.username else None
    password = env.get(SMTP_PASSWORD) or None
    return SmtpTarget(chosen, parts.hostname, port_number or PORTS[chosen], user, password)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def send(message: EmailMessage, target: SmtpTarget, recipients: Sequence[str]) -> None:
    """Hand the message to the server, or raise :class:`MailError` with its reply."""
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP
        if target.scheme == "smtps":
            client = smtplib.SMTP_SSL(target.host, target.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(target.host, target.port, timeout=TIMEOUT)
        with client:
            client.ehlo()
            if target.scheme == "smtp":
                if not client.has_extn("starttls"):
                    raise MailError(
                        f"{target.shown} does not offer STARTTLS; refused to send in the clear"
                    )
                client.starttls(context=context)
                client.ehlo()
            if target.user:
                client.login(target.user, target.password or "")
            client.send_message(message, to_addrs=list(recipients))
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{target.shown} refused the login: {_reply(exc)}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise MailError(f"{target.shown} refused the recipients: {refused}") from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(f"{target.shown} refused the message: {_reply(exc)}") from None
    except TimeoutError:
        raise MailError(f"{target.shown} did not answer within {TIMEOUT:g} s") from None
    except smtplib.SMTPServerDisconnected as exc:  # smtplib's word for a reply that timed out
        if "timed out" in str(exc):
            raise MailError(f"{target.shown} did not answer within {TIMEOUT:g} s") from None
        raise MailError(f"{target.shown} closed the connection") from None
    except ssl.SSLError as exc:
        raise MailError(f"{target.shown}: TLS failed: {exc.reason or exc}") from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{target.shown}: {' '.join(str(exc).split())}") from None
    except OSError as exc:
        raise MailError(f"cannot reach {target.shown}: {exc.strerror or exc}") from None


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"{exc.smtp_code} {' '.join(text.split())}".strip()


# ---------------------------------------------------------------------------------------------
# What was sent.


@dataclass(frozen=True)
class SentRecord:
    """Days already mailed (day -> when, in ISO), kept in ``.newsbriefs/digest-sent.json``."""

    path: Path
    sent: dict[str, str]

    @classmethod
    def of(cls, root: Path) -> SentRecord:
        """The project's record; empty when missing, unreadable or not what we write."""
        path = root / STATE_DIR / RECORD
        try:
            with path.open("rb") as handle:
                data = json.loads(handle.read(MAX_RECORD_BYTES + 1)[:MAX_RECORD_BYTES])
        except (OSError, ValueError):
            return cls(path, {})
        sent = data.get("sent") if isinstance(data, dict) and data.get("version") == 1 else None
        if not isinstance(sent, dict):
            return cls(path, {})
        return cls(
            path,
            {
                day: when
                for day, when in sent.items()
                if isinstance(day, str) and isinstance(when, str) and _is_day(day)
            },
        )

    def sent_at(self, day: date) -> str | None:
        return self.sent.get(day.isoformat())

    def with_sent(self, day: date, when: datetime) -> SentRecord:
        return SentRecord(self.path, {**self.sent, day.isoformat(): when.isoformat()})

    def save(self) -> None:
        """Written whole beside itself (never through a link), then renamed over: never half
        a record."""
        text = json.dumps({"version": 1, "sent": dict(sorted(self.sent.items()))}, indent=1)
        state.atomic_replace(self.path, ((text + "\n").encode("utf-8"),))


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
