"""Interchange: the plan for other programs: machine-readable JSON views and the budget office's Excel round trip."""
