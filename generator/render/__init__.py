"""Stage 4, model + graph + theme -> Markdown pages, pure: no file is read or written
here. Takes the index and the theme, gives outputs (path -> text).

- :mod:`.pages`: the page set (which pages exist, their templates and contexts);
- :mod:`.site`: the render loop over it, template problems, reuse through :mod:`.memo`;
- :mod:`.filters`: what templates can call, and the Jinja environment;
- :mod:`.outputs`: the kinds of output and their escaping (front matter, JSON);
- :mod:`.theme` (templates and assets read once), :mod:`.charts` (the risk chart's SVG).
"""
