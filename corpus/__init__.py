"""What tests/ and benchmarks/ both feed newsbriefs or read its output with; neither imports
the other, both import this.

- :mod:`corpus.synthetic`: synthetic briefs and sites, the same files for the same seed
  (``python corpus/synthetic.py DIR --count N`` writes one to look at);
- :mod:`corpus.slug_typos`: typos of those briefs' slugs, for the did-you-mean check;
- :mod:`corpus.markdown_union`: every Markdown extension a site may enable, to render brief
  text as any engine would;
- :mod:`corpus.hostile_imports`: plain-text briefs made to defeat ``briefs import``'s
  patterns, at any size, and what a correct import of each gives.

Only hostile_imports imports newsbriefs (``generator``), to say what an import must give.
"""
