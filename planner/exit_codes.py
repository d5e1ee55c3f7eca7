"""Exit codes of the ``planner`` command, shared by the launcher (``planner.cli``) and the batch commands.

0 done, 1 bad input (one clear line per problem on stderr, never a traceback), 2 usage, 130 stopped with Ctrl+C.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
