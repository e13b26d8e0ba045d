"""Render, after graph: model + graph + theme -> Markdown pages, computed. Takes the index,
the settings, the theme (its templates and assets, read once per run by theme: the only
input read here) and the page memo; gives outputs (path -> text or bytes, each of its kind).
Nothing is written here: build decides where outputs go.

- :mod:`.pages`: the page set (which pages exist, their templates and contexts);
- :mod:`.site`: the render loop over it, template problems, reuse through :mod:`.memo`;
- :mod:`.filters`: what templates can call, and the Jinja environment;
- :mod:`.outputs`: the kinds of output and their escaping (front matter, JSON);
- :mod:`.theme` (templates and assets read once), :mod:`.charts` (the risk chart's SVG).
"""
