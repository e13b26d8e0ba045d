"""``briefs digest``: the morning briefing as a MIME file, and ``briefs digest send`` over SMTP.

The day's digest is made from the briefs published as of the build time (``--now``, else
SOURCE_DATE_EPOCH, else the clock): drafts and embargoed briefs are never in it, whatever the
site's ``drafts`` says. Without ``--date``, the day is the newest whose window has closed
(generator/graph/digest.py): a send at 07:00 mails the day that ended at the cut-off hour.
A day without briefs has no digest: the command says so and ends with 0 (a quiet day is not
a failure of the scheduled job).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path

import click

from generator.build import mail, state
from generator.build.pipeline import check
from generator.build.request import build_time
from generator.cli import terminal
from generator.cli.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, os_error
from generator.cli.site_config import load_site_or_exit
from generator.errors import Problem, errors_only
from generator.graph.digest import latest_closed_day
from generator.graph.schedule import BadTime, parse_now
from generator.render.digest_email import DigestEmail, digest_email, find_day
from generator.render.theme import load_theme
from generator.settings import Settings, Site


def _site(config_file: str | None) -> Site:
    """The site of ``digest``'s own ``-f``, else of the ``briefs -f`` it runs under."""
    chosen = config_file or click.get_current_context().find_root().params.get("config_file")
    return load_site_or_exit(chosen)


def _now(text: str | None) -> datetime:
    try:
        return parse_now(text) if text else build_time()
    except BadTime as exc:
        terminal.say(str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None


_config = click.option("-f", "--config-file", "config_file", metavar="FILE", default=None,
                       help="Site config (default: mkdocs.yml).")  # fmt: skip
_date = click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The digest's day, YYYY-MM-DD (default: the newest day that has ended).",
)
_now_option = click.option(
    "--now", metavar="TIME", default=None, help="The build time, e.g. 2026-03-02T07:00:00Z."
)


@click.group(
    "digest",
    invoke_without_command=True,
    short_help="Write the day's morning briefing as an e-mail file.",
    epilog="Exit status: 0 written (or no briefs that day), 1 problems in the briefs, "
    "2 a usage or configuration error.",
)
@_date
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Folder to write digest-YYYY-MM-DD.eml into.",
)
@_now_option
@_config
@click.pass_context
def digest(
    ctx: click.Context, day: datetime | None, out: Path, now: str | None, config_file: str | None
) -> int:
    """Write the day's morning briefing as a MIME message (multipart/alternative: text and
    HTML), ready for a mail client or a mailing tool. Set digest.sender in mkdocs.yml."""
    if ctx.invoked_subcommand is not None:
        return EXIT_OK
    site = _site(config_file)
    made = _message(site, day, _now(now), site.settings.digest.recipients)
    if isinstance(made, int):
        return made
    chosen, message = made
    target = out / f"digest-{chosen.isoformat()}.eml"
    try:
        # Written beside it and renamed over it: a link planted at the name is replaced,
        # never written through.
        state.atomic_replace(target, (bytes(message),))
    except OSError as exc:
        terminal.say(f"cannot write the digest: {os_error(exc)}")
        return EXIT_USAGE
    terminal.result(str(target))
    return EXIT_OK


