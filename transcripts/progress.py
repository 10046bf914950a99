"""A one-line progress bar on stderr for long runs.

Drawn only on a terminal and only when there is enough work to wait for: logs
and CI output stay free of carriage-return noise.
"""
from __future__ import annotations

import sys
import time

WIDTH = 30


class Progress:
    def __init__(self, total: int, label: str, stream=None, minimum: int = 10, enabled: bool = True):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.shown = enabled and total >= minimum and self.stream.isatty()
        self.started = time.monotonic()

    def step(self, name: str) -> None:
        self.done += 1
        if not self.shown:
            return
        filled = WIDTH * self.done // max(self.total, 1)
        line = f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total} {name}"
        self.stream.write(line[:120].ljust(120))
        self.stream.flush()

    def finish(self) -> None:
        if self.shown and self.done:
            self.stream.write(f"\r{self.label}: {self.done} in {time.monotonic() - self.started:.1f} s".ljust(120) + "\n")
            self.stream.flush()
