"""`batch --engine dask`: lint an export's partitions on a Dask cluster.

The export is read here, as in a local run, and cut into partitions of ``PARTITION`` notes;
each partition goes to a worker, which runs :func:`recordlint.api.lint_records` on it with
its own model (loaded once per worker process), and the answers come back in input order.
So the findings table, the saved results and the reports are written exactly as in a local
run. At most ``IN_FLIGHT`` partitions per worker thread are out at once, so memory here
stays flat however large the export.

With no scheduler address, a ``LocalCluster`` of ``workers`` processes (one thread each) is
started with every server on the loopback interface, and closed at the end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import RecordlintError

if TYPE_CHECKING:
    from ..config import Config
    from ..model import Note
    from .aggregate import NoteFacts

#: Notes in one partition, and partitions in flight per worker thread.
PARTITION = 256
IN_FLIGHT = 3
#: Seconds to wait for a scheduler to answer.
CONNECT_TIMEOUT = 20
INSTALL_HINT = "--engine dask needs Dask: pip install 'recordlint[dask]'"


def import_distributed() -> Any:
    """The ``distributed`` package, or a one-line error saying how to install it."""
    try:
        import distributed
    except ImportError:
        raise RecordlintError(INSTALL_HINT) from None
    return distributed


def _connect(stack: ExitStack, scheduler: str | None, workers: int) -> Any:
    """A Client of the scheduler at ``scheduler``, or of a new loopback LocalCluster."""
    distributed = import_distributed()
    if scheduler:
        try:
            return stack.enter_context(
                distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            )
        except (OSError, TimeoutError, ValueError) as err:
            raise RecordlintError(
                f"cannot reach the Dask scheduler at {scheduler}: {err}"
            ) from None
    cluster = stack.enter_context(
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # every server of the cluster on the loopback interface only
            dashboard_address="127.0.0.1:0",
            worker_dashboard_address="127.0.0.1:0",
            silence_logs=50,
        )
    )
    return stack.enter_context(distributed.Client(cluster, set_as_default=False))


def dask_stream(
    notes: Iterable[Note],
    config: Config,
    scheduler: str | None = None,
    workers: int = 1,
    partition: int = PARTITION,
) -> Iterator[tuple[Note, NoteFacts]]:
    """(note, facts) in input order, each partition linted by a Dask worker."""
    from ..api import lint_records

    with ExitStack() as stack:
        client = _connect(stack, scheduler, workers)
        threads = max(1, sum(client.nthreads().values()))
        shared = client.scatter(config, broadcast=True)
        pending: deque[tuple[list[Note], Any]] = deque()

        def finish_one() -> Iterator[tuple[Note, NoteFacts]]:
            sent, future = pending.popleft()
            try:
                facts = future.result()
            except RecordlintError:
                raise
            except Exception as err:  # a worker lost, or an error on the worker
                raise RecordlintError(
                    f"a Dask worker failed on a partition of {len(sent)} notes "
                    f"({type(err).__name__}: {err})"
                ) from None
            yield from zip(sent, facts, strict=True)

        try:
            iterator = iter(notes)
            while chunk := list(islice(iterator, partition)):
                pending.append((chunk, client.submit(lint_records, chunk, shared, pure=False)))
                while len(pending) >= threads * IN_FLIGHT:
                    yield from finish_one()
            while pending:
                yield from finish_one()
        finally:
            if pending:  # stopped early: drop the rest of the work on the cluster
                client.cancel([future for _, future in pending])
