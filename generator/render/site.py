"""Stage 4: model + index + theme -> outputs. The render loop: every page of the page set
(generator/render/pages.py) through its template (helpers: generator/render/filters.py), each
output of its kind (generator/render/outputs.py). Pure: no file is read or written here (the
pipeline reads the theme, generator/render/theme.py; the adapters write).

Layout lives in Jinja2 templates; a site overrides any of them by putting a file of the same
name in its ``templates_dir``. Every broken template is reported in one run, with its
``path:line``.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError

from generator.errors import Position, Problem
from generator.graph.index import SiteIndex
from generator.graph.mentions import MentionIndex
from generator.render.digest_email import EMAIL_TEMPLATE, email_outputs
from generator.render.filters import Style, make_environment
from generator.render.memo import Lookup, PageInputs, PageMemo, recording, same_lookups, site_key
from generator.render.outputs import Output, kind_of
from generator.render.pages import PageSpec, page_specs
from generator.render.theme import Theme
from generator.settings import Settings


def render_page(spec: PageSpec, settings: Settings, theme: Theme, **extra: Any) -> str:
    """One page's Markdown; ``extra`` replaces entries of its context."""
    env = make_environment(theme, kind_of(spec.template), Style.of(settings))
    template = env.get_template(spec.template)
    # First mentions are linked once per page: each render starts a fresh finder.
    mentions = spec.context.get("mentions")
    first = mentions.finder() if isinstance(mentions, MentionIndex) else None
    # A plain string: the environment marks what it joins as Markdown (filters.py), and the
    # memo keeps pages as plain strings.
    return str(
        template.render(
            spec.context, page_path=spec.path, settings=settings, first_mentions=first, **extra
        )
    )


def render_site(
    index: SiteIndex, settings: Settings, theme: Theme, memo: PageMemo | None = None
) -> tuple[list[Output], list[Problem]]:
    """All generated files, and a problem for each broken template.

    Every template is compiled first, so each syntax error is reported in the same run; a
    template that fails while rendering is reported once (its first failure) and its other
    pages are skipped, so other templates' errors still show.

    With a ``memo`` (the pages of the previous run), a page whose inputs are unchanged is
    taken from it instead of rendered (generator/render/memo.py); the memo then holds this run's
    pages.
    """
    problems = [
        problem
        for name in sorted(theme.templates)
        if (problem := _compile_problem(theme, name)) is not None
    ]
    broken = {problem.path for problem in problems}
    failed: set[str] = set()
    outputs: list[Output] = []
    reuse = _Reuse(index, settings, theme, memo)
    for spec in page_specs(index, settings):
        source = theme.templates.get(spec.template)
        if source is None:
            problems.append(Problem(Path(spec.template), "template not found"))
            continue
        if source.path in broken or spec.template in failed:
            continue
        try:
            content = reuse.page(spec)
        except Exception as exc:  # any error in a site's template is its author's to fix
            failed.add(spec.template)
            problems.append(_template_problem(exc, source.path))
            continue
        outputs.append(Output(spec.path, kind_of(spec.template), content))
    reuse.finish(complete=not problems)
    outputs += [Output(path, "asset", data) for path, data in sorted(theme.assets.items())]
    if settings.digest.enabled and not problems and EMAIL_TEMPLATE in theme.templates:
        try:
            outputs += email_outputs(index, settings, theme)
        except Exception as exc:  # a site's own e-mail template: its author's to fix
            problems.append(_template_problem(exc, theme.templates[EMAIL_TEMPLATE].path))
    return outputs, problems


class _Reuse:
    """Pages taken from the previous run's memo when their inputs are unchanged, and this
    run's pages noted for the next (generator/render/memo.py)."""

    def __init__(
        self, index: SiteIndex, settings: Settings, theme: Theme, memo: PageMemo | None
    ) -> None:
        self.index, self.settings, self.theme, self.memo = index, settings, theme, memo
        key = site_key(index, settings, theme, MentionIndex.of(index)) if memo else ""
        self.enabled = bool(key)
        self.old = memo.pages if memo is not None and memo.site_key == key else {}
        self.key = key
        self.new: dict[str, tuple[str, tuple[Lookup, ...], str]] = {}
        self.inputs = PageInputs(index)
        self.reused = 0

    def page(self, spec: PageSpec) -> str:
        if not self.enabled:
            return render_page(spec, self.settings, self.theme)
        digest = self.inputs.digest(spec.template, spec.context)
        if digest is None:
            return render_page(spec, self.settings, self.theme)
        lookup = self.index.term_named
        old = self.old.get(spec.path)
        if old is not None and old[0] == digest and same_lookups(lookup, old[1]):
            self.new[spec.path] = old
            self.reused += 1
            return old[2]
        looked: list[Lookup] = []
        content = render_page(spec, self.settings, self.theme, term_named=recording(lookup, looked))
        self.new[spec.path] = (digest, tuple(looked), content)
        return content

    def finish(self, *, complete: bool) -> None:
        """Hand this run's pages to the memo; a run with template problems keeps none (its
        pages are not all there)."""
        if self.memo is None:
            return
        self.memo.site_key = self.key if complete else ""
        self.memo.pages = self.new if complete else {}
        self.memo.reused = self.reused


def _compile_problem(theme: Theme, name: str) -> Problem | None:
    try:
        make_environment(theme, kind_of(name)).get_template(name)
    except TemplateSyntaxError as exc:
        return _template_problem(exc, theme.templates[name].path)
    except TemplateNotFound as exc:  # an {% include %} or {% extends %} of a missing name
        return Problem(theme.templates[name].path, f"template error: {exc.message} not found")
    return None


def _template_problem(exc: Exception, default: Path) -> Problem:
    """Where in which template the error is: Jinja puts template lines in the traceback."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:
        for frame, frame_line in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename.endswith(".j2"):
                filename, line = frame.f_code.co_filename, frame_line
    where = Path(filename) if filename else default
    position = Position(line, 1) if line else None
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return Problem(where, f"template error: {message}", position)
