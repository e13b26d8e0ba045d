"""Graph, after source: what the briefs say together, computed once per run.

Takes the valid briefs and the registry, and the run's instant; gives a
:class:`~generator.graph.index.SiteIndex`: the terms of every taxonomy (declared once, in
taxonomies) and their briefs, related briefs, story threads, previous and next, the risk
overview (risks), first mentions (mentions) and the address of every page (urls), with the
problems only the whole set shows (term_checks: too many terms, one folder twice,
look-alike names; sanity: likely mistakes). Which briefs a run holds back, drafts and
briefs not yet live, is decided here once (schedule), and what published text says of them
is taken out before indexing (withheld), so no later stage ever sees them.

Imports source, errors and suggest only: nothing here knows how a page is rendered or
where anything is written.
"""
