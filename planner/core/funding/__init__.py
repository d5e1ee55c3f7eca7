"""Funding: the shared-cost plan's arithmetic: what the plan years cost, what partners commit, the gap, the decision
brief's figures and what-if scenarios."""
