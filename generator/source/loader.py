"""Stage 1: find brief files and read them into plain mappings that remember positions.

Parsing uses libyaml (``yaml.CSafeLoader``) to compose the node graph, then builds Python
values ourselves so that every value keeps the line and column it came from and so that
the YAML 1.2 core schema applies: only ``true``/``false`` are booleans (tickers ON, NO, Y
stay strings), there are no sexagesimal numbers and no implicit timestamps (dates are
strings until the model checks them). Hostile files are refused with a positioned
problem: size, nesting depth and alias expansion are bounded.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Position, Problem, excerpt

BRIEF_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_NODES = 20_000

KeyPath = tuple[str | int, ...]
_EMPTY = "file is empty; a brief needs at least title, date, category, key_points and summary"


@dataclass
class RawBrief:
    """A brief file as parsed: its mapping, and where each value and key sits in the file."""

    path: Path
    data: dict[str, Any]
    value_positions: dict[KeyPath, Position] = field(default_factory=dict)
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)

    def position_of(self, loc: KeyPath, *, key: bool = False) -> Position:
        """Where ``loc`` is in the file, or the closest enclosing value that has a position.

        ``loc`` may carry extra parts (pydantic adds type names to union errors); parts
        that are not in the document are skipped.
        """
        found: KeyPath = ()
        for part in loc:
            if (*found, part) in self.value_positions:
                found = (*found, part)
        table = self.key_positions if key and found in self.key_positions else self.value_positions
        return table.get(found, Position(1, 1))


class YamlInt(int):
    """An integer that remembers how it was written: ``0700`` is a Hong Kong ticker, not 700."""

    source: str

    def __new__(cls, value: int, source: str) -> YamlInt:
        number = super().__new__(cls, value)
        number.source = source
        return number


class _Yaml12Loader(yaml.CSafeLoader):
    """libyaml with the YAML 1.2 core schema's implicit types instead of YAML 1.1's."""


YAML_12_CORE = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
)
"""The YAML 1.2 core schema's implicit types: (tag, pattern, first characters). The loader
reads with them; ``briefs new`` and ``import`` quote what they would read as non-text."""

_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in YAML_12_CORE:
    _Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


class _Refused(Exception):
    """A file that is refused whole: we stop building values from it."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.position = _position(node.start_mark)


