"""The public face: ``__all__`` is sorted, complete and exactly the public names."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import govplan
import govplan.testing


def _isort_key(name: str) -> tuple[int, str]:
    # Constants, then classes, then functions: the order ruff's RUF022 keeps.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_exactly_the_public_names() -> None:
    public = {name for name in dir(govplan) if not name.startswith("_")} | {"__version__"}
    modules = {name for name in public if inspect.ismodule(getattr(govplan, name))}
    modules |= {"annotations", "importlib", "TYPE_CHECKING"}
    assert sorted(govplan.__all__, key=_isort_key) == govplan.__all__
    assert set(govplan.__all__) == public - modules


def test_every_public_name_has_a_docstring() -> None:
    for name in govplan.__all__:
        value = getattr(govplan, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert inspect.getdoc(value), name


def test_testing_module_exports_every_strategy() -> None:
    assert sorted(govplan.testing.__all__, key=_isort_key) == govplan.testing.__all__
    for name in govplan.testing.__all__:
        assert inspect.getdoc(getattr(govplan.testing, name)), name


def test_every_error_narrows_a_builtin() -> None:
    for error in (
        govplan.ParseError,
        govplan.LoadError,
        govplan.UnknownUnitError,
        govplan.UnitMismatchError,
        govplan.DanglingReferenceError,
    ):
        assert issubclass(error, govplan.GovplanError)
        assert set(error.__mro__) & {ValueError, KeyError, TypeError}


def test_import_does_not_load_the_file_format_libraries() -> None:
    code = (
        "import sys, govplan; print(sorted({'yaml', 'tomli_w', 'hypothesis'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_loading_a_file_does_not_import_the_engine() -> None:
    code = (
        "import sys, govplan; govplan.load('examples/education-bureau/plan-2011.yaml');"
        " print(sorted(m for m in sys.modules if m.startswith('govplan.engine')))"
    )
    root = Path(__file__).parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[]"


def test_every_public_name_is_in_the_api_reference() -> None:
    reference = (Path(__file__).parent.parent / "docs" / "reference" / "api.rst").read_text("utf-8")
    for name in govplan.__all__:
        assert f":: {name}\n" in reference, name
