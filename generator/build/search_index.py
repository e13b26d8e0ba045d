"""One Pagefind bundle, written from search records: the process that indexes a segment.

Pagefind (the ``pagefind[bin]`` package ships its binary) splits an index into small
chunks, so a reader's browser fetches only what a query needs, where Material's search
index is one file of tens of megabytes fetched whole (benchmarks/README.md, *Search*). The
records come from the model (generator/publish/search.py); a site's own Markdown pages are
added from the HTML the engine made of them. The site's index is several such bundles, one
per period of briefs, kept between builds and merged in the browser
(generator/build/search_segments.py).

Pagefind's binary runs as a service (``pagefind --service``: base64 JSON messages, each
ended by a comma), the protocol its official Python and Node packages speak. Its Python
package is not used to send the records: it reads one reply per 0.1 s (Pagefind issue
#976), 500 s for 5,000 briefs. :class:`SearchIndexer` sends every record at once from a
thread and reads the replies as they come.
"""

from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from generator.publish.search import SearchRecord

BUNDLE_DIR = "pagefind"
"""The search's folder in the built site: ``site/pagefind/`` (the UI loads it from there)."""


class SearchIndexError(Exception):
    """The search index could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class HtmlPage:
    """A page of the site's own (``docs/about.md``), as the engine rendered its content."""

    url: str
    """Site-relative, from the root, like :attr:`SearchRecord.url`."""
    title: str
    html: str


