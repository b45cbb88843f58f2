"""The teaching notebooks: committed without outputs, and each one runs top to bottom.

Every notebook under ``notebooks/`` (answer keys in ``notebooks/corriges/`` included) is
executed with nbclient in a fresh ``python3`` kernel, with its own folder as the working
directory (so ``../corpus`` and ``../reports/…`` resolve as they do in Jupyter). A failing
cell fails the test. The kernel is the one ipykernel provides for the current
interpreter; no ``python -m ipykernel install`` is needed.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(
    p for p in NOTEBOOKS_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
)
#: The notebooks the course relies on (others may be added alongside).
REQUIRED = (
    "01_premiers_pas.ipynb",
    "02_cadres_et_voix.ipynb",
    "03_lexique_contre_classifieur.ipynb",
    "04_rapport_comparatif.ipynb",
    "05_atelier_etudiants.ipynb",
    "corriges/05_atelier_etudiants_corrige.ipynb",
)
#: Seconds a single cell may take before the run is abandoned.
CELL_TIMEOUT = 120


def _name(path: Path) -> str:
    return path.relative_to(NOTEBOOKS_DIR).as_posix()


def test_every_required_notebook_is_present() -> None:
    present = {_name(p) for p in NOTEBOOKS}
    missing = [n for n in REQUIRED if n not in present]
    assert not missing, f"missing notebooks: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [
        i for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{_name(path)}: cells {dirty} have outputs or an execution count; clear them with "
        f"`jupyter nbconvert --clear-output --inplace notebooks/{_name(path)}`"
    )


def _require_python3_kernel() -> None:
    """Fail (not skip) with one clear line when no ``python3`` kernel can be started."""
    try:
        import ipykernel  # noqa: F401
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError as exc:
        pytest.fail(
            f"cannot run notebooks: {exc}; install the notebook extras with "
            "`python -m pip install -e '.[dev]'`",
            pytrace=False,
        )
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        pytest.fail(
            "no Jupyter kernel spec named 'python3' for this interpreter; install ipykernel "
            "in this environment (`python -m pip install -e '.[dev]'`)",
            pytrace=False,
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    _require_python3_kernel()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()  # executes a copy in memory; the file on disk is not touched
    except (CellExecutionError, CellTimeoutError) as exc:
        pytest.fail(f"{_name(path)}: a cell failed\n{exc}", pytrace=False)
