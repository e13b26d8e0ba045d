"""The page a preview shows while the briefs have problems.

Without it, ``mkdocs serve`` keeps the browser waiting: a plugin error in a rebuild leaves
MkDocs' live-reload server holding every request until a build succeeds, and an error in
the first build ends the server. While serving, the plugin instead builds a site whose
pages are this one page: every problem as ``path:line:col: field: message``. The page asks
the server's live-reload endpoint for the next build and reloads when it is done, so saving
a fix brings the site back.

Problem text is input (file names, values quoted in messages): it is HTML-escaped here, and
the page has no other dynamic content.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

_RELOAD_SCRIPT = """\
(function () {
  // MkDocs' live-reload endpoint answers with the number of the latest finished build,
  // at once for 0, else as soon as a newer one than asked for is done.
  var seen = 0;
  function poll() {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      var build = parseFloat(this.responseText);
      if (this.status !== 200 || !(build > 0)) { setTimeout(poll, 1000); return; }
      if (seen && build > seen) { location.reload(); return; }
      seen = seen || build;
      setTimeout(poll, 0);
    };
    req.open("GET", "/livereload/" + seen + "/0");
    req.send();
  }
  poll();
})();
"""

_STYLE = """\
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5rem; color: #b00020; }
ol { padding-left: 1.5rem; }
li { font-family: ui-monospace, monospace; font-size: 0.9rem; margin: 0.4rem 0;
     white-space: pre-wrap; overflow-wrap: anywhere; }
li.warning { color: #7a4d00; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e6e6; background: #1b1b1f; } h1 { color: #ff6b81; }
  li.warning { color: #f0c060; }
}
"""

TITLE = "The briefs have problems"


_CLASSES = {"warning": "warning", "notice": "notice"}
"""The class of each problem's line by its severity; anything else shows as an error."""


def error_page(lines: Sequence[tuple[str, str]], summary: str) -> str:
    """A complete HTML page listing ``lines`` (``(severity, "path:line:col: ...")``, in
    file order) under a heading, with ``summary`` (``2 errors in briefs/``) below it."""
    items = "\n".join(
        f'<li class="{_CLASSES.get(severity, "error")}">{html.escape(line)}</li>'
        for severity, line in lines
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>
{_STYLE}</style>
</head>
<body>
<main>
<h1>{TITLE}</h1>
<p id="nb-summary">{html.escape(summary)}. Nothing is published while they last; this page
reloads when you save a fix.</p>
<ol id="nb-problems">
{items}
</ol>
</main>
<script>
{_RELOAD_SCRIPT}</script>
</body>
</html>
"""