def executable() -> Path:
    """Pagefind's binary, as its package finds it (``pagefind_bin``, then the PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    if found is None:
        raise SearchIndexError(
            "search: Pagefind is not installed (pip install 'pagefind[bin]'), or has no "
            "binary for this platform; set 'search: material' in the briefs plugin's "
            "options to use Material's search instead"
        )
    return found


class SearchIndexer:
    """One Pagefind service process building one index. Records are sent from a thread,
    replies read by another: neither the caller nor the pipes wait for each other."""

    def __init__(self, language: str) -> None:
        self.language = _language(language)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        binary = executable()
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,
            )
        except OSError as exc:
            self._log.close()
            raise SearchIndexError(f"search: cannot run Pagefind ({binary}): {exc}") from None
        self._lock = threading.Condition()
        self._stdin_lock = threading.Lock()
        self._replies: dict[int, dict[str, Any]] = {}
        self._errors: list[str] = []
        self._sent = 0
        self._count = 0
        self._closed = False
        self._output_closed = False
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        self._senders: list[threading.Thread] = []
        self._answered = 0
        reply = self._wait(self._send({"type": "NewIndex", "config": None}))
        self._index_id = int(reply["index_id"])

    @classmethod
    def start(cls, language: str) -> Self:
        """A running service with an empty index."""
        return cls(language)

    def add(self, made: Iterable[SearchRecord]) -> None:
        """Send the records from a thread; returns at once."""
        payloads = [
            {
                "type": "AddRecord",
                "index_id": self._index_id,
                "url": record.url,
                "content": record.content,
                "language": self.language,
                "meta": record.meta,
                "filters": record.filters or None,
                "sort": record.sort or None,
            }
            for record in made
        ]
        self._count += len(payloads)
        self._send_later(payloads)

    def add_pages(self, pages: Iterable[HtmlPage]) -> None:
        """Send the site's own pages, as HTML documents Pagefind reads the text of."""
        payloads = [
            {
                "type": "AddFile",
                "index_id": self._index_id,
                "url": page.url,
                "file_path": None,
                "file_contents": _document(page, self.language),
            }
            for page in pages
        ]
        self._count += len(payloads)
        self._send_later(payloads)

    def files(self) -> dict[str, bytes]:
        """Every file of the bundle, by its path in the bundle's folder, as Pagefind hands
        them over in its reply (``GetFiles``), once every record sent is indexed: nothing
        goes through the disk, so nothing is read back before Pagefind finished writing it.
        Raises :class:`SearchIndexError` when Pagefind refused anything or stopped."""
        for sender in self._senders:
            sender.join()
        with self._lock:  # Pagefind hands over what it has: wait for every record's reply
            while self._answered < self._count and not (self._output_closed or self._closed):
                self._lock.wait(timeout=1)
        reply = self._wait(self._send({"type": "GetFiles", "index_id": self._index_id}))
        if self._errors:
            shown = "; ".join(self._errors[:3])
            raise SearchIndexError(f"search: Pagefind refused the index: {shown}")
        try:
            return {
                str(file["path"]).lstrip("/"): base64.b64decode(file["content"], validate=True)
                for file in reply["files"]
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise SearchIndexError(
                f"search: Pagefind's files were not as expected: {exc}"
            ) from None

    def close(self) -> None:
        """Stop the service (what :meth:`files` handed over is all it keeps)."""
        if self._closed:
            return
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._process.terminate()
        for thread in self._senders:
            thread.join()
        try:
            assert self._process.stdin is not None
            with self._stdin_lock:
                self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=5)
        self._log.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- The protocol -------------------------------------------------------------------

    def _send(self, payload: dict[str, Any]) -> int:
        with self._lock:
            self._sent += 1
            message_id = self._sent
        self._write([_encode(message_id, payload)])
        return message_id

    def _send_later(self, payloads: list[dict[str, Any]]) -> None:
        with self._lock:
            first = self._sent + 1
            self._sent += len(payloads)
        messages = [_encode(first + n, payload) for n, payload in enumerate(payloads)]
        sender = threading.Thread(
            target=self._write, args=(messages,), name="pagefind-records", daemon=True
        )
        self._senders.append(sender)
        sender.start()

    def _write(self, messages: list[bytes]) -> None:
        stream = self._process.stdin
        assert stream is not None
        try:
            with self._stdin_lock:  # one message after another, never interleaved
                stream.write(b"".join(messages))
                stream.flush()
        # The service died (_wait says so, with its log), or close() closed the pipe.
        except (OSError, ValueError):
            with self._lock:
                self._lock.notify_all()

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        pending = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            *complete, pending = (pending + chunk).split(b",")
            with self._lock:
                for message in complete:
                    reply = json.loads(base64.b64decode(message))
                    payload = reply.get("payload") or {}
                    if payload.get("type") == "Error":
                        self._errors.append(str(payload.get("message")))
                    if payload.get("type") in ("IndexedFile", "Error"):
                        self._answered += 1
                    message_id = reply.get("message_id")
                    if message_id is not None and payload.get("type") != "IndexedFile":
                        self._replies[int(message_id)] = payload
                self._lock.notify_all()
        with self._lock:
            self._output_closed = True
            self._lock.notify_all()

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._lock:
            while message_id not in self._replies:
                if self._output_closed or self._process.poll() is not None:
                    self._log.seek(0)
                    said = self._log.read().decode("utf-8", "replace").strip()
                    raise SearchIndexError(
                        f"search: Pagefind stopped before writing the index: {said or 'no message'}"
                    )
                self._lock.wait(timeout=1)
            reply = self._replies.pop(message_id)
        if reply.get("type") == "Error":
            raise SearchIndexError(f"search: Pagefind refused the index: {reply.get('message')}")
        return reply


def _encode(message_id: int, payload: dict[str, Any]) -> bytes:
    text = json.dumps({"message_id": message_id, "payload": payload})
    return base64.b64encode(text.encode("utf-8")) + b","


def _language(tag: str) -> str:
    """Pagefind splits its index by language, named by ISO 639-1 code: ``pt-BR`` -> ``pt``."""
    return tag.split("-")[0].split("_")[0].lower() or "en"


def _document(page: HtmlPage, language: str) -> str:
    """A page of the site's own as the smallest HTML document Pagefind indexes: the content
    the engine rendered, under its title (escaped: a page title is text) when the content
    has no heading of its own (Pagefind titles a result by its first ``<h1>``)."""
    heading = "" if "<h1" in page.html else f"<h1>{escape(page.title)}</h1>"
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><title>{escape(page.title)}'
        f"</title></head><body><main>{heading}{page.html}</main></body></html>"
    )