@digest.command(
    "send",
    short_help="Send the day's morning briefing over SMTP.",
    epilog="The server comes from BRIEFS_SMTP_URL (smtp://user@host:587 with STARTTLS, "
    "smtps://host:465, or smtp+plain://127.0.0.1:port for a local relay), the password from "
    "BRIEFS_SMTP_PASSWORD. Exit status: 0 sent (or already sent, or no briefs that day), "
    "1 problems in the briefs or a failed send, 2 a usage or configuration error.",
)
@_date
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="ADDRESS",
    help="A recipient (repeatable; default: digest.recipients in mkdocs.yml).",
)
@click.option("--force", is_flag=True, help="Send even if this day's digest was sent before.")
@_now_option
@_config
def send_command(
    day: datetime | None, to: tuple[str, ...], force: bool, now: str | None, config_file: str | None
) -> int:
    """Send the day's morning briefing to the given or configured recipients. A day sent
    before (.newsbriefs/digest-sent.json) is not sent again without --force; a failed send
    records nothing and is safe to retry."""
    site = _site(config_file)
    when = _now(now)
    recipients = list(to) or site.settings.digest.recipients
    if not recipients:
        terminal.say("no recipients: give --to ADDRESS or set digest.recipients in mkdocs.yml")
        return EXIT_USAGE
    try:
        target = mail.smtp_target()
    except mail.MailError as exc:
        terminal.say(str(exc))
        return EXIT_USAGE
    made = _message(site, day, when, recipients)
    if isinstance(made, int):
        return made
    chosen, message = made
    record = mail.SentRecord.of(site.settings.root)
    if (sent := record.sent_at(chosen)) and not force:
        terminal.result(f"the digest of {chosen} was sent at {sent}; --force sends it again")
        return EXIT_OK
    try:
        mail.send(message, target, recipients)
    except mail.MailError as exc:
        terminal.say(f"digest of {chosen} not sent: {exc}")
        return EXIT_PROBLEMS
    try:
        record.with_sent(chosen, when).save()
    except OSError as exc:
        terminal.say(f"sent, but the record of it was not kept: {os_error(exc)}")
    terminal.result(f"sent the digest of {chosen} to {len(recipients)} recipient(s)")
    return EXIT_OK


def _message(
    site: Site, day: datetime | None, now: datetime, recipients: Sequence[str]
) -> tuple[date, EmailMessage] | int:
    """The day and its message, or an exit status after saying why there is none."""
    settings = site.settings
    problem = _not_ready(settings)
    if problem:
        terminal.say(problem)
        return EXIT_USAGE
    chosen = (
        day.date() if day else latest_closed_day(now, settings.zone, settings.digest.cutoff_hour)
    )
    found = _digest(settings, chosen, now)
    if isinstance(found, int):
        return found
    if found is None:
        terminal.result(f"no digest for {chosen}: no brief was published that day")
        return EXIT_OK
    assert settings.digest.sender is not None
    try:
        message = mail.compose(
            found,
            sender=settings.digest.sender,
            recipients=recipients,
            unsubscribe=settings.digest.list_unsubscribe,
            now=now,
        )
    except (mail.MailError, ValueError) as exc:
        terminal.say(f"digest of {chosen}: {exc}")
        return EXIT_PROBLEMS
    return chosen, message


def _not_ready(settings: Settings) -> str | None:
    if settings.site_url is None:
        return "the digest's links must be absolute: set site_url in mkdocs.yml"
    if settings.digest.sender is None:
        return "set digest.sender (the From address) under the briefs plugin in mkdocs.yml"
    return None


def _digest(settings: Settings, day: date, now: datetime) -> DigestEmail | int | None:
    """The day's e-mail from the briefs published as of ``now`` (never drafts)."""
    settings = settings.model_copy(
        update={"digest": settings.digest.model_copy(update={"enabled": True})}
    )
    index, problems = check(settings, drafts=False, now=now)
    _print(problems)
    if index is None:
        return EXIT_PROBLEMS
    theme, theme_problems = load_theme(settings.templates_path)
    if errors_only(theme_problems):
        _print(theme_problems)
        return EXIT_PROBLEMS
    found = find_day(index, settings, day)
    if found is None:
        return None
    try:
        return digest_email(found, index, settings, theme)
    except Exception as exc:  # a site's own e-mail template: its author's to fix
        terminal.say(f"the e-mail template failed: {' '.join(str(exc).split())}")
        return EXIT_PROBLEMS


def _print(problems: Sequence[Problem]) -> None:
    terminal.problems(sorted(problems, key=Problem.sort_key))
