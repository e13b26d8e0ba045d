"""Run one command and write its wall time, CPU time and peak memory to a file (JSON).

    python -I -S benchmarks/launch.py RESULT.json COMMAND [ARGS...]

Why a process between the benchmark and the command: Linux counts a new process's peak
resident memory (``ru_maxrss``) from the peak of the process it was forked from (exec
records the old address space's high-water mark), so every command the benchmark started
itself reported at least the benchmark's own peak, hundreds of MB after the in-process
stages at 5,000 briefs. This launcher is a bare interpreter (``-I -S``: standard library
only, about 10 MB), so what it writes is the command's own tree: ``os.wait4`` gives the
largest of the command and every descendant it waited for (MkDocs, Pagefind).

Ctrl-C or SIGTERM reach the whole process group (``briefs serve`` is stopped so); the
launcher outlives them, waits for the command and still writes the figures (not after
SIGKILL). Exits with the command's
status. Nothing but the standard library.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def main(argv: list[str]) -> int:
    result_file, command = argv[0], argv[1:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the command: default signal handling, as if started directly
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    # After the fork, so the command keeps the defaults (an ignored signal would stay
    # ignored across exec): Ctrl-C or SIGTERM to the group stop the command, and the
    # launcher waits for it.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: None)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KB on Linux
    code = os.waitstatus_to_exitcode(status)
    figures = {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_rss": usage.ru_maxrss * scale,
        "exit": code,
    }
    with open(result_file, "w", encoding="utf-8") as out:
        json.dump(figures, out)
    return code if code >= 0 else 128 - code  # killed by signal N: 128 + N, as a shell says


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
