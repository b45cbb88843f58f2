"""``--engine dask``: the same outputs as the local engine, on a Dask cluster."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.report import EXIT_FATAL, EXIT_OK, EXIT_USAGE, main


def _has_dask() -> bool:
    try:
        return all(importlib.util.find_spec(m) is not None for m in ("dask", "distributed"))
    except ValueError:  # a module set to None in sys.modules
        return False


needs_dask = pytest.mark.skipif(
    not _has_dask(), reason='dask.distributed is not installed (pip install "dask[distributed]")'
)

TABLES = ("documents.csv", "sentences.csv", "quotes.csv", "hits.csv", "frames.csv", "actors.csv")


@needs_dask
def test_dask_engine_writes_byte_identical_csvs(
    bundled_corpus: Path, bundled_report: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dask"
    assert main([str(bundled_corpus), "--out", str(out), "--quiet", "--engine", "dask",
                 "--jobs", "2"]) == EXIT_OK
    for name in TABLES:
        assert (out / name).read_bytes() == (bundled_report / name).read_bytes(), name
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (run["engine"], run["scheduler"], run["jobs"]) == ("dask", "", 2)
    local = json.loads((bundled_report / "run.json").read_text(encoding="utf-8"))
    assert local["engine"] == "local"


@needs_dask
def test_dask_results_keep_corpus_order_skips_and_failures(bundled_corpus: Path) -> None:
    from distributed import LocalCluster

    from framing.corpus import Document, Skipped, read_corpus
    from framing.engines import iter_results_dask
    from framing.pipeline import build_analyzer
    from framing.report import iter_results

    docs = list(read_corpus(bundled_corpus))[:5]
    bad = Document("bad.txt", text=None)  # type: ignore[arg-type]
    records = [docs[0], Skipped("scan.txt", "this is a PDF file, not text"), *docs[1:3], bad,
               *docs[3:]]
    an = build_analyzer()
    local = list(iter_results(records, an, 1))
    # an existing cluster, as with --scheduler (in-process workers start fast)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=":0") as cluster:
        remote = list(iter_results_dask(iter(records), an, workers=1,
                                        scheduler=cluster.scheduler_address))
    assert remote == local
    assert [getattr(r, "doc_id", getattr(r, "path", "")) for r in remote] == [
        docs[0].doc_id, "scan.txt", docs[1].doc_id, docs[2].doc_id, "bad.txt",
        docs[3].doc_id, docs[4].doc_id]
    assert isinstance(remote[4], Skipped) and remote[4].reason.startswith("analysis failed")


def test_missing_dask_is_one_line_and_exit_1(
    bundled_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    out = tmp_path / "o"
    assert main([str(bundled_corpus), "--out", str(out), "--quiet", "--engine", "dask"]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert err == ('framing.report: error: --engine dask needs Dask: '
                   'pip install "dask[distributed]"\n')
    assert not out.exists()


def test_scheduler_without_dask_engine_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["corpus", "--scheduler", "tcp://127.0.0.1:8786"])
    assert exc.value.code == EXIT_USAGE
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


@pytest.fixture
def not_a_scheduler() -> Iterator[str]:
    """A local TCP service that answers like a web server, not like Dask."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed
                return
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" + b"\xff" * 64)

    threading.Thread(target=answer, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    server.close()


@needs_dask
def test_a_scheduler_address_where_no_dask_answers_is_one_line(
    bundled_corpus: Path, tmp_path: Path, not_a_scheduler: str,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    # was: a MemoryError traceback (the reply read as a frame of exabytes), then 60 s
    # of waiting for the half-made Client to close, and a second traceback
    import distributed

    def no_client(*args: object, **kwargs: object) -> None:
        pytest.fail("a Client was made for an address that is not a Dask scheduler")

    monkeypatch.setattr(distributed, "Client", no_client)
    out = tmp_path / "o"
    assert main([str(bundled_corpus), "--out", str(out), "--quiet", "--engine", "dask",
                 "--scheduler", not_a_scheduler]) == EXIT_FATAL
    assert capsys.readouterr().err == (
        f"framing.report: error: --scheduler {not_a_scheduler}: cannot connect to the Dask "
        "scheduler (what answers there does not speak Dask's protocol: MemoryError); start one "
        "(dask scheduler / dask worker) or omit --scheduler for a local cluster\n")
    assert not out.exists()


@needs_dask
def test_a_scheduler_address_where_nothing_listens_is_one_line(
    bundled_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as s:  # a port just freed: refused
        port = s.getsockname()[1]
    monkeypatch.setattr("framing.engines.CONNECT_TIMEOUT", 1)
    assert main([str(bundled_corpus), "--out", str(tmp_path / "o"), "--quiet", "--engine",
                 "dask", "--scheduler", f"tcp://127.0.0.1:{port}"]) == EXIT_FATAL
    err = capsys.readouterr().err
    assert err.startswith(f"framing.report: error: --scheduler tcp://127.0.0.1:{port}: cannot "
                          "connect to the Dask scheduler (Timed out trying to connect to ")
    assert err.endswith("or omit --scheduler for a local cluster\n") and err.count("\n") == 1


def test_processes_started_for_the_local_cluster_ignore_ctrl_c() -> None:
    # a terminal's Ctrl-C reaches every process of the group: each Dask worker printed
    # its own tracebacks (a bad-input review); started with SIGINT ignored, they keep
    # ignoring it, and this process gets its handler back
    import signal
    import subprocess

    from framing.engines import _workers_ignore_ctrl_c

    child = ("import os, signal, time\n"
             "os.kill(os.getpid(), signal.SIGINT)\n"
             "time.sleep(0.1)\n"
             "print('still running')\n")
    before = signal.getsignal(signal.SIGINT)
    with _workers_ignore_ctrl_c():
        ignored = subprocess.run([sys.executable, "-c", child], capture_output=True,
                                 text=True, check=False)
    assert (ignored.returncode, ignored.stdout) == (0, "still running\n")
    assert signal.getsignal(signal.SIGINT) is before
    stopped = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                             check=False)
    assert stopped.returncode != 0 and "KeyboardInterrupt" in stopped.stderr
