"""What a preview keeps between its rebuilds, in one object its server owns.

``mkdocs serve`` (and ``briefs serve``, which runs it) rebuilds the site in the same process
on every save. MkDocs loads the config again for each rebuild but keeps one object of a
plugin that has an ``on_startup`` event for the whole session (MkDocs 1.4+, ProperDocs
alike), so the ``briefs`` plugin makes a :class:`PreviewState` in ``on_startup`` and hands
its parts to the pipeline, the page memo and the output reuse on every rebuild. A build
(``mkdocs build``, ``briefs build``) has none: it runs once, and what it keeps for the next
build is on disk (generator/build/request.py says where).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.build.incremental import Manifest
from generator.build.pipeline import BriefReads, Carried
from generator.render.memo import PageMemo


@dataclass
class ServedSite:
    """The outputs of the last rebuild in the server's site folder."""

    manifest: Manifest
    site_dir: Path
    reusable: bool = True
    """False once the error page replaced every page: the outputs are known, not reusable."""


@dataclass
class PreviewState:
    """One preview session's memory: read briefs, rendered pages, the site it served."""

    reads: BriefReads = field(default_factory=dict)
    """Briefs read, by their file's bytes: a save reads only the file that changed."""
    carried: Carried = field(default_factory=Carried)
    """The registries and theme of the last rebuild, reused while their files are the same."""
    memo: PageMemo = field(default_factory=PageMemo)
    """Pages rendered: a save renders only those whose inputs changed."""
    served: ServedSite | None = None
    """What the last rebuild wrote, for a dirty rebuild to reuse (generator/build/reuse.py)."""
