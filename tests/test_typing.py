"""The package type-checks: `mypy src` with default settings finds nothing but missing third-party stubs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_reports_only_missing_third_party_stubs(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mypy", "src", "--cache-dir", str(tmp_path / "cache")],
                            cwd=ROOT, capture_output=True, text=True)
    errors = [line for line in result.stdout.splitlines()
              if ": error:" in line and "[import-untyped]" not in line and "[import-not-found]" not in line]
    assert errors == [], "\n".join(errors)
    assert re.search(r"(Found \d+ errors? in|Success:).* \d+ source files", result.stdout), result.stdout


def test_package_ships_py_typed():
    assert (ROOT / "src" / "shenbaoshu" / "py.typed").is_file()
