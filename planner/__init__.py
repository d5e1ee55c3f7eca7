"""Sustainability Planner: capacity self-assessment and shared-cost planning for career-pathway consortia."""

__version__ = "0.1.0"
