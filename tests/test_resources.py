from __future__ import annotations

import pytest

from planner.resources import data_dir, resource_path


def test_folders_found() -> None:
    for folder in ("rubrics", "templates", "forms", "demo", "funds"):
        assert data_dir(folder).is_dir()


@pytest.mark.parametrize("bad", ["/etc/passwd", "../pyproject.toml", "a/../../x", "", "C:\\x", "..\\x"])
def test_escaping_paths_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="refusing"):
        resource_path("templates", bad)
