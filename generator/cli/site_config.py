"""The site config a command runs on: the one named with ``-f``, else ``mkdocs.yml``.

Every command that reads the site loads it here, so a config that is missing or wrong ends
the same way everywhere: one line and exit status 2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli import terminal
from generator.cli.commands import EXIT_USAGE
from generator.settings import SettingsError, Site, load_site

DEFAULT_CONFIG = "mkdocs.yml"


def load_site_or_exit(chosen: str | None) -> Site:
    """The site of ``chosen`` (``mkdocs.yml`` when None); a named file that does not exist,
    or a config the settings refuse, is one line and exit 2."""
    config_file = Path(chosen or DEFAULT_CONFIG)
    if chosen not in (None, DEFAULT_CONFIG) and not config_file.is_file():
        terminal.say(f"config file {config_file} not found")
        raise click.exceptions.Exit(EXIT_USAGE)
    try:
        return load_site(config_file)
    except SettingsError as exc:
        terminal.say(str(exc))
        raise click.exceptions.Exit(EXIT_USAGE) from None
