"""Quotations whose speaker is clear, found in an imported brief's paragraphs.

``"...," Representative John Moolenaar wrote`` gives a quote by John Moolenaar, in the role
of Representative; ``he said`` is no clear speaker. The quote also stays in its paragraph,
so no word of the original is lost.

Linear in the text, whatever it holds: a paragraph's whitespace is made single spaces first,
so the patterns never choose between ways of matching a run of spaces; names are words
matched possessively (``*+``), and a speaker is looked for only between a quotation and the
quote marks either side of it, never in the whole text before it (``benchmarks/
adversarial.py`` times both patterns on 100 KB of text made to defeat them).
"""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TITLES = _word_set(
    "representative rep. senator sen. governor gov. president vice chairman chairwoman "
    "chair ceo cfo coo chief executive officer minister secretary spokesperson spokesman "
    "spokeswoman analyst director commissioner mayor judge dr. mr. ms. mrs. economist founder"
)
"""Words of a speaker's title: ``Representative John Moolenaar`` is John Moolenaar, in the
role of Representative."""
_NOT_SPEAKERS = _word_set("he she they it we i the this that a an its their")
_VERBS = r"(?:said|says|wrote|writes|told|added|stated|noted|explained|argued|warned)"
_TITLE_WORD = "|".join(re.escape(word) for word in sorted(_TITLES))
_NAME_CHARS = r"\w.'\u2019-"
_NAME = (
    rf"(?:(?:[A-Z][{_NAME_CHARS}]*+|{_TITLE_WORD}) ){{0,6}}"
    r"[A-Z][\w'\u2019-]*+"
)
"""Up to six capitalised words or title words, then a capitalised word: a name, one space
between words (the text is normalised first)."""
SPEAKER_AFTER = re.compile(rf" ?,? ?(?P<who>{_NAME}) {_VERBS}\b")
"""Right after a closing quote mark: ``," Ford said``. Used with ``match``, at one place."""
SPEAKER_BEFORE = re.compile(rf"(?<![{_NAME_CHARS}])(?P<who>{_NAME}) {_VERBS}(?: \w++)? ?[,:] ?$")
"""Right before an opening quote mark: ``Jim Farley said: "``. A name starts a word (the
look-behind), so a long word is not tried again from each of its letters."""
QUOTE_MARK = re.compile('["\u201c\u201d]')
MIN_QUOTE = 20
"""Shorter quoted text is a phrase ("completely false"), not a quotation."""


def quotes_in(paragraphs: list[str]) -> list[dict[str, str]]:
    """Every quotation with a clear speaker: a name (or a title and a name) right before or
    after the quote with a verb of saying. ``he said`` is not clear. Quote marks are paired
    in order, so the text between two quotations is never taken for one."""
    found: list[dict[str, str]] = []
    seen: set[tuple[tuple[str, str], ...]] = set()
    for paragraph in paragraphs:
        paragraph = " ".join(paragraph.split())
        marks = [m.start() for m in QUOTE_MARK.finditer(paragraph)]
        for pair in range(len(marks) // 2):
            opening, closing = marks[2 * pair], marks[2 * pair + 1]
            text = paragraph[opening + 1 : closing]
            if len(text) < MIN_QUOTE:
                continue
            # The speaker never reaches past the quote marks either side of this quote.
            after_end = marks[2 * pair + 2] if 2 * pair + 2 < len(marks) else len(paragraph)
            before_start = marks[2 * pair - 1] + 1 if pair else 0
            speaker = SPEAKER_AFTER.match(paragraph, closing + 1, after_end) or (
                SPEAKER_BEFORE.search(paragraph, before_start, opening)
            )
            quote = _quote(text, speaker["who"]) if speaker else None
            key = tuple(sorted(quote.items())) if quote is not None else None
            if quote is not None and key is not None and key not in seen:
                seen.add(key)
                found.append(quote)
    return found


def _quote(text: str, who: str) -> dict[str, str] | None:
    words = who.split()
    if not words or words[0].lower() in _NOT_SPEAKERS:
        return None
    last_title = max((i for i, w in enumerate(words) if w.lower() in _TITLES), default=-1)
    role, name = words[: last_title + 1], words[last_title + 1 :]
    if not name:
        return None
    text = text.strip().rstrip(",").strip()
    if text[-1:] not in ".!?":
        text += "."
    quote = {"text": text, "by": " ".join(name)}
    if role:
        quote["role"] = " ".join(role)
    return quote
