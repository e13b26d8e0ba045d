"""What both adapters decide the same way: drafts and scheduled briefs, what fails a run,
how a run is reported, and what a site must load for the generated pages to work.

The MkDocs plugin and the ``briefs`` command only translate events and arguments into calls
here; neither has rules of its own. So ``mkdocs build --strict`` and ``briefs build --strict``
fail on exactly the same problems, and say so in the same words.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build import brief_cache, state
from generator.build.brief_cache import KeptBriefs
from generator.build.error_page import error_page
from generator.build.nav import default_nav
from generator.build.pipeline import Generated
from generator.build.request import BuildOutcome
from generator.errors import Problem, display_path, visible
from generator.graph import urls
from generator.render.memo import MEMO_FORMAT, PageMemo
from generator.settings import Settings

PAGES_MEMO = state.Kind(
    "pages-memo",
    MEMO_FORMAT,
    "pages are rendered anew",
    max_bytes=2 * 2**30,  # 100 MB at 5,000 briefs; 20,000 briefs stay well below
    max_depth=8,  # {"pages": [[path, digest, [[taxonomy, name, slug]], hash, length]]}: 4
)
"""The rendered pages of the last ``briefs build`` (generator/render/memo.py), kept as all
state is (generator/build/state.py)."""


def page_memo(memo_file: Path | None, *, fresh: bool = False) -> PageMemo | None:
    """The pages ``briefs build`` kept in ``memo_file`` for this build to reuse, if the file
    passes every check of generator/build/state.py (an empty memo when there are none yet, or
    when the build is ``fresh``: ``--full``); None without a file (a plain ``mkdocs build``),
    which renders every page and keeps none."""
    if memo_file is None:
        return None
    if fresh:
        return PageMemo()
    return state.load(memo_file, PAGES_MEMO, PageMemo.from_parts) or PageMemo()


def keep_memo(memo: PageMemo | None, memo_file: Path | None) -> None:
    """Save the pages of a build for the next ``briefs build``, signed
    (generator/build/state.py); an interrupted write leaves the old memo or none, never half."""
    if memo is None or memo_file is None:
        return
    with contextlib.suppress(OSError):  # only time is lost without it
        state.save(memo_file, PAGES_MEMO, *memo.to_parts())


BRIEF_CACHE = state.Kind(
    "brief-cache",
    brief_cache.CACHE_FORMAT,
    "every brief is read and checked anew",
    max_bytes=2 * 2**30,  # about 6 KB a brief: 120 MB at 20,000 briefs
    max_depth=4,  # {"briefs": [[path, hash, length]]}: 3; each brief's JSON is checked alone
)
"""The validated briefs of the last ``briefs build`` (generator/build/brief_cache.py), kept as
all state is (generator/build/state.py)."""

BRIEF_CACHE_NAME = "briefs.cache"
"""The brief cache's file in the state folder (``.newsbriefs/``)."""


def brief_cache_file(state_dir: Path | None) -> Path | None:
    """Where ``briefs build`` keeps the validated briefs; None without a state folder (a
    plain ``mkdocs build``, which reads every brief and keeps none)."""
    return state_dir / BRIEF_CACHE_NAME if state_dir is not None else None


def kept_briefs(cache_file: Path | None, briefs_dir: Path, *, fresh: bool = False) -> KeptBriefs:
    """The briefs the last ``briefs build`` validated, for this build to reuse where their
    files' bytes are the same (generator/build/pipeline.py hashes each file again): none
    when there are none, when the build is ``fresh`` (``--full``), or when the file fails a
    check of generator/build/state.py (one line says so)."""
    if cache_file is None or fresh:
        return KeptBriefs()

    def parse(document: object, blob: memoryview) -> KeptBriefs:
        return brief_cache.from_parts(document, blob, briefs_dir)

    return state.load(cache_file, BRIEF_CACHE, parse) or KeptBriefs()


def keep_briefs(found: KeptBriefs, cache_file: Path | None, briefs_dir: Path) -> None:
    """Keep this build's validated briefs for the next one, signed, unless they are those
    it found kept; an interrupted write leaves the old file or none."""
    if cache_file is None:
        return
    parts = brief_cache.to_parts(found, briefs_dir)
    if parts is not None:
        with contextlib.suppress(OSError):  # only time is lost without it
            state.save(cache_file, BRIEF_CACHE, *parts)


def include_drafts(settings: Settings, *, serving: bool = False, requested: bool = False) -> bool:
    """Drafts are published by ``serve`` (authors preview them), when the run is asked for
    them (``--drafts``, generator/build/request.py), or when the site sets ``drafts: true``."""
    return serving or requested or settings.drafts


def include_scheduled(*, serving: bool = False) -> bool:
    """Briefs not yet live (generator/graph/schedule.py) are shown only by ``serve``, marked; no
    build publishes them early."""
    return serving


