"""Timing a process: wall time, CPU time and peak memory, plus what a built site weighs.

Every command runs under launch.py, a bare interpreter that waits for it with ``os.wait4``,
which returns that child's own resource usage (Linux: with the descendants it waited for):
CPU seconds (user + system) and ``ru_maxrss``, the peak resident memory of the largest
process of the tree. Not ``os.wait4`` from this process: a child's peak starts from its
parent's (launch.py says why). Nothing but the standard library.

Wall time is what a user waits for; CPU time suffers less when other work shares the cores,
so the tables print both.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

LAUNCHER = Path(__file__).resolve().with_name("launch.py")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("GITHUB_ACTIONS", None)  # no CI annotations in the output we throw away


class BenchError(Exception):
    """A command failed: the figure it was to give does not exist."""


@dataclass(frozen=True)
class Run:
    wall: float
    """Seconds on the clock (time.perf_counter)."""
    cpu: float
    """User + system CPU seconds of the process and the children it waited for."""
    peak_rss: int
    """Peak resident memory in bytes: the largest process of the command's tree."""

    def as_json(self) -> dict[str, float | int]:
        return {key: round(value, 4) for key, value in asdict(self).items()}


def run(command: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None) -> Run:
    """Run ``command`` to its end through the launcher; raise :class:`BenchError` with its
    last lines if it fails."""
    with tempfile.TemporaryFile() as output, tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "run.json"
        process = subprocess.Popen(
            launched(command, figures),
            cwd=cwd,
            env=dict(env or ENV),
            stdout=output,
            stderr=output,
        )
        process.wait()
        if process.returncode != 0:
            output.seek(0)
            tail = output.read().decode("utf-8", "replace").splitlines()[-25:]
            raise BenchError(
                f"{' '.join(command)} exited with {process.returncode}:\n" + "\n".join(tail)
            )
        return read_run(figures)


def launched(command: Sequence[str], figures: Path) -> list[str]:
    """``command`` run by launch.py, which writes its wall time, CPU time and peak memory
    to ``figures``: measured from a bare interpreter, not from this process (launch.py
    says why)."""
    return [sys.executable, "-I", "-S", str(LAUNCHER), str(figures), *command]


def read_run(figures: Path) -> Run:
    """What launch.py wrote."""
    found = json.loads(figures.read_text("utf-8"))
    return Run(float(found["wall"]), float(found["cpu"]), int(found["peak_rss"]))


def python_module(module: str, *args: str) -> list[str]:
    """``python -m module args``: the interpreter running the benchmark (the venv's)."""
    return [sys.executable, "-m", module, *args]


def briefs(config_file: Path, *args: str) -> list[str]:
    """A ``briefs`` command of the site of ``config_file``."""
    return python_module("generator.cli.console", "--config-file", str(config_file), *args)


@dataclass(frozen=True)
class SiteStats:
    bytes: int
    files: int


def site_stats(site_dir: Path) -> SiteStats:
    sizes = [p.stat().st_size for p in site_dir.rglob("*") if p.is_file()]
    return SiteStats(sum(sizes), len(sizes))


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for package in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pydantic", "pyyaml"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": cpu,
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
    }


def git_commit(repo: Path) -> dict[str, Any]:
    """The commit measured, and whether generator/ or theme/ differed from it."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
            )
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout.strip()

    status = git("status", "--porcelain", "--", "generator", "theme")
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": None if status is None else bool(status),
    }


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
