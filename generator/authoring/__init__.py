"""Tools authors use to write briefs: ``briefs new`` (archetype), ``briefs import``
(importer) and the JSON Schemas editors complete against (schema)."""
