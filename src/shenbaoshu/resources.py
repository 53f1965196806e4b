"""What the package ships beside its code: templates, the sample workbook, scheme files, its version."""

from __future__ import annotations

from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the project folder, when run from a checkout


def package_version() -> str:
    """Return the installed version of shenbaoshu (0.0.0 in a source tree that was never installed)."""
    try:
        return version("shenbaoshu")
    except PackageNotFoundError:
        return "0.0.0"


VERSION = package_version()


def default_template_dir() -> Path:
    """Return the folder of the templates shipped with the package."""
    shipped = Path(str(resources.files("shenbaoshu").joinpath("templates")))
    if shipped.is_dir():
        return shipped
    return SOURCE_ROOT / "templates"


def bundled_sample() -> Path:
    """Return the sample workbook shipped with the package."""
    shipped = Path(str(resources.files("shenbaoshu").joinpath("data", "示例申报.xlsx")))
    if shipped.is_file():
        return shipped
    return SOURCE_ROOT / "samples" / "示例申报.xlsx"


def scheme_dir() -> Path:
    """Return the folder of the built-in scheme files."""
    return Path(str(resources.files("shenbaoshu").joinpath("checks", "schemes")))
