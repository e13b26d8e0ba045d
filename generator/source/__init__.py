"""Source, where the pipeline starts: what authors wrote, read and checked, file by file.

Takes the brief files under the briefs folder and the registries in ``briefs/_data/``; gives
:class:`~generator.source.model.Brief` objects, the site's
:class:`~generator.source.registry.Registry`, and every problem positioned
``path:line:col``. Files are found and parsed with positions, hostile ones refused (loader);
briefs are typed and validated, slugs checked unique and ``related`` slugs checked to exist
(model); registries are read the same way (registry). Shared rules live here too, since
every later stage needs them: the one slug rule (slugs) and brief text made inert Markdown
(markup).

Imports only errors and suggest: never a later stage, nor the settings (callers hand it
paths and values).
"""
