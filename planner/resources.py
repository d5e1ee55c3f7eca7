"""Locate the bundled data folders (rubrics, templates, forms, demo, funds) in a checkout or an installed wheel.

In a source checkout the folders sit beside the ``planner`` package; the wheel carries them inside
the package as ``planner/_data/<name>`` (hatchling ``force-include``). Every lookup goes through
:func:`resource_path`, which refuses absolute paths and ``..`` so that a name that came from a file
can never reach outside the bundled folders.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Literal

DataFolder = Literal["rubrics", "templates", "forms", "demo", "funds"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(folder: DataFolder) -> Path:
    """Return the directory holding one bundled data folder."""
    installed = _PACKAGE_DIR / "_data" / folder
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / folder
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled folder {folder!r} not found next to {_PACKAGE_DIR}")


def resource_path(folder: DataFolder, relative: str) -> Path:
    """Return the path of a file inside a bundled folder; refuse anything that could escape it."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if not relative or pure.is_absolute() or ".." in pure.parts or ":" in relative:
        raise ValueError(f"refusing resource path {relative!r}: must be relative, without '..'")
    return data_dir(folder).joinpath(*pure.parts)
