"""The layers of the code hold: `scripts/check_imports.py` passes on the project, and fails on
an import cycle, an upward import, or Django in a pure layer (shown on small trees)."""

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT / "scripts" / "check_imports.py"


def check(root: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, str(SCRIPT), *(["--root", str(root)] if root else [])]
    return subprocess.run(args, capture_output=True, text=True, check=False)


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_project_has_no_cycle_and_no_upward_import():
    result = check()
    assert result.returncode == 0, result.stdout
    assert "no cycle, no upward import" in result.stdout


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        (
            {
                "cases/__init__.py": "",
                "cases/a.py": "def f():\n    from cases.b import g\n",
                "cases/b.py": "from cases.a import f\n",
            },
            "import cycle: cases.a -> cases.b",
        ),
        (
            {"cases/__init__.py": "", "cases/views.py": "from recommendations.models import X\n"},
            "cases.views imports recommendations.models",
        ),
        (
            {"cases/__init__.py": "", "cases/x.py": "from recommendations.engine import rules\n"},
            "cases.x imports recommendations.engine",
        ),
        (
            {"contract/__init__.py": "", "contract/fields.py": "from django.db import models\n"},
            "pure layer imports django.db",
        ),
        (
            {"core/__init__.py": "", "core/api.py": "import accounts.levels\n"},
            "core imports accounts",
        ),
    ],
    ids=["cycle", "upward", "into-recommendations", "django-in-contract", "core-upward"],
)
def test_the_check_fails_on_what_breaks_the_layers(tmp_path, files, problem):
    for package in ("recommendations", "recommendations/engine", "accounts"):
        files.setdefault(f"{package}/__init__.py", "")
    files.setdefault("recommendations/models.py", "X = 1\n")
    files.setdefault("recommendations/engine/rules.py", "")
    files.setdefault("accounts/levels.py", "")
    result = check(tree(tmp_path, files))
    assert result.returncode == 1
    assert problem in result.stdout
