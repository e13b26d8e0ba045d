"""newsbriefs: structured market-news briefs in YAML, published as a cross-linked site.

The pipeline, one module per stage: ``loader`` (YAML with positions) -> ``model`` (typed,
validated briefs) -> ``index`` (the cross-link graph) -> ``render`` (Jinja2 templates to
Markdown) -> ``write`` (the Markdown tree on disk) or ``plugin`` (pages inside MkDocs).
``urls`` knows where every page lives; ``taxonomies`` declares each way of grouping briefs
once; ``slugs`` is the one slug rule; ``markup`` keeps brief text inert.
"""

__version__ = "0.1.0"
