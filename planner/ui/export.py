"""PDF and Word export in a spawn-started worker process, so the window stays responsive and Cancel can kill it.

Rendering on the GUI thread freezes the window; a thread still stalls it through the GIL; a forked Qt
process is unsafe. A spawned process gets the document as JSON text and writes the PDF atomically.

Signals:
    sig_finished(str): the PDF was written to this path.
    sig_failed(str): a plain message saying why not.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from planner.core.model.document import Document


def render_in_worker(document_json: str, output: str, paper: str, conn: Connection) -> None:
    """Runs in the child process: parse, score, render, write; report back one line."""
    from planner.core.model.errors import PlannerFileError

    try:
        from planner.core.assessment.analysis import analyze
        from planner.core.model.rubric import bundled_instruments
        from planner.core.storage.instruments import resolve_instruments
        from planner.core.storage.storage import parse_document

        document = parse_document(document_json.encode("utf-8"), "document")
        instruments = resolve_instruments(document, list(bundled_instruments()), "document")
        analysis = analyze(document, instruments)
        if Path(output).suffix.lower() == ".docx":
            from planner.report.word import render_docx_file

            render_docx_file(analysis, Path(output))
        else:
            from planner.report.render import render_plan_file

            render_plan_file(analysis, Path(output), paper="a4" if paper == "a4" else "letter")
        conn.send(("ok", output))
    except PlannerFileError as exc:  # a value the writer cannot write: file, where, what, as the commands say it
        conn.send(("error", exc.message))
    except Exception as exc:  # report every failure as text; the parent shows it in a dialog
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class ExportJob(QObject):
    sig_finished = Signal(str)
    sig_failed = Signal(str)

    POLL_MS = 50

    def __init__(self, document: Document, output: Path, paper: str = "letter") -> None:
        super().__init__()
        context = multiprocessing.get_context("spawn")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=render_in_worker, args=(document.model_dump_json(), str(output), paper, sender), daemon=True
        )
        self._sender = sender
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.cancelled = False

    def start(self) -> None:
        self._process.start()
        self._sender.close()  # the child holds its own copy; ours would keep the pipe open forever
        self._timer.start()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self.cancelled = True
        self._finish()

    def _poll(self) -> None:
        if self._receiver.poll():
            try:
                status, payload = self._receiver.recv()
            except EOFError:
                status, payload = "error", "the export worker stopped without a result"
            self._finish()
            self._reap_when_exited()
            if status == "ok":
                self.sig_finished.emit(payload)
            else:
                self.sig_failed.emit(payload)
        elif not self._process.is_alive() and self._process.exitcode is not None:
            self._finish()
            self.sig_failed.emit(f"the export worker stopped unexpectedly (exit code {self._process.exitcode})")

    def _finish(self) -> None:
        self._timer.stop()
        self._receiver.close()

    def _reap_when_exited(self) -> None:
        # The worker exits right after sending its result, but tearing down its interpreter (fonts, WeasyPrint)
        # can take a couple of hundred milliseconds; joining it here froze the window for that long.
        reaper = QTimer(self)
        reaper.setInterval(self.POLL_MS)
        reaper.timeout.connect(lambda: reaper.stop() if self.worker_exited else None)
        reaper.start()

    @property
    def worker_exited(self) -> bool:
        return not self._process.is_alive()  # which also reaps an exited worker
