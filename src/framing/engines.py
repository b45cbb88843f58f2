"""Execution engines for :func:`framing.report.run_report` beyond one machine's pool.

``python -m framing.report CORPUS --engine dask`` runs the same per-document function
(:func:`framing.pipeline.analyze`) as a Dask bag: the corpus is read here, in the
client, and sent to the workers in chunks of :data:`CHUNK_PER_WORKER` documents per
worker; each chunk is a bag whose partitions are analysed with ``map_partitions``;
results come back in corpus order and are aggregated by the report exactly as with
the local engine, so the outputs are byte-identical.

Memory stays bounded whatever the corpus size: at most :data:`CHUNKS_IN_FLIGHT`
chunks are on the cluster at a time, plus the one whose results are being handed
back. By default a :class:`distributed.LocalCluster` is started with one process per
worker (one thread each); ``scheduler="tcp://host:8786"`` uses an existing cluster
instead, whose workers need ``framing`` (and ``dask[distributed]``) installed.

Dask is an optional dependency, framing's ``dask`` extra: ``pip install -e ".[dask]"``
in framing's checkout, or ``pip install "dask[distributed]"`` beside an installed
framing (``framing`` on PyPI is another project).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal, overload

from .corpus import Document, Skipped
from .errors import FramingError, InputError
from .pipeline import (
    Analyzer,
    DocResult,
    PackedResult,
    analyze_record,
    analyze_record_packed,
    with_text,
)

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = [
    "CHUNKS_IN_FLIGHT",
    "CHUNK_PER_WORKER",
    "DASK_MISSING",
    "ENGINES",
    "PARTITIONS_PER_WORKER",
    "iter_results_dask",
    "require_dask",
]

#: The engines ``run_report`` knows.
ENGINES = ("local", "dask")
#: Documents per worker in one chunk sent to the cluster (as ``report.BATCH_PER_JOB``).
CHUNK_PER_WORKER = 64
#: Bag partitions per worker in one chunk: small enough to balance the load.
PARTITIONS_PER_WORKER = 4
#: Chunks submitted ahead of the one being collected: the cluster never waits for
#: the client, and the client never holds more than this many chunks (+1).
CHUNKS_IN_FLIGHT = 2
#: Seconds to wait for an existing cluster (``scheduler=``) to answer and have a worker.
CONNECT_TIMEOUT = 30

DASK_MISSING = '--engine dask needs Dask: pip install "dask[distributed]"'


def require_dask() -> None:
    """Raise a one-line :class:`FramingError` when ``dask.distributed`` is missing."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise FramingError(DASK_MISSING) from None


def _analyze_partition(
    recs: Iterable[Document | Skipped], analyzer: Analyzer, packed: bool
) -> list[Any]:
    """Analyse one bag partition on a worker, record by record as the local engine
    does (:func:`framing.pipeline.analyze_record`, or ``analyze_record_packed``)."""
    analyze = analyze_record_packed if packed else analyze_record
    return [analyze(rec, analyzer) for rec in recs]


def _gather(futures: list[Future]) -> Iterator[Any]:
    """The results of a chunk's partitions in order, each released once read."""
    for f in futures:
        results = f.result()
        f.release()
        yield from results


