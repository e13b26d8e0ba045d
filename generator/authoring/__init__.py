"""Authoring: the tools authors use to write briefs, above the build.

Takes an author's words: a title and options (``briefs new``: archetype, a draft that passes
``briefs check`` as written) or pages copied as plain text (``briefs import``: importer, every
sentence kept in its section, quotations found by quotes); gives YAML brief files, never
over an existing file, written so the loader reads every text back as text (yaml_out). Also the
JSON Schemas editors complete briefs against, generated from the source stage's model
(``briefs schema``: schema).
"""
