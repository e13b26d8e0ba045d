"""Running ``briefs`` and ``mkdocs build`` as a test reads them: exit status, stdout, stderr.

Speed: both run in this process by default (:func:`briefs_in_process`,
:func:`mkdocs_build_in_process`), with the same exit status, stdout and stderr a test would
read from the command. A subprocess (:func:`run`) is kept where the process itself is the
subject: determinism across interpreters (hash seeds), the engines, signals, a few real
``mkdocs build`` runs of the bad-input catalogue.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    """What a test reads from a command: the same fields as ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _as_a_command(cwd: Path, *, actions: bool) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """The surroundings :func:`run` gives a command: its folder, the environment (never the
    GITHUB_ACTIONS of the machine running the tests, unless ``actions``), and its own stdout
    and stderr. Everything is restored afterwards."""
    saved = {name: os.environ.get(name) for name in ("GITHUB_ACTIONS", "NO_MKDOCS_2_WARNING")}
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.pop("GITHUB_ACTIONS", None)
    if actions:
        os.environ["GITHUB_ACTIONS"] = "true"
    out, err = io.StringIO(), io.StringIO()
    try:
        with (
            contextlib.chdir(cwd),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            yield out, err
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _exit_status(exc: SystemExit, err: io.StringIO) -> int:
    """The exit status (and the message) Python gives ``raise SystemExit(code)``."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=err)
    return 1


def briefs_in_process(cwd: Path, *args: str | os.PathLike[str], actions: bool = False) -> Result:
    """``briefs ARGS`` run in ``cwd`` through :func:`generator.cli.main.main`, as the console
    script would: click's exits become the exit status, an uncaught exception prints its
    traceback to stderr and exits 1 (so "no Traceback" assertions keep their meaning)."""
    from generator.cli.main import main

    with _as_a_command(cwd, actions=actions) as (out, err):
        try:
            status = main([os.fspath(arg) for arg in args])
        except SystemExit as exc:
            status = _exit_status(exc, err)
        except Exception:
            traceback.print_exc(file=err)
            status = 1
    return Result(status, out.getvalue(), err.getvalue())


def mkdocs_build_in_process(root: Path, *extra: str, actions: bool = False) -> Result:
    """``mkdocs build --strict [-d FOLDER]`` of ``root``/mkdocs.yml in this process, the way
    ``mkdocs.__main__.build_command`` runs it: MkDocs' log (INFO and up, as the command
    prints it) goes to stderr, an ``Abort`` exits 1 with its message on stdout, anything else
    is a traceback and exit 1. Each call loads the config afresh, so plugins start clean."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    options: dict[str, str] = {}
    rest = list(extra)
    while rest:
        flag = rest.pop(0)
        if flag not in ("-d", "--site-dir") or not rest:
            raise ValueError(
                f"mkdocs_build_in_process takes only -d FOLDER, not {flag!r}; "
                "use SiteFactory.mkdocs_build_process for other options"
            )
        options["site_dir"] = rest.pop(0)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    with _as_a_command(root, actions=actions) as (out, err):
        handler = logging.StreamHandler(err)
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)  # as the command sets it
        try:
            config = load_config(config_file=str(root / "mkdocs.yml"), strict=True, **options)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            status = 0
        except Abort as exc:  # the command echoes it to stdout
            print("\n" + exc.format_message(), file=out)
            status = 1
        except SystemExit as exc:
            status = _exit_status(exc, err)
        except Exception:
            traceback.print_exc(file=err)
            status = 1
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
    return Result(status, out.getvalue(), err.getvalue())


def run(
    command: list[str], cwd: Path, *, actions: bool = False
) -> subprocess.CompletedProcess[str]:
    """``command`` in its own process, in ``cwd``, as a user's terminal (or, with
    ``actions``, GitHub Actions) would run it; its output captured as text."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    if actions:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
