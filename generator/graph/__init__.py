"""Stage 3, what the briefs say together: taxonomies and terms, the site index,
related briefs, first mentions, embargo (schedule), sanity warnings, risks, and the address
of every page (urls). Takes briefs, gives a :class:`~generator.graph.index.SiteIndex`."""
