"""The document model: the pydantic types every other part of the planner reads and writes (document, rubric,
profile, coach review, money, errors, reference data)."""
