"""Stage 5, the site on disk and the engines. Takes outputs, gives a site.

The pipeline in one call (pipeline), what a run holds back and reports (policy), writing
(write, guard), search bundles (search_index); the build boundary (request: what
``briefs build`` asks of the engine, what comes back), the engines and one build run
(engines), the site folder swapped in whole (site_folder), Zensical's staged tree
(zensical); the MkDocs plugin (plugin: events only), with the reuse of the previous build's
outputs (incremental, reuse) and a preview's memory between rebuilds (preview)."""
