"""Build hook: compile the optional C loops of ``framing._speedups`` into the wheel.

Hatchling calls :meth:`SpeedupsHook.initialize` for every wheel, editable ones
included. The extension is compiled next to its source (``src/framing/``), which is
where an editable install imports it from, and added to a regular wheel. Without a
working C compiler the build goes on with a warning and framing uses its
pure-Python loops instead: the results are the same, only slower
(``from framing.tokenizer import SPEEDUPS`` tells which is in use).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = "src/framing/_speedups.c"


class SpeedupsHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        try:
            built = _compile(root)
        except Exception as exc:
            print(f"framing: C speed-ups not compiled ({type(exc).__name__}: {exc}); "
                  "the pure-Python loops will be used (same results, slower)",
                  file=sys.stderr)
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(built)] = f"framing/{built.name}"


def _compile(root: Path) -> Path:
    """Compile the extension in place (``src/framing/``); returns the built file."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    dist = Distribution({
        "name": "framing-speedups",
        "package_dir": {"": str(root / "src")},
        "ext_modules": [Extension("framing._speedups", [str(root / SOURCE)])],
    })
    cmd = build_ext(dist)
    cmd.inplace = True
    cmd.build_temp = str(root / "build" / "speedups")
    cmd.ensure_finalized()
    cmd.run()
    return Path(cmd.get_ext_fullpath("framing._speedups")).resolve()
