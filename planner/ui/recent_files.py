"""Checking recent plans off the main thread: a plan on a network share or an unplugged drive can make a file
system call wait for the network's timeout, and the window must not freeze meanwhile.

Signals of :class:`RecentChecks`:
    sig_described(object, object): a recent path and its :class:`RecentPlan` (for a start-page card).
    sig_split(object, object): the recent paths kept and those gone (moved or deleted from a folder we can see).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

if TYPE_CHECKING:
    from planner.core.model.rubric import Instrument
    from planner.core.storage.recent import RecentPlan


def _emit_unless_closed(signal: SignalInstance, *args: object) -> None:
    # A worker can finish reading a slow or unreachable file after its window (and so this object) was closed and
    # deleted: Qt then refuses the emit, and there is nobody left to tell, so the result is dropped.
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)


class RecentChecks(QObject):
    """Runs the recent-file checks in worker threads; a newer request of the same kind supersedes an older one."""

    sig_described = Signal(object, object)
    sig_split = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._describing = 0
        self._splitting = 0
        # A file read for its card is read again only when it changed (size or time), e.g. after a save.
        self._described: dict[tuple[Path, int, int], RecentPlan] = {}
        self._threads: list[threading.Thread] = []

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def describe(self, paths: Sequence[Path], instruments: Sequence[Instrument]) -> None:
        """Read each path for its card, one after another, in a worker thread."""
        self._describing += 1
        self._start(self._describe, list(paths), list(instruments), self._describing)

    def _describe(self, paths: list[Path], instruments: list[Instrument], generation: int) -> None:
        from planner.core.storage.recent import RecentPlan, describe_recent

        for path in paths:
            if generation != self._describing:
                return
            try:
                info = path.stat()
                key: tuple[Path, int, int] | None = (path, info.st_mtime_ns, info.st_size)
            except OSError:
                key = None
            plan = self._described.get(key) if key is not None else None
            if plan is None:
                try:
                    plan = describe_recent(path, instruments)
                except Exception as exc:  # a card must never take the window down
                    plan = RecentPlan(path=path, error=str(exc) or type(exc).__name__)
                if key is not None and not plan.unavailable and not plan.error:
                    self._described[key] = plan
            if generation == self._describing:
                _emit_unless_closed(self.sig_described, path, plan)

    def split(self, paths: Sequence[str]) -> None:
        """Tell the paths still usable (or only unavailable now) from those moved or deleted, in a worker."""
        self._splitting += 1
        self._start(self._split, list(paths), self._splitting)

    def _split(self, paths: list[str], generation: int) -> None:
        from planner.core.storage.recent import split_missing

        kept, gone = split_missing(paths)
        if generation == self._splitting:
            _emit_unless_closed(self.sig_split, kept, gone)

    @property
    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def wait(self, timeout: float = 10.0) -> None:
        for thread in list(self._threads):
            thread.join(timeout)
