"""newsbriefs: structured market-news briefs in YAML, published as a cross-linked site.

One folder per stage of the pipeline, in the order the data flows (README.md,
"Architecture"):

- ``source``: brief and registry files -> typed briefs and registries, or problems
  positioned ``path:line:col``;
- ``graph``: the briefs one run publishes -> the site index (the terms of every taxonomy,
  related briefs, stories, first mentions, where every page lives);
- ``render``: the index and the theme -> Markdown pages and assets, computed, never written;
- ``publish``: the index and the pages -> what machines read (feeds, head data, the news
  sitemap, the JSON API, redirects, search records), computed too;
- ``build``: the pipeline in one call, and the site it makes: pages added inside MkDocs by
  the plugin or written to disk, built by an engine aside and swapped in whole.

``authoring`` (``briefs new``, ``import``, ``schema``) and ``cli`` (the ``briefs`` command) sit on
top. ``errors`` (problems, and how they print), ``suggest`` (did-you-mean) and ``settings``
(the site's options) are shared. A module imports only from its own folder and the ones
below it in that order: the import-linter contracts in pyproject.toml hold it.
"""

__version__ = "0.1.0"
