"""The ``briefs`` executable's entry point, kept apart from the command so that it imports
almost nothing: an interruption that arrives while the command still imports the pipeline
(half a second) ends in one line too, never a traceback (generator/cli/main.py handles the rest)."""

from __future__ import annotations

import signal
import sys
from types import FrameType


def main() -> int:
    def stop(signum: int, frame: FrameType | None) -> None:
        print(f"briefs: {'terminated' if signum == signal.SIGTERM else 'hung up'}", file=sys.stderr)
        raise SystemExit(128 + signum)

    early = [signal.SIGTERM] + ([signal.SIGHUP] if sys.platform != "win32" else [])
    previous = {signum: signal.signal(signum, stop) for signum in early}
    try:
        from generator.cli.main import main as run
    except KeyboardInterrupt:
        print("briefs: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return run()


if __name__ == "__main__":
    raise SystemExit(main())
