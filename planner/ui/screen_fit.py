"""Windows that open inside the screen they are on.

A laptop at 1366×768 or an older projector at 1024×768 has less room than the sizes the windows were designed at;
a window taller than the screen hides its status bar and its last rows below the taskbar, where nobody finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for what the window manager adds around a window (title bar, borders), which is known only after the
# window is shown: about 31 px of title and 8 px borders on Windows, less on macOS and most Linux desktops.
DECORATION = QSize(16, 48)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary screen) that windows may use: without taskbars or docks."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def fitted_size(preferred: QSize, available: QRect) -> QSize:
    """The preferred size, made smaller where the available area (less the window's decoration) is smaller."""
    room = available.size() - DECORATION
    return preferred.boundedTo(room)


def fits(geometry: QRect, available: QRect) -> bool:
    """Whether a window's client area with its decoration fits inside the available area."""
    return (
        available.contains(geometry)
        and geometry.width() + DECORATION.width() <= available.width()
        and geometry.height() + DECORATION.height() <= available.height()
    )


def place_window(window: QWidget, preferred: QSize, available: QRect, saved: object = None) -> None:
    """Size and place a window that is not shown yet.

    A geometry saved when the window last closed is restored only if it fits the available area now (the laptop
    may have left the big monitor behind); otherwise the window takes its preferred size, shrunk to the area,
    centred in it.
    """
    restored = isinstance(saved, QByteArray) and window.restoreGeometry(saved)
    if restored and (window.isMaximized() or fits(window.geometry(), available)):
        return
    size = fitted_size(preferred, available)
    window.resize(size)
    frame = QRect(0, 0, size.width() + DECORATION.width(), size.height() + DECORATION.height())
    frame.moveCenter(available.center())
    window.move(frame.topLeft())  # a window's position is that of its frame