def _handshake(scheduler: str) -> None:
    """Open one connection to ``scheduler`` and close it, with Dask's handshake, in a
    thread of its own (the caller may run an event loop: a notebook). A wrong address
    or a service that is not a Dask scheduler fails here, before any ``Client`` exists:
    a ``Client`` that fails half-way (a web server's reply read as a frame length of
    exabytes: ``MemoryError``) kept the command waiting 60 s on exit, with two
    tracebacks."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from distributed.comm import connect

    async def once() -> None:
        comm = await connect(scheduler, timeout=CONNECT_TIMEOUT)
        await comm.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, once()).result()


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start the local cluster's worker processes ignoring Ctrl-C (SIGINT), as this
    process's own pool does: a Ctrl-C in the terminal reaches the whole process group,
    and each worker printed tracebacks of its own. A process started with SIGINT ignored
    keeps ignoring it (Python installs no KeyboardInterrupt handler then); this
    process's handler comes back once the cluster is up (a Ctrl-C during those seconds
    of start-up is lost), and it closes the cluster. Outside the main thread nothing is
    changed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _connect(workers: int, scheduler: str | None) -> tuple[Client, Any, int]:
    """A client on a new local cluster of ``workers`` processes, or on ``scheduler``;
    returns (client, cluster or None, worker threads)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            _handshake(scheduler)
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except Exception as exc:  # whatever answers there (or nothing): one line
            reason = str(exc) if isinstance(exc, (OSError, TimeoutError)) else (
                f"what answers there does not speak Dask's protocol: {type(exc).__name__}")
            raise InputError(
                f"--scheduler {scheduler}: cannot connect to the Dask scheduler ({reason}); "
                "start one (dask scheduler / dask worker) or omit --scheduler for a local "
                "cluster"
            ) from None
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            client.close()
            raise InputError(
                f"--scheduler {scheduler}: the cluster has no worker after "
                f"{CONNECT_TIMEOUT} s; start some with dask worker {scheduler}"
            ) from None
        threads = sum(client.nthreads().values())
        return client, None, max(1, threads)
    with _workers_ignore_ctrl_c():
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    try:
        client = Client(cluster, set_as_default=False)
    except BaseException:
        cluster.close()
        raise
    return client, cluster, workers


@overload
def iter_results_dask(
    records: Iterable[Document | Skipped], analyzer: Analyzer, *, workers: int,
    scheduler: str | None = ..., packed: Literal[False] = ...,
) -> Iterator[DocResult | Skipped]: ...
@overload
def iter_results_dask(
    records: Iterable[Document | Skipped], analyzer: Analyzer, *, workers: int,
    scheduler: str | None = ..., packed: Literal[True],
) -> Iterator[PackedResult | Skipped]: ...
def iter_results_dask(
    records: Iterable[Document | Skipped],
    analyzer: Analyzer,
    *,
    workers: int,
    scheduler: str | None = None,
    packed: bool = False,
) -> Iterator[DocResult | PackedResult | Skipped]:
    """Analyse records in input order on a Dask cluster; same contract as
    :func:`framing.report.iter_results` (one result per record, in order; a failing
    document becomes a :class:`Skipped` entry; with ``packed``, results come as
    :class:`framing.pipeline.PackedResult`).

    ``workers`` is the size of the local cluster (``0`` = all cores); with
    ``scheduler`` (``tcp://host:port``) an existing cluster is used and ``workers``
    is ignored (chunks are sized on the cluster's worker threads).
    """
    require_dask()
    import dask.bag as db

    if workers == 0:
        workers = os.cpu_count() or 1
    workers = max(1, workers)
    client, cluster, n = _connect(workers, scheduler)
    try:
        # the analyzer is sent once to every worker, not with every chunk (its
        # sentiment lexicon by reference: see SentimentLexicon.__reduce__); this
        # process holds every chunk it sends, so the text need not travel back
        an_future = client.scatter(replace(analyzer, keep_text=False), broadcast=True,
                                   hash=False)
        size = CHUNK_PER_WORKER * n

        def submit(chunk: list[Document | Skipped]) -> list[Future]:
            nparts = min(len(chunk), PARTITIONS_PER_WORKER * n)
            bag = db.from_sequence(chunk, npartitions=nparts)
            parts = bag.map_partitions(_analyze_partition, an_future, packed).to_delayed()
            # from_sequence may make fewer partitions than asked; their order is kept
            return list(client.compute(parts))

        it = iter(records)
        pending: deque[tuple[list[Document | Skipped], list[Future]]] = deque()

        def fill() -> None:
            while len(pending) < CHUNKS_IN_FLIGHT and (chunk := list(islice(it, size))):
                pending.append((chunk, submit(chunk)))

        fill()
        while pending:
            chunk, futures = pending.popleft()
            fill()  # keep the cluster busy while this chunk is handed back
            for rec, res in zip(chunk, _gather(futures), strict=True):
                yield with_text(res, rec) if analyzer.keep_text else res
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