def _position(mark: yaml.Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


def discover(briefs_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every ``*.yaml``/``*.yml`` below ``briefs_dir``, sorted, skipping ``_*`` and ``.*``.

    Symbolic links, to files or folders, are followed only while they stay inside
    ``briefs_dir``; one that leads out is reported, not followed. Each real folder is read
    once, so a link back to a parent cannot loop.

    Only regular files are briefs. Anything else with a brief's name is a problem and is
    never opened: a named pipe or device (opening one can block forever), a link that loops
    or leads nowhere. A folder that cannot be read is a problem too: nothing is skipped
    silently.
    """
    problems: list[Problem] = []
    if not briefs_dir.is_dir():
        return [], [Problem(briefs_dir, "briefs folder not found; create it or set briefs_dir")]
    root = briefs_dir.resolve()
    seen = {root}
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        folder = Path(os.fsdecode(exc.filename)) if exc.filename else briefs_dir
        message = f"cannot read this folder ({exc.strerror}); the briefs in it were not checked"
        problems.append(Problem(folder, message))

    for dirpath, dirnames, filenames in os.walk(briefs_dir, onerror=unreadable, followlinks=True):
        kept = []
        for name in sorted(dirnames):
            folder = Path(dirpath, name)
            real = Path(os.path.realpath(folder))
            if name.startswith(("_", ".")) or real in seen:
                continue
            if (problem := undecodable_name(name, "folder")) is not None:
                problems.append(Problem(folder, problem + "; the briefs in it were not read"))
                continue
            if not real.is_relative_to(root):
                problems.append(Problem(folder, _LINK_OUTSIDE))
                continue
            seen.add(real)
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if name.startswith(("_", ".")) or not name.endswith(BRIEF_SUFFIXES):
                continue
            path = Path(dirpath, name)
            if (problem := undecodable_name(name, "file")) is not None:
                problems.append(Problem(path, problem, Position(1, 1)))
                continue
            if (problem := _not_a_brief_file(path, root)) is not None:
                problems.append(Problem(path, problem))
                continue
            found.append(path)
    return sorted(found), problems


_LINK_OUTSIDE = "symbolic link leads outside the briefs folder; not followed"


def undecodable_name(name: str, kind: str) -> str | None:
    """Why a file or folder name that is not valid UTF-8 cannot be read, or None.

    Python reads such a name with its bad bytes as lone surrogates (``caf\\udce9``): the
    name itself is fine for ``open``, but it becomes the brief's source path in edit links,
    JSON and pages, which must be UTF-8, so every output would fail far from the file.
    Refused here, where ``briefs check`` and every build meet it, with the byte shown."""
    try:
        os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start]
        return (
            f"the {kind} name is not valid UTF-8 (byte 0x{bad:02x}); rename the {kind} "
            "with UTF-8 characters"
        )
    return None


def _not_a_brief_file(path: Path, root: Path) -> str | None:
    """Why ``path`` (named like a brief) cannot be read as one, or None when it can."""
    try:
        mode = path.stat().st_mode  # follows links
    except OSError as exc:
        if path.is_symlink() and exc.errno == errno.ELOOP:
            return "symbolic link loop (following it leads back to a link); fix or remove it"
        if path.is_symlink() and exc.errno == errno.ENOENT:
            return f"symbolic link to {os.readlink(path)}, which does not exist; fix or remove it"
        return f"cannot read file: {exc.strerror or exc}"
    if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(root):
        return _LINK_OUTSIDE
    if not stat.S_ISREG(mode):
        return not_a_regular_file(mode)
    return None


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (``a named pipe``); None for a
    regular file. One table for every message that names one (here and generator/build/guard.py)."""
    return next((name for test, name in _FILE_KINDS if test(mode)), None)


def not_a_regular_file(mode: int) -> str:
    """The problem with a non-regular file named like a brief (it is never opened)."""
    kind = file_kind(mode) or "not a plain file"
    return (
        f"not a regular file ({kind}); only regular files are read as briefs, so it was not opened"
    )


def load_brief(path: Path) -> tuple[RawBrief | None, list[Problem]]:
    """Read one brief file. Returns the raw brief, or None with the problems that stopped it.

    The file is opened without blocking and read only if it is a regular file: what
    :func:`discover` checked may have been replaced since."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None, [Problem(path, not_a_regular_file(info.st_mode))]
            size = info.st_size
            if size > MAX_FILE_BYTES:
                message = f"file is {size:,} bytes; a brief may be at most {MAX_FILE_BYTES:,} bytes"
                return None, [Problem(path, message, Position(1, 1))]
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [Problem(path, f"cannot read file: {exc.strerror or exc}")]
    text, problem = _decode(path, data)
    if problem is not None:
        return None, [problem]
    return parse_brief_text(path, text)


def parse_brief_text(path: Path, text: str) -> tuple[RawBrief | None, list[Problem]]:
    """Parse the YAML text of one brief; the file name is only used in messages."""
    if not text.strip() or all(
        line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()
    ):
        return None, [Problem(path, _EMPTY, Position(1, 1))]
    loader = _Yaml12Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc)]
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, e.g. a control character
        before = text[: exc.position]
        position = Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        message = f"character U+{code:04X} is not allowed in YAML; remove it"
        return None, [Problem(path, message, position)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, f"not valid YAML: {exc}", Position(1, 1))]
    finally:
        loader.dispose()
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return None, [Problem(path, _EMPTY, Position(1, 1))]
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        message = (
            f"a brief is a mapping of fields (title: ..., date: ...), but this file holds {kind}"
        )
        return None, [Problem(path, message, _position(node.start_mark))]
    builder = _Builder(path)
    try:
        value = builder.build(node, (), 0)
    except _Refused as exc:
        return None, [Problem(path, str(exc), exc.position)]
    assert isinstance(value, dict)
    raw = RawBrief(path, value, builder.value_positions, builder.key_positions)
    return raw, builder.problems


def _decode(path: Path, data: bytes) -> tuple[str, Problem | None]:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with one; anything else is refused."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            data_body, chosen = data[len(bom) :], encoding
            break
    else:
        data_body, chosen = data, "utf-8"
        if data[:64].count(b"\x00") * 3 > len(data[:64]):  # every other byte: UTF-16
            message = "file looks like UTF-16 without a byte-order mark; save it as UTF-8"
            return "", Problem(path, message, Position(1, 1))
    try:
        return data_body.decode(chosen), None
    except UnicodeDecodeError as exc:
        before = data_body[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        bad = data_body[exc.start : exc.start + 1].hex()
        message = f"byte 0x{bad} is not valid {chosen.upper()}; save the file as UTF-8"
        return "", Problem(path, message, Position(line, col))


def _syntax_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or "not valid YAML"
    if "expected a single document" in (exc.context or ""):
        message = "a brief file holds one document; found a second one (remove the '---' line)"
    elif exc.context:
        message = f"{exc.context}, {message}"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message = "found a tab character; YAML indents with spaces, not tabs"
    elif mark is not None and (hint := _indentation_hint(text, mark.line, message)) is not None:
        where, words = hint
        return Problem(path, f"YAML syntax: {words} ({message})", where)
    elif "mapping values are not allowed" in message:
        message += " (a value that contains ': ' must be in quotes: title: \"Ford: the return\")"
    return Problem(path, f"YAML syntax: {message}", _position(mark))


_INDENTATION_SYMPTOMS = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
)


def _indentation_hint(text: str, line: int, message: str) -> tuple[Position, str] | None:
    """libyaml's words for a line indented wrong ("mapping values are not allowed", "did
    not find expected key") in ours: which line, and deeper or shallower than the key
    above it. None when the line's indentation is not what differs (``title: Ford: the
    return`` on one line is a quoting problem, not an indentation one)."""
    if not any(symptom in message for symptom in _INDENTATION_SYMPTOMS):
        return None
    lines = text.splitlines()
    if line >= len(lines) or not lines[line].strip():
        return None
    above = next(
        (n for n in range(line - 1, -1, -1) if lines[n].strip() and not _comment(lines[n])),
        None,
    )
    if above is None:
        return None
    indent, above_indent = _indent(lines[line]), _indent(lines[above])
    if lines[above].lstrip().startswith("- "):  # a list item: its key starts after the dash
        above_indent += len(lines[above].lstrip()) - len(lines[above].lstrip()[1:].lstrip())
    if indent == above_indent:
        return None
    opens_block = re.search(r":\s*([|>][-+0-9]*)?\s*(#.*)?$", lines[above]) is not None
    if indent > above_indent and opens_block:  # `risks:` then its items: deeper is right
        return None
    if indent > above_indent and "mapping values" not in message and "'-'" not in message:
        return None
    depth = "deeper" if indent > above_indent else "shallower"
    words = (
        f"check the indentation of line {line + 1}: it is {depth} than the key above "
        f"(line {above + 1})"
    )
    return Position(line + 1, indent + 1), words


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.splitlines()
    return lines[line][col] if line < len(lines) and col < len(lines[line]) else ""


class _Builder:
    """Turns a composed node graph into Python values, recording positions and problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.nodes = 0
        self.problems: list[Problem] = []
        self.value_positions: dict[KeyPath, Position] = {}
        self.key_positions: dict[KeyPath, Position] = {}

    def build(self, node: yaml.Node, loc: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(
                f"file expands to more than {MAX_NODES:,} values (anchors and aliases?); refused",
                node,
            )
        if depth > MAX_DEPTH:
            raise _Refused(f"nesting is deeper than {MAX_DEPTH} levels; refused", node)
        self.value_positions[loc] = _position(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        mapping: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key_pos = _position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem("a field name must be plain text, not a list or mapping", key_pos)
                continue
            key = self._refuse_characters(str(key_node.value), key_node, (*loc, key_node.value))
            field_name = _dotted((*loc, key))
            if key in first_seen:
                first = first_seen[key]
                self._problem(
                    f"duplicate field; already set on line {first.line} (remove one)",
                    key_pos,
                    field_name,
                )
                continue
            first_seen[key] = key_pos
            self.key_positions[(*loc, key)] = key_pos
            mapping[key] = self.build(value_node, (*loc, key), depth + 1)
        return mapping

    def _scalar(self, node: yaml.ScalarNode, loc: KeyPath) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._problem(
                f"unsupported YAML tag {excerpt(tag)}; write the value without a tag",
                _position(node.start_mark),
                _dotted(loc),
            )
            return node.value
        value: str = self._refuse_characters(node.value, node, loc)
        if tag == _STR:
            # YAML has already joined the lines of a folded (>) or plain value, and keeps a
            # blank line as one newline: that newline is the author's paragraph break. In a
            # literal (|) block, lines stay as typed and a blank line is the break.
            return value if node.style == "|" else value.replace("\n", "\n\n")
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return value.lower() == "true"
        if tag.endswith(":int"):
            try:
                number = int(value, 0) if value[:2] in ("0o", "0x") else int(value)
            except ValueError:
                return value
            return YamlInt(number, value)
        try:
            return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        except ValueError:
            return value

    def _refuse_characters(self, value: str, node: yaml.Node, loc: KeyPath) -> str:
        """Report every character no text may hold, and return the value without them.

        libyaml refuses such characters typed into the file, but YAML escapes (``"\\x85"``,
        ``"\\uFFFE"``, ``"\\ud800"``) still produce them. They are refused, not removed, so
        an author never loses text silently; the value returned (only ever seen by later
        checks of a run that fails) is without them.
        """
        if value.isascii() and not _ASCII_CONTROLS.search(value):
            return value  # most text: the full class below is slow to test character by character
        bad = sorted({char for char in _FORBIDDEN.findall(value)})
        for char in bad:
            self._problem(
                f"character U+{ord(char):04X} ({_character_kind(char)}) is not allowed; remove it",
                _position(node.start_mark),
                _dotted(loc),
            )
        return _FORBIDDEN.sub("", value) if bad else value

    def _problem(self, message: str, position: Position, field_name: str | None = None) -> None:
        self.problems.append(Problem(self.path, message, position, field_name))


_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17))
    + "]"
)
"""Characters no text may hold: C0 and C1 controls but tab and newline, lone surrogates,
Unicode non-characters, and the bidirectional embeddings, overrides and isolates (U+202A-202E,
U+2066-2069), which make text display in another order than it reads ("Trojan Source"). The
marks U+200E and U+200F, which right-to-left text needs, stay allowed."""


_ASCII_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
"""The characters of :data:`_FORBIDDEN` that ASCII text can hold."""


def _character_kind(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate, not a character"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "a bidirectional control, which makes text display in another order"
    return "a Unicode non-character"


def _dotted(loc: KeyPath) -> str:
    """``("risks", 0, "sectors")`` -> ``risks[0].sectors``: how field paths appear in messages."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


dotted_field = _dotted
