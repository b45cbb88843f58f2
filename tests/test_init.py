"""The package's public API: lazy, explicit, no side effects at import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import framing


def test_every_exported_name_resolves() -> None:
    for name in framing.__all__:
        assert getattr(framing, name) is not None, name


def test_import_is_cheap_and_silent() -> None:
    code = (
        "import sys, framing; "
        "print('pandas' in sys.modules, 'matplotlib' in sys.modules, 'sklearn' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "False False False"
    assert res.stderr == ""


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="nonexistent"):
        framing.nonexistent  # noqa: B018


def test_every_test_named_in_the_reliability_table_exists() -> None:
    # docs/reliability.md maps each bad input to the test that checks it: a renamed or
    # removed test must not leave the table pointing at nothing
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    table = (root / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = re.findall(r"`(test_\w+)\.py::(\w+)`", table)
    assert len(named) > 100
    missing = [f"{mod}.py::{name}" for mod, name in named
               if f"def {name}(" not in (root / "tests" / f"{mod}.py").read_text(encoding="utf-8")]
    assert missing == []


def test_tokens_is_a_function_and_the_tokenizer_a_module_whatever_is_imported_first() -> None:
    # was: the module was framing.tokens, hidden by the tokens() function, so that
    # `import framing.tokens as t` gave the function
    code = (
        "import framing.tokenizer as t, framing; "
        "toks = framing.tokens(\"L'OCS n'est dirigée contre personne.\"); "
        "print(type(t).__name__, t.SPEEDUPS in (True, False), "
        "[x.norm for x in toks.tokens][:4], len(toks.sentences))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "module True [\"l'\", 'ocs', \"n'\", 'est'] 1"
    # the package first, its function used, then the module imported
    code = ("import framing; n = len(framing.tokens('La Chine et la Russie.').tokens); "
            "import framing.tokenizer as t; "
            "print(n, type(t).__name__, callable(framing.tokens), framing.tokens is t.tokens)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "6 module True True"
