"""Files a test makes awkward: a FIFO where a brief or a plain-text file is expected."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path


def unblock_after(path: Path, seconds: float) -> threading.Timer:
    """A reader that blocks on the FIFO at ``path`` (the old behaviour) gets end-of-file
    after ``seconds``, so the test fails instead of hanging."""

    def unblock() -> None:
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(seconds, unblock)
    timer.start()
    return timer
