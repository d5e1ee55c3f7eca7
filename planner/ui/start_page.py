"""The start page: what a person sees before a plan is open (new, open, demo, recent plans)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from planner.ui.labels import heading, plain_label

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow


class StartPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 50, 60, 40)
        layout.addWidget(heading("Sustainability Planner"))
        layout.addWidget(
            plain_label(
                "Plan how your career-pathway consortium keeps its pathways running after the "
                "grant: rate your capacity, agree who pays for what, and print the plan."
            )
        )
        for text, action in [
            ("New consortium plan", window.ui.actionNew),
            ("Open a plan…", window.ui.actionOpen),
            ("Open the demo consortium", window.ui.actionOpenDemo),
        ]:
            button = QPushButton(text)
            button.setAccessibleName(text)
            button.setMinimumHeight(36)
            button.clicked.connect(action.trigger)
            layout.addWidget(button)
        self.recent_label = plain_label("Recent files")
        layout.addWidget(self.recent_label)
        self.recent_box = QVBoxLayout()
        layout.addLayout(self.recent_box)
        layout.addStretch()
        self._window = window

    def refresh(self, recent: list[str]) -> None:
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.recent_label.setVisible(bool(recent))
        for path in recent:
            button = QPushButton(path)
            button.setAccessibleName(f"Open recent file {path}")
            button.setFlat(True)
            button.clicked.connect(lambda _=False, p=path: self._window.open_path(Path(p)))
            self.recent_box.addWidget(button)
