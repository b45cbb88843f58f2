"""Shared fixtures: the bundled demonstration corpus and one report run on it."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bundled_corpus() -> Path:
    """The demonstration corpus shipped in the repository (``corpus/``)."""
    return ROOT / "corpus"


@pytest.fixture(scope="session")
def bundled_report(bundled_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report folder of ``python -m framing.report corpus/`` (run once per session)."""
    from framing.report import EXIT_OK, main

    out = tmp_path_factory.mktemp("report") / "corpus"
    assert main([str(bundled_corpus), "--out", str(out), "--quiet"]) == EXIT_OK
    return out


@pytest.fixture(scope="session")
def speedups() -> ModuleType:
    """framing's compiled loops (``framing._speedups``), for the tests that compare
    them with their pure-Python versions: skipped on an install made without a C
    compiler, where the pure-Python loops are in use (``.ci/run`` asserts the
    extension is built: ``test_tokenizer.test_speedups_are_built_in_ci``)."""
    return pytest.importorskip(
        "framing._speedups", reason="framing was installed without a C compiler: the "
        "pure-Python loops are in use (CI asserts the extension is built)")


@pytest.fixture(params=["libyaml", "python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's YAML parser, then with PyYAML's pure-Python one
    (``framing._yaml.safe_loader`` picks libyaml when PyYAML has it, as its wheels do)."""
    import yaml

    if request.param == "python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml: only its pure-Python parser runs")
    return str(request.param)
