"""PyInstaller runtime hook: the frozen app uses its own fonts and font configuration, never the system's.

Runs before the planner's code. Fontconfig (used by Pango for the PDF and by Qt for the window on Linux)
otherwise looks for /etc/fonts or a GTK installation found on PATH, which either does not exist (Windows,
macOS, minimal Linux) or belongs to another program and may not match the bundled library versions.
"""

import os
import sys
from pathlib import Path

_internal = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
_bundled = _internal / "fontconfig"
os.environ["FONTCONFIG_FILE"] = str(_bundled / "fonts.conf")
os.environ["FONTCONFIG_PATH"] = str(_bundled)
# WeasyPrint only adds this list of folders to the DLL search path when not frozen; clear it anyway so that a
# machine-wide setting pointing at some GTK installation can never take part.
os.environ.pop("WEASYPRINT_DLL_DIRECTORIES", None)
# Windows: WeasyPrint opens Pango and friends with LOAD_LIBRARY_SEARCH_DEFAULT_DIRS, which searches the folders
# added with AddDllDirectory (not PATH); make sure the bundle's own folder is one of them.
if sys.platform == "win32":
    _dll_directory = os.add_dll_directory(str(_internal))