def annotating() -> bool:
    """Whether problems also become GitHub Actions annotations (inline on the pull request)."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


@dataclass(frozen=True)
class Verdict:
    """The problems of one run and what they mean for it."""

    problems: Sequence[Problem]
    strict: bool
    """Warnings count as errors (``--strict``, as in MkDocs)."""
    briefs_dir: Path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notices(self) -> list[Problem]:
        """Worth saying, never failing a run, strict or not (generator/errors.py)."""
        return [p for p in self.problems if p.severity == "notice"]

    @property
    def failed(self) -> bool:
        return bool(self.errors or (self.strict and self.warnings))

    def lines(self) -> list[str]:
        """Every problem as ``path:line:col: field: message``, in file order."""
        return [p.format() for p in sorted(self.problems, key=Problem.sort_key)]

    def error_page(self) -> str:
        """The page ``serve`` shows instead of the site while the run has failed: every
        problem, escaped (generator/build/error_page.py)."""
        ordered = sorted(self.problems, key=Problem.sort_key)
        return error_page(
            [(p.severity, p.format()) for p in ordered], self.summary(publishing=False)
        )

    def annotations(self) -> list[str]:
        """The GitHub Actions workflow commands for the problems, when running there."""
        return self.github_lines() if annotating() else []

    def github_lines(self) -> list[str]:
        """Every problem as a GitHub Actions workflow command (``::error file=,line=,col=::``),
        in file order; under ``strict``, warnings as errors, since they fail the run."""
        ordered = sorted(self.problems, key=Problem.sort_key)
        return [p.format_github(strict=self.strict) for p in ordered]

    def summary(self, *, publishing: bool) -> str:
        """The one closing line: ``2 errors in briefs/; nothing was published.``

        ``publishing``: the run would have published (build, generate); ``check`` publishes
        nothing and only counts.
        """
        counted = [plural(len(self.errors), "error")]
        if self.warnings:
            counted.append(plural(len(self.warnings), "warning"))
        if self.notices:
            counted.append(plural(len(self.notices), "notice"))
        text = " and ".join(counted)
        if self.strict and self.warnings:
            text += " (warnings count as errors in strict mode)"
        where = visible(display_path(self.briefs_dir)).rstrip("/") + "/"
        text = f"{text} in {where}"
        return f"{text}; nothing was published." if publishing and self.failed else text


def plural(number: int, noun: str) -> str:
    """``1 brief``, ``2 briefs``: a count with its noun."""
    return f"{number} {noun}{'s' if number != 1 else ''}"


def stylesheets_to_add(extra_css: Iterable[str]) -> list[str]:
    """The stylesheets the generated pages need that the site does not already load."""
    present = set(extra_css)
    return [sheet for sheet in (urls.STYLESHEET,) if sheet not in present]


MATERIAL_SEARCH = ("material/search", "search")
"""The names Material's search plugin is listed under in ``config.plugins``."""


def search_advice(settings: Settings, plugins: Iterable[str]) -> str | None:
    """What to say when the site's plugins and the ``search`` setting disagree, or None.

    ``pagefind`` with Material's search plugin listed (a site made before Pagefind was the
    default): the header shows Pagefind's search, and Material's index is built for nothing,
    so say which search the site uses and the two ways to settle it. ``material`` without
    Material's plugin: the site would have no search at all.
    """
    material = any(name in MATERIAL_SEARCH for name in plugins)
    if settings.search == "pagefind" and material:
        return (
            "briefs plugin: the site searches with Pagefind (the default 'search: pagefind'), "
            "so Material's 'search' plugin only builds an index nothing uses; remove "
            "'- search' from plugins, or set 'search: material' in the briefs plugin's "
            "options to keep Material's search"
        )
    if settings.search == "material" and not material:
        return (
            "briefs plugin: 'search: material' uses Material's search plugin, which is not "
            "in plugins: the site has no search; add '- search' to plugins, or set "
            "'search: pagefind'"
        )
    return None


def nav_to_set(generated: Generated, settings: Settings, current_nav: Any) -> list[Any] | None:
    """The nav the site gets: ours when it has none and ``nav: true``, else None (keep)."""
    if settings.nav and not current_nav:
        return default_nav(generated, settings)
    return None


# ---------------------------------------------------------------------------------------------
# How a build ends: what the plugin tells ``briefs build``, and the line the command prints.


def outcome(verdict: Verdict, generated: Generated | None = None) -> BuildOutcome:
    """The briefs' verdict for ``briefs build``, with what was generated (its summary line)."""
    return BuildOutcome(
        failed=verdict.failed,
        summary=verdict.summary(publishing=True),
        errors=len(verdict.errors),
        warnings=len(verdict.warnings),
        **(counts(generated) if generated is not None else {}),
    )


def counts(generated: Generated) -> dict[str, int]:
    """What a run generated, for the line a build ends with: briefs published and pages."""
    pages = sum(1 for path in generated.files if path.endswith(".md"))
    return {"briefs": len(generated.index.briefs), "pages": pages}


def build_summary(site_dir: str, engine: str, counted: Mapping[str, Any], seconds: float) -> str:
    """``built site/ with mkdocs: 22 briefs, 181 pages, 0 warnings, 3.1 s``."""
    parts = [
        plural(int(counted[key]), noun)
        for key, noun in (("briefs", "brief"), ("pages", "page"), ("warnings", "warning"))
        if key in counted
    ]
    return f"built {site_dir} with {engine}: {', '.join([*parts, f'{seconds:.1f} s'])}"
