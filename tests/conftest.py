"""Shared test helpers: the --update-goldens flag and small real sites built in tmp folders.

Speed: ``briefs`` and ``mkdocs build`` run in this process by default (:func:`briefs_in_process`,
:func:`mkdocs_build_in_process`), with the same exit status, stdout and stderr a test would
read from the command. A subprocess (:func:`run`) is kept where the process itself is the
subject: determinism across interpreters (hash seeds), the engines, a few real
``mkdocs build`` runs of the bad-input catalogue, and the sample site built once per session.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# No per-example deadline: on a loaded 2-core CI machine a slow example is not a failure, and
# a deadline turns load into flaky red runs. Each property test still bounds its examples.
hypothesis_settings.register_profile("newsbriefs", deadline=None)
hypothesis_settings.load_profile("newsbriefs")

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def pytest_configure(config: pytest.Config) -> None:
    """Kept state is signed with a key outside every project (generator/build/state.py): the
    suite's own, in a folder of its own, never the user's (nor a CI secret's)."""
    import tempfile

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="newsbriefs-state-home-")
    os.environ.pop("NEWSBRIEFS_STATE_KEY", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    home = os.environ.get("XDG_STATE_HOME", "")
    if Path(home).name.startswith("newsbriefs-state-home-"):
        shutil.rmtree(home, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/* from the current output; the golden tests then fail "
        "(review the diff and run again without the flag)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


MINIMAL_MKDOCS_YML = """\
site_name: Test Briefs
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - briefs{options}
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""


def brief_yaml(**fields: object) -> str:
    """A valid brief as YAML text; keyword arguments replace or add fields (None removes)."""
    base: dict[str, object] = {
        "title": "Acme Shares Rise After Earnings Beat",
        "date": "2026-01-05",
        "category": "Stock Markets",
        "key_points": ["Revenue rose 12%."],
        "summary": "Acme beat forecasts.",
    }
    base.update(fields)
    import yaml

    return yaml.safe_dump(
        {k: v for k, v in base.items() if v is not None}, sort_keys=False, allow_unicode=True
    )


class SiteFactory:
    """Builds a small real site: mkdocs.yml, docs/, briefs/ under a tmp folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def create(
        self, briefs: dict[str, str], options: str = "", docs: dict[str, str] | None = None
    ) -> Path:
        (self.root / "docs").mkdir(parents=True, exist_ok=True)
        for name, text in (docs or {"about.md": "# About\n\nA test site.\n"}).items():
            (self.root / "docs" / name).write_text(text, "utf-8")
        opts = ":\n" + textwrap.indent(options.strip("\n"), "      ") if options.strip() else ""
        (self.root / "mkdocs.yml").write_text(MINIMAL_MKDOCS_YML.format(options=opts), "utf-8")
        for relpath, text in briefs.items():
            path = self.root / "briefs" / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        return self.root

    def mkdocs_build(self, *extra: str) -> Result:
        """``mkdocs build --strict`` of this site, in this process (see
        :func:`mkdocs_build_in_process`); ``extra`` may be ``-d FOLDER``."""
        return mkdocs_build_in_process(self.root, *extra)

    def mkdocs_build_process(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """The real ``mkdocs build --strict`` command, in its own process."""
        return run([str(BIN / "mkdocs"), "build", "--strict", *extra], cwd=self.root)

    def briefs(self, *args: str, actions: bool = False) -> Result:
        """``briefs ARGS`` in this site, in this process; ``actions`` runs it as under
        GitHub Actions (annotations)."""
        return briefs_in_process(self.root, *args, actions=actions)

    def briefs_process(self, *args: str, actions: bool = False) -> subprocess.CompletedProcess[str]:
        """The real ``briefs`` command, in its own process."""
        return run([str(BIN / "briefs"), *args], cwd=self.root, actions=actions)


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
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    if actions:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def site(tmp_path: Path) -> SiteFactory:
    return SiteFactory(tmp_path)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site, built once per run with `mkdocs build --strict` (in
    this process; test_engines builds it with the real commands). Tests only read it."""
    out = tmp_path_factory.mktemp("sample-site")
    result = mkdocs_build_in_process(REPO, "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


def unpacked(data: bytes) -> bytes:
    """A file's bytes, opened when gzip (sitemap.xml.gz, and Pagefind's index files, whose
    names do not say so)."""
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def pagefind_records(site_dir: Path) -> list[dict[str, Any]]:
    """Every record of a built site's Pagefind index, read back from its fragments (gzip,
    then ``pagefind_dcd`` and the record as JSON): url, content, meta, filters."""
    found = []
    for path in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = unpacked(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        found.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return found


def copy_sample(tmp_path: Path) -> Path:
    """A copy of the sample site to modify in a test."""
    for name in ("mkdocs.yml", "docs", "briefs"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path


Build = Callable[..., Result | subprocess.CompletedProcess[str]]
