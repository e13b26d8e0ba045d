"""YAML that the brief loader reads back as it was written: every text stays text.

PyYAML writes YAML 1.1, and quotes a text only when a YAML 1.1 reader would take it for
something else (``yes``, ``1.5``). The loader reads YAML 1.2's core schema
(generator/source/loader.py), where ``1E10``, ``1e3`` and ``0o17`` are numbers too, so a
title like ``1E10`` written plain came back as a number and the brief was refused.
:class:`TextDumper` asks both schemas: a text either would read as anything but text is
quoted. ``briefs new`` (the archetype's values) and ``briefs import`` write through it.
"""

from __future__ import annotations

import re

import yaml

from generator.source.loader import YAML_12_CORE


class TextDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text that a YAML 1.1 or a YAML 1.2 reader would
    take for a number, a boolean or null."""


for _tag, _pattern, _first in YAML_12_CORE:
    TextDumper.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )
