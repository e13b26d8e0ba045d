"""Stage 1-2, what authors wrote: brief files found and read with positions (loader),
the typed model (model), registries, slugs and the text rules (markup). Takes files, gives
:class:`~generator.source.model.Brief` objects and problems. Imports no later stage."""
