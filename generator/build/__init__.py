"""Build, the last stage: the pipeline in one call, and the site it makes.

Takes the settings (mkdocs.yml) and a build request (what to build, as of when, how
strictly); gives the generated files (path -> content) and, from an engine, a site folder.

- The run: the pipeline from files to outputs (pipeline), what it checks across outputs
  before anything is built (links: relative links in brief text; site_docs: generated
  pages never displace the site's own), and what every adapter decides alike (policy:
  drafts, scheduled briefs, strictness, the closing line; nav: the default navigation).
- Where it goes: the MkDocs plugin adds the pages in memory (plugin: events only); the
  Markdown tree on disk (write), into folders checked first (guard); Zensical's staged tree
  and config (zensical); the search index written by Pagefind (search_index).
- One ``briefs build`` run: the request handed to the engine and the outcome handed back
  (request), the engines and the run (engines), the site folder built aside and swapped in
  whole, under a lock (site_folder).
- Reuse: the manifest and fingerprint of the last build (incremental), its outputs reused
  event by event in a dirty build (reuse), every kept file read and written through one
  checker that trusts none of them (state).
- Previews: what a preview keeps between rebuilds (preview), the page it shows while the
  briefs have problems (error_page), its server kept from redirecting off its origin
  (serve_guard).

The only stage that writes files or runs processes: render and publish compute, build
decides where their outputs go.
"""
