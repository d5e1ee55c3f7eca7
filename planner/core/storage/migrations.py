"""Step-by-step upgrades of older document files to the current schema.

Each step takes the raw JSON object of version N and returns version N + 1. Steps never lose data: a
field that has no place in the new version is an error, not silently dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from planner.core.model.document import SCHEMA_VERSION

Raw = dict[str, Any]


class NewerVersionError(ValueError):
    pass


def _v1_to_v2(raw: Raw) -> Raw:
    """Version 1 wrote N/A as ``"level": "na"`` and called the plan horizon ``horizon``."""
    profile = raw.get("profile")
    if isinstance(profile, dict) and "horizon" in profile:
        profile = dict(profile)
        profile["horizon_years"] = profile.pop("horizon")
        raw["profile"] = profile
    respondents = raw.get("respondents")
    if isinstance(respondents, list):
        upgraded = []
        for respondent in respondents:
            if isinstance(respondent, dict) and isinstance(respondent.get("ratings"), dict):
                respondent = dict(respondent)
                respondent["ratings"] = {key: _v1_rating(value) for key, value in respondent["ratings"].items()}
            upgraded.append(respondent)
        raw["respondents"] = upgraded
    return raw


def _v1_rating(rating: Any) -> Any:
    if isinstance(rating, dict) and rating.get("level") == "na":
        rating = dict(rating)
        rating["level"] = None
        rating["not_applicable"] = True
    return rating


def _v2_to_v3(raw: Raw) -> Raw:
    """Version 3 names the consortium with an id that survives renaming (for merges, reviews and follow-ups).

    An older file gets one derived from what it already holds, so the same file always upgrades to the same id
    and its copies still match each other.
    """
    metadata = raw.get("metadata")
    if isinstance(metadata, dict) and "consortium_id" not in metadata:
        profile = raw.get("profile")
        name = profile.get("consortium_name", "") if isinstance(profile, dict) else ""
        seed = f"{metadata.get('created', '')}|{name}"
        raw["metadata"] = {**metadata, "consortium_id": "c-" + hashlib.sha256(seed.encode()).hexdigest()[:12]}
    return raw


def _v3_to_v4(raw: Raw) -> Raw:
    """Version 4 adds targets, retired-criterion history, profile context (issue 11), typed funds, item priority,
    budget deadlines and the adoption record (issue 12), all with defaults, plus two changes of meaning:

    - the default plan horizon moved from two years to three; a version-3 file that relied on the old default
      keeps its two years rather than silently growing a year;
    - each commitment's fund is typed; an older commitment says only what its free text says, so it is "other".
    """
    profile = raw.get("profile")
    if isinstance(profile, dict) and "horizon_years" not in profile:
        raw["profile"] = {**profile, "horizon_years": 2}
    commitments = raw.get("commitments")
    if isinstance(commitments, list):
        raw["commitments"] = [{**c, "fund": c.get("fund", "other")} if isinstance(c, dict) else c for c in commitments]
    return raw


def _v4_to_v5(raw: Raw) -> Raw:
    """Version 5 stores named what-if scenarios (issue 13); an older plan has none."""
    return {**raw, "scenarios": raw.get("scenarios", [])}


def _v5_to_v6(raw: Raw) -> Raw:
    """Version 6 records the agreements behind committed money (issue 21). The upgrade adds none: an older plan's
    money for a fiscal year whose budget is not adopted yet counts as pledged, with a warning saying how to record
    the agreement."""
    return {**raw, "agreements": raw.get("agreements", [])}


STEPS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5, 5: _v5_to_v6}


def migrate(raw: Raw) -> Raw:
    """Upgrade ``raw`` to :data:`SCHEMA_VERSION`; refuse files from a newer planner."""
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("schema_version must be a whole number of at least 1")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"made by a newer version of the planner (file format {version}, this planner reads up to "
            f"{SCHEMA_VERSION}); update the planner to open it"
        )
    raw = dict(raw)
    while version < SCHEMA_VERSION:
        raw = STEPS[version](raw)
        version += 1
        raw["schema_version"] = version
    return raw
