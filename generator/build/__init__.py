"""Stage 5, the site on disk and the engines: the pipeline in one call, what a run
holds back and reports (policy), writing (write, guard), kept state (incremental), search
bundles, the engines and the MkDocs plugin. Takes outputs, gives a site."""
