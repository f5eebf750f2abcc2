"""Benchmark: the nightly dunning run over 1,000,000 accounts on one process and on two.

Run:  uv run --group bench python benchmarks/scale.py [--quick] [--repeat N] [--partitions N]
          [--columnar-only] [--idle SECONDS]

The job is cut by account into partitions, each a range of account numbers. A partition makes
its own accounts from the range (as a real job reads its partition from storage), so no input
crosses a process boundary: it builds a pool of 10,000 distinct sheets from a fixed seed, in a
realistic mix of states (paid, part paid, overpaid, not yet due, notified, arrears notice
served, paid after the run date), and takes account ``i`` as ``pool[i % 10,000]``. It runs
``custpolicy.rules.billing.batch.dunning_partition`` and returns a summary of its rows (the count
per action,
the sum of the balances in fen, and the sums of the ``on`` and ``due`` dates as ordinals), as a
job that writes its rows to storage would. The summaries of every run must equal the one-process
run's; any difference is printed.

Timed, wall clock, each the best of ``--repeat`` runs (spread printed beside it):

- one process: the whole range in this process;
- Dask, ``scheduler="processes"`` with 2 workers, as ``dask.compute`` starts them (cold: the
  spawn of the worker processes is timed too) and on a pool of 2 worker processes started
  beforehand, as on a standing cluster (warm);
- ``multiprocessing.Pool(2)``, warm, as a comparison without Dask;
- Dask, warm, with every partition shipping its 1,000,000 rows back to this process instead of
  a summary: what the transfer of compact rows costs.

Target: a speed-up of at least 1.7x on 2 processes (Dask, warm) against one process. The script
also prints the pickled size of one result as a ``Dunning``, as a ``DunningRow`` and as
``to_record()``.

Then the columnar run (``dunning_columns``, issue 16), every way timed in alternation, the clock
stopping when the client holds every result (the check of the results comes after):

- one process, reading its rows as a partition does, and on a table the client holds;
- 2 processes that write every result into shared memory the client made
  (``dunning_columns(..., out=...)`` over ``dunning_out_columns``), nothing sent back: on a
  started ``multiprocessing.Pool(2)`` or Dask on it, into a block made for the run or one kept
  from run to run; with the client's table copied into shared memory too; on a pool forked for
  the run, which inherits the table; on a pool spawned for the run (its start timed);
- 2 processes that send their results back through the pool's pipe: the ``DunningColumns``
  with its inputs, or the result columns only; a Dask DataFrame computed into one pandas frame
  (needs pyarrow: ``uv run --with pyarrow --group bench ...``; skipped without it).

Target: at least 1.6x on 2 processes with every result on the client. ``--columnar-only``
times only these (the row-based run still gives the reference answers, untimed); ``--idle S``
waits up to S seconds before each round for the CPUs to be 90 % idle, and says how many rounds
started so. Benchmarks print figures; they never assert times.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import multiprocessing
import os
import pickle
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from multiprocessing import resource_tracker
from multiprocessing.pool import Pool
from multiprocessing.shared_memory import SharedMemory
from typing import Any

import dask
import numpy as np
import pandas

from custpolicy import Money, china
from custpolicy.rules.billing import AccountState, Payment, dunning
from custpolicy.rules.billing.batch import (
    DUNNING_OUT_BYTES,
    DunningRow,
    dunning_out_columns,
    dunning_partition,
)
from custpolicy.rules.billing.columnar import (
    ACTIONS,
    DunningColumns,
    account_columns,
    concat_dunning,
    dunning_columns,
)

SEED = 20261127
POOL = 10_000
AS_OF = date(2026, 3, 20)
ACCOUNTS = 1_000_000
PROCESSES = 2
TARGET = 1.7
TARGET_COLUMNAR = 1.6  # issue 16: 2 processes, every result shipped back to the client


# -- the accounts: made inside each partition ------------------------------------------------------


def _cny(minor: int) -> Money:
    return Money.from_minor(minor, "CNY")


def make_account(rnd: random.Random, key: str) -> AccountState:
    """One sheet in a realistic state on AS_OF (default policy: 7, 3 and 3 days)."""
    kind = rnd.choices(
        ["on_time", "two_parts", "overpaid", "not_due", "zero", "overdue", "notified", "arrears"],
        weights=[50, 8, 3, 10, 2, 10, 7, 10],
    )[0]
    billed = rnd.randint(3_000, 300_000)
    days = rnd.randint(0, 7) if kind == "not_due" else rnd.randint(8, 30)
    delivered = AS_OF - timedelta(days=days)
    due = delivered + timedelta(days=7)
    payments: list[Payment] = []
    notified = arrears = None
    if kind == "on_time":
        payments.append(Payment(delivered + timedelta(days=rnd.randint(0, 12)), _cny(billed)))
    elif kind == "two_parts":
        first = rnd.randint(1, billed - 1)
        payments.append(Payment(delivered + timedelta(days=1), _cny(first)))
        payments.append(Payment(delivered + timedelta(days=6), _cny(billed - first)))
    elif kind == "overpaid":
        payments.append(Payment(delivered + timedelta(days=2), _cny(billed + rnd.randint(1, 5000))))
    elif kind == "zero":
        billed = 0
    elif kind in ("overdue", "notified", "arrears") and rnd.random() < 0.5:
        payments.append(Payment(delivered + timedelta(days=3), _cny(rnd.randint(1, billed - 1))))
    late = (AS_OF - due).days  # days past the deadline on AS_OF (>= 1 unless not due)
    if kind in ("notified", "arrears"):
        notified = due + timedelta(days=rnd.randint(1, late))
        # B-8: the three days after the notice are the user's; the arrears notice from day 4
        room = (AS_OF - notified).days - 4
        if kind == "arrears" and room >= 0:
            arrears = notified + timedelta(days=4 + rnd.randint(0, room))
    return AccountState(key, delivered, _cny(billed), payments, notified, arrears)


def make_pool() -> list[AccountState]:
    rnd = random.Random(SEED)
    return [make_account(rnd, f"GAS-{i:07d}") for i in range(POOL)]


def accounts(start: int, stop: int) -> Iterator[AccountState]:
    """Accounts ``start`` to ``stop - 1`` of the job, made here from the seed."""
    pool = make_pool()
    return (pool[i % POOL] for i in range(start, stop))


# -- one partition -------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a partition reports: enough to check that two runs gave the same rows.

    The times (CPU and wall clock spent inside the partitions) are not compared.
    """

    rows: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    balance_minor: int = 0
    on_ordinals: int = 0
    due_ordinals: int = 0
    cpu: float = field(default=0.0, compare=False)
    wall: float = field(default=0.0, compare=False)

    def __add__(self, other: Summary) -> Summary:
        return Summary(
            self.rows + other.rows,
            self.actions + other.actions,
            self.balance_minor + other.balance_minor,
            self.on_ordinals + other.on_ordinals,
            self.due_ordinals + other.due_ordinals,
            self.cpu + other.cpu,
            max(self.wall, other.wall),
        )


def summarize(rows: Sequence[DunningRow]) -> Summary:
    summary = Summary(rows=len(rows))
    summary.actions.update(row.action for row in rows)
    summary.balance_minor = sum(row.balance_minor for row in rows)
    summary.on_ordinals = sum(row.on.toordinal() for row in rows if row.on is not None)
    summary.due_ordinals = sum(row.due.toordinal() for row in rows)
    return summary


def run_partition(span: tuple[int, int]) -> Summary:
    """Make the partition's accounts, run the rule, and summarise the rows."""
    cpu, wall = time.process_time(), time.perf_counter()
    summary = summarize(dunning_partition(accounts(*span), AS_OF))
    summary.cpu, summary.wall = time.process_time() - cpu, time.perf_counter() - wall
    return summary


def rows_of_partition(span: tuple[int, int]) -> list[DunningRow]:
    """The same, shipping every row back to the caller."""
    return dunning_partition(accounts(*span), AS_OF)


def spans(total: int, parts: int) -> list[tuple[int, int]]:
    cuts = [total * k // parts for k in range(parts + 1)]
    return list(itertools.pairwise(cuts))


def total(summaries: Sequence[Summary]) -> Summary:
    found = Summary()
    for summary in summaries:
        found = found + summary
    return found


# -- the columnar partitions: numpy columns in, DunningColumns back --------------------------------

_EPOCH = date(1970, 1, 1).toordinal()
_POOL_COLUMNS: dict[str, np.ndarray] = {}


def pool_columns() -> dict[str, np.ndarray]:
    """The pool as the columns a database export gives, built once per process.

    ``paid`` is the export's ``SUM(amount) WHERE paid_on <= :as_of`` per sheet.
    """
    if not _POOL_COLUMNS:
        pool = make_pool()
        columns, _, _ = account_columns(pool)
        del columns["account"]
        columns["paid"] = np.array([a.paid_by(AS_OF).minor for a in pool], dtype=np.int64)
        _POOL_COLUMNS.update(columns)
    return _POOL_COLUMNS


def read_columns(start: int, stop: int) -> dict[str, np.ndarray]:
    """Rows ``start`` to ``stop - 1`` of the job as columns, as a partition reads them."""
    rows = np.arange(start, stop, dtype=np.int64)
    picked = rows % POOL
    columns = {name: column[picked] for name, column in pool_columns().items()}
    columns["account"] = rows  # account numbers
    return columns


def columns_of_partition(span: tuple[int, int]) -> DunningColumns:
    """Read the partition's columns and run the columnar rule: every result goes back."""
    return dunning_columns(read_columns(*span), AS_OF)


def outputs_of_partition(span: tuple[int, int]) -> dict[str, np.ndarray]:
    """The same, shipping back only the result columns (``dict(result)``), not the inputs."""
    return dict(columns_of_partition(span))


def summarize_columns(result: Mapping[str, Any]) -> Summary:
    summary = Summary(rows=len(result["action"]))
    counts = np.bincount(result["action"], minlength=len(ACTIONS))
    summary.actions.update({ACTIONS[i].value: int(c) for i, c in enumerate(counts) if c})
    summary.balance_minor = int(result["balance_minor"].sum())
    on = np.asarray(result["on"], dtype="datetime64[D]")  # pandas holds dates as seconds
    known = on[~np.isnat(on)].view(np.int64)
    summary.on_ordinals = int(known.sum()) + len(known) * _EPOCH
    due = np.asarray(result["due"], dtype="datetime64[D]").view(np.int64)
    summary.due_ordinals = int(due.sum()) + summary.rows * _EPOCH
    return summary


class Results:
    """What the client holds at the end of a timed run: every result column, in its memory.

    The clock stops when the client holds them; the summary that checks them, and the release
    of the shared memory they live in, come after.
    """

    def __init__(
        self, columns: Mapping[str, Any], *blocks: SharedMemory | None, cpu: float = 0.0
    ) -> None:
        self.columns = columns
        self.blocks = [block for block in blocks if block is not None]
        self.cpu = cpu  # CPU seconds the workers spent in their tasks (0: not measured)

    def summary(self) -> Summary:
        found = summarize_columns(self.columns)
        self.columns = {}  # drop the views of the blocks before closing them
        for block in self.blocks:
            block.close()
            block.unlink()
        return found


ColumnarWay = Callable[[int, int], Results]


def columnar_one_process(n: int, parts: int) -> Results:
    cpu = time.process_time()
    result = columns_of_partition((0, n))
    return Results(result, cpu=time.process_time() - cpu)


def columnar_dask(pool: Pool) -> ColumnarWay:
    def run(n: int, parts: int) -> Results:
        tasks = [dask.delayed(columns_of_partition)(span) for span in spans(n, parts)]
        (found,) = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
        return Results(concat_dunning(found))

    return run


def columnar_dask_outputs(pool: Pool) -> ColumnarWay:
    def run(n: int, parts: int) -> Results:
        tasks = [dask.delayed(outputs_of_partition)(span) for span in spans(n, parts)]
        (found,) = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
        return Results({k: np.concatenate([f[k] for f in found]) for k in found[0]})

    return run


def columnar_mp(pool: Pool) -> ColumnarWay:
    def run(n: int, parts: int) -> Results:
        return Results(concat_dunning(pool.map(columns_of_partition, spans(n, parts), chunksize=1)))

    return run


# -- every result in shared memory: the workers write it, nothing is sent back --------------------
# The client makes one block of shared memory for the result columns of all the rows
# (``dunning_out_columns`` lays them out); each worker attaches to the block by its name, reads
# its rows, and has ``dunning_columns(..., out=...)`` write their results into its slice of the
# columns. A task returns only its row count: at the end the client holds every result, in
# place, as numpy columns (or a pandas frame over them).

Task = tuple[str, str, int, int, int]  # results block, table block ("" for none), rows, first, last
HELD: dict[str, np.ndarray] = {}  # the client's table: inherited by fork, or copied to shm
INPUTS = ("account", "delivered", "billed", "paid", "notified", "arrears_notice")
KEPT: dict[str, SharedMemory] = {}  # blocks a worker keeps attached from run to run


def columns_over(buffer: memoryview | None, n: int) -> dict[str, np.ndarray]:
    """The client's table of ``n`` rows (the columns of INPUTS, 8 bytes each) over ``buffer``."""
    assert buffer is not None
    raw = np.frombuffer(buffer, dtype=np.uint8)
    like = read_columns(0, 1)
    return {
        name: raw[k * 8 * n : (k + 1) * 8 * n].view(like[name].dtype)
        for k, name in enumerate(INPUTS)
    }


def copy_in(buffer: memoryview | None, n: int) -> None:
    """Copy the client's table into ``buffer`` (no view of it is left behind)."""
    for name, column in columns_over(buffer, n).items():
        column[:] = HELD[name]


def attach(name: str, keep: bool) -> SharedMemory:
    if not keep:
        return SharedMemory(name=name)
    if name not in KEPT:
        KEPT[name] = SharedMemory(name=name)
    return KEPT[name]


def _write(task: Task, table: Mapping[str, np.ndarray], *, keep: bool = False) -> None:
    """Write the results of rows first..last-1 (``table``) into their slice of the block."""
    out_name, _, n, first, last = task
    block = attach(out_name, keep)
    out = dunning_out_columns(block.buf, n)
    part = {name: column[first:last] for name, column in out.items()}
    dunning_columns(table, AS_OF, out=part)  # the result's columns are the slices: dropped here
    del out, part  # no view of the block may outlive it
    if not keep:
        block.close()


def run_into(task: Task) -> float:
    """Worker: read rows first..last-1 from storage, write their results into the block.

    Gives the CPU time it took (as the other workers below).
    """
    cpu = time.process_time()
    _write(task, read_columns(task[3], task[4]))
    return time.process_time() - cpu


def run_into_kept(task: Task) -> float:
    """The same, on a block the worker keeps attached between runs."""
    cpu = time.process_time()
    _write(task, read_columns(task[3], task[4]), keep=True)
    return time.process_time() - cpu


def run_from_shared_into(task: Task) -> float:
    """Worker: take rows first..last-1 of the client's table, itself in shared memory."""
    cpu = time.process_time()
    _, in_name, n, first, last = task
    block = SharedMemory(name=in_name)
    table = {k: v[first:last] for k, v in columns_over(block.buf, n).items()}
    _write(task, table)
    del table
    block.close()
    return time.process_time() - cpu


def run_held_into(task: Task) -> float:
    """Worker (forked): take rows first..last-1 of the client's table, inherited by fork."""
    cpu = time.process_time()
    _write(task, {k: v[task[3] : task[4]] for k, v in HELD.items()})
    return time.process_time() - cpu


Work = Callable[[Task], float]
Mapper = Callable[[Work, list[Task]], list[float]]


def map_on_pool(pool: Pool, work: Work, tasks: list[Task]) -> list[float]:
    return pool.map(work, tasks, chunksize=1)


def map_on_dask(pool: Pool, work: Work, tasks: list[Task]) -> list[float]:
    delayed = [dask.delayed(work)(task) for task in tasks]
    (found,) = dask.compute(delayed, scheduler="processes", pool=pool, chunksize=1)
    return list(found)


def shared(
    map_tasks: Mapper, work: Work, *, inputs: bool = False, frame: bool = False
) -> ColumnarWay:
    """Run ``work`` on every partition into a block of shared memory made for this run.

    With ``inputs``, the client first copies its table into a second block (timed); with
    ``frame``, the client ends with one pandas DataFrame over the results (not copied).
    """

    def run(n: int, parts: int) -> Results:
        results = SharedMemory(create=True, size=max(n * DUNNING_OUT_BYTES, 1))
        table = SharedMemory(create=True, size=max(n * 8 * len(INPUTS), 1)) if inputs else None
        if table is not None:
            copy_in(table.buf, n)
        name = table.name if table is not None else ""
        tasks = [(results.name, name, n, first, last) for first, last in spans(n, parts)]
        cpu = sum(map_tasks(work, tasks))
        out = dunning_out_columns(results.buf, n)  # every result, on the client
        columns = pandas.DataFrame(out, copy=False) if frame else out
        return Results(columns, results, table, cpu=cpu)

    return run


def kept(map_tasks: Mapper) -> tuple[ColumnarWay, Callable[[], None]]:
    """Like ``shared``, on one block made before timing and kept, as by a long-lived app."""
    block: list[SharedMemory] = []

    def run(n: int, parts: int) -> Results:
        if not block:
            block.append(SharedMemory(create=True, size=max(n * DUNNING_OUT_BYTES, 1)))
        name = block[0].name
        tasks = [(name, "", n, first, last) for first, last in spans(n, parts)]
        cpu = sum(map_tasks(run_into_kept, tasks))
        return Results(dunning_out_columns(block[0].buf, n), cpu=cpu)

    def release() -> None:
        for each in block:
            each.close()
            each.unlink()

    return run, release


def fork_cold(context: multiprocessing.context.ForkContext) -> ColumnarWay:
    """A pool forked for this run (timed): the workers inherit the client's table."""

    def run(n: int, parts: int) -> Results:
        with context.Pool(PROCESSES) as pool:
            return shared(partial(map_on_pool, pool), run_held_into)(n, parts)

    return run


def spawn_cold(context: multiprocessing.context.SpawnContext) -> ColumnarWay:
    """A pool spawned for this run (timed: each worker starts Python and imports this script)."""

    def run(n: int, parts: int) -> Results:
        with context.Pool(PROCESSES) as pool:
            return shared(partial(map_on_pool, pool), run_into)(n, parts)

    return run


def columnar_one_process_held(n: int, parts: int) -> Results:
    cpu = time.process_time()
    result = dunning_columns(HELD, AS_OF)
    return Results(result, cpu=time.process_time() - cpu)


def frame_of_partition(span: tuple[int, int]) -> pandas.DataFrame:
    return pandas.DataFrame(dict(columns_of_partition(span)))


def dask_dataframe() -> Callable[[Pool], ColumnarWay] | None:
    """The Dask DataFrame way, or ``None`` where dask.dataframe cannot load (no pyarrow)."""
    try:
        import dask.dataframe as dd
    except ImportError:
        return None

    meta = frame_of_partition((0, 1)).iloc[:0]

    def ways(pool: Pool) -> ColumnarWay:
        def run(n: int, parts: int) -> Results:
            loads = [dask.delayed(frame_of_partition)(span) for span in spans(n, parts)]
            frame = dd.from_delayed(loads, meta=meta, verify_meta=False)
            return Results(frame.compute(scheduler="processes", pool=pool, chunksize=1))

        return run

    return ways


# -- the ways of running it ----------------------------------------------------------------------
# Dask's processes scheduler hands the workers chunks of up to 6 ready tasks by default, which
# would put both partitions on one worker: ``chunksize=1`` gives each worker its own partition.

Way = Callable[[int, int], Summary]


def one_process(n: int, parts: int) -> Summary:
    return run_partition((0, n))


def dask_cold(n: int, parts: int) -> Summary:
    tasks = [dask.delayed(run_partition)(span) for span in spans(n, parts)]
    (found,) = dask.compute(tasks, scheduler="processes", num_workers=PROCESSES, chunksize=1)
    return total(found)


def dask_warm(pool: Pool) -> Way:
    def run(n: int, parts: int) -> Summary:
        tasks = [dask.delayed(run_partition)(span) for span in spans(n, parts)]
        (found,) = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
        return total(found)

    return run


def dask_rows(pool: Pool) -> Way:
    def run(n: int, parts: int) -> Summary:
        tasks = [dask.delayed(rows_of_partition)(span) for span in spans(n, parts)]
        (found,) = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
        return summarize([row for rows in found for row in rows])

    return run


def mp_warm(pool: Pool) -> Way:
    def run(n: int, parts: int) -> Summary:
        return total(pool.map(run_partition, spans(n, parts), chunksize=1))

    return run


# -- measuring -----------------------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    seconds: list[float]
    cpu: list[float]  # CPU seconds spent inside the partitions, per run
    found: Summary


def timed(label: str, way: Way, n: int, parts: int, repeat: int) -> Timing:
    timing = Timing(label, [], [], Summary())
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        timing.found = way(n, parts)
        timing.seconds.append(time.perf_counter() - started)
        timing.cpu.append(timing.found.cpu)
    return timing


def cpu_idle(interval: float = 0.25) -> float:
    """The share of the machine's CPU time that was idle over ``interval`` (Linux; else 1.0)."""

    def read() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
        return ticks[3] + ticks[4], sum(ticks)  # idle and iowait, of all

    try:
        idle, every = read()
    except OSError:
        return 1.0
    time.sleep(interval)
    idle_after, every_after = read()
    return (idle_after - idle) / max(every_after - every, 1)


def wait_idle(limit: float) -> bool:
    """Wait up to ``limit`` seconds for the CPUs to be at least 90 % idle; say if they were."""
    deadline = time.monotonic() + limit
    while True:
        if cpu_idle() >= 0.9:
            return True
        if time.monotonic() >= deadline:
            return False


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def forms() -> None:
    """Pickled size per result, per form; the cost of explaining; the cost of pickling rows."""
    sheets = make_pool()
    results = [dunning(sheet, AS_OF, calendar=china()) for sheet in sheets]
    rows = dunning_partition(sheets, AS_OF, calendar=china())
    records = [result.to_record(explanation=False) for result in results]
    print(f"pickled size per result, {len(sheets):,} results in one list (china() calendar):")
    for label, value in (
        ("Dunning (holds its account, policy and calendar)", results),
        ("DunningRow (custpolicy.rules.billing.batch)", rows),
        ("dict from to_record(explanation=False)", records),
    ):
        print(f"  {label:<50} {len(pickle.dumps(value)) / len(sheets):8.1f} bytes")
    single = len(pickle.dumps(results[0]))
    print(f"  one Dunning pickled on its own, with its calendar: {single:,} bytes")
    costs = []
    for lang in (None, "en", "zh-Hant"):
        started = time.process_time()
        dunning_partition(sheets, AS_OF, explain=lang)
        costs.append((time.process_time() - started) / len(sheets) * 1e6)
    print(
        f"dunning_partition CPU per row: {costs[0]:.1f} us; with explain='en' {costs[1]:.1f} us, "
        f"'zh-Hant' {costs[2]:.1f} us ({costs[1] / costs[0]:.0f}x)"
    )
    many = dunning_partition(accounts(0, 100_000), AS_OF)
    print(f"CPU per row to pickle and unpickle {len(many):,} rows (pickle, protocol 5):")
    shapes: tuple[tuple[str, object], ...] = (
        ("as DunningRow (a NamedTuple)", many),
        ("as plain tuples", [tuple(row) for row in many]),
        ("as columns, one list per field", [list(column) for column in zip(*many, strict=True)]),
    )
    for name, shape in shapes:
        started = time.process_time()
        pickle.loads(pickle.dumps(shape, protocol=5))
        print(f"  {name:<34} {(time.process_time() - started) / len(many) * 1e6:6.2f} us")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: 100,000 accounts, once")
    parser.add_argument("--repeat", type=int, default=None, help="runs of each way (default 5)")
    parser.add_argument(
        "--partitions", type=int, default=PROCESSES, help="partitions (default: one per process)"
    )
    parser.add_argument(
        "--idle",
        type=float,
        default=0.0,
        help="columnar: wait up to this many seconds before each round for idle CPUs (default 0)",
    )
    parser.add_argument(
        "--columnar-only",
        action="store_true",
        help="time only the columnar ways (the row-based run gives the reference, untimed)",
    )
    args = parser.parse_args(argv)
    n = ACCOUNTS // 10 if args.quick else ACCOUNTS
    repeat = args.repeat or (1 if args.quick else 5)
    parts = args.partitions

    print(
        f"python {sys.version.split()[0]}, dask {dask.__version__}, numpy {np.__version__}, "
        f"pandas {pandas.__version__}, {os.cpu_count()} CPUs; load average before: {load()}"
    )
    print(f"{n:,} accounts in {parts} partitions; each partition builds a pool of {POOL:,} sheets")
    if args.columnar_only:
        reference = run_partition((0, n))
        columnar = columnar_timings(n, parts, repeat, args.idle)
        return 1 if report_columnar(columnar, reference, n, args.quick) else 0
    forms()
    print()

    context = multiprocessing.get_context("spawn")
    timings = [timed("one process", one_process, n, parts, repeat)]
    timings.append(timed("dask processes, 2 workers, cold", dask_cold, n, parts, repeat))
    with context.Pool(PROCESSES) as pool:
        pool.map(run_partition, spans(PROCESSES * 100, PROCESSES), chunksize=1)  # warm up
        timings.append(timed("dask processes, 2 workers, warm", dask_warm(pool), n, parts, repeat))
        timings.append(timed("multiprocessing.Pool(2), warm", mp_warm(pool), n, parts, repeat))
        timings.append(timed("dask, warm, all rows shipped back", dask_rows(pool), n, parts, 1))
    columnar = columnar_timings(n, parts, repeat, args.idle)
    single = timings[0]
    best_single = min(single.seconds)
    median_single = statistics.median(single.seconds)
    print(
        f"wall clock, {repeat} runs each (rows shipped back: one run). speed-up: best one-process "
        "time / best time; of medians: the same on medians; range: over every pair of runs, "
        "fastest one-process / slowest .. slowest one-process / fastest. CPU busy: CPU time in "
        "the partitions / (wall time x processes), in the best run"
    )
    print(
        f"{'run':<34} {'best s':>7} {'median s':>9} {'worst s':>8} {'speed-up':>9} "
        f"{'of medians':>11} {'range':>12} {'CPU in partitions':>18} {'CPU busy':>9}"
    )
    problems = 0
    for timing in timings:
        best, worst = min(timing.seconds), max(timing.seconds)
        cpu = timing.cpu[timing.seconds.index(best)]
        busy = cpu / best / (1 if timing is single else PROCESSES)
        median = statistics.median(timing.seconds)
        print(
            f"{timing.label:<34} {best:7.2f} {median:9.2f} {worst:8.2f} {best_single / best:8.2f}x "
            f"{median_single / median:10.2f}x {best_single / worst:5.2f}-"
            f"{max(single.seconds) / best:.2f}x "
            + (f"{cpu:15.2f} s {busy:8.0%}" if cpu else f"{'-':>17} {'-':>9}")
        )
        if timing.found != single.found:
            problems += 1
            print(f"  MISMATCH: {timing.found} != {single.found}")
    print(f"load average after: {load()}")
    print()
    reference = single.found
    mix = ", ".join(
        f"{action} {count / reference.rows:.1%}"
        for action, count in sorted(reference.actions.items())
    )
    print(f"rows: {reference.rows:,}; next steps: {mix}")
    print(
        f"all {len(timings)} ways agree with one process (counts per action, sum of balances, "
        f"sums of dates): {'yes' if not problems else f'NO, {problems} differ'}"
    )
    scale = " (--quick: 100,000 accounts, not the target's 1,000,000)" if args.quick else ""
    for timing in timings[1:4]:
        ratio = best_single / min(timing.seconds)
        judged = "the target" if timing is timings[2] else "also"
        print(
            f"{judged}: speed-up >= {TARGET}x on 2 processes, {timing.label}: "
            f"{'met' if ratio >= TARGET else 'MISSED'} ({ratio:.2f}x){scale}"
        )
    problems += report_columnar(columnar, single.found, n, args.quick)
    return 1 if problems else 0


@dataclass
class Columnar:
    """A way of running the columnar job, and the one-process way it is compared with."""

    timing: Timing
    way: ColumnarWay
    against: int = 0  # the index of its one-process baseline among the ways
    runs: int = 0  # 0: every round; else at most this many runs (the slow ways)


def columnar_timings(n: int, parts: int, repeat: int, idle: float = 0.0) -> list[Columnar]:
    """The columnar run on one process and on two, every result on the client at the end.

    Each process reads its columns from its copy of the pool (built before timing, as a
    partition's storage is there before the job), unless the label names the client's table
    (built before timing, in the client). The ways are timed in alternation, so all see the same
    load of the shared machine. Pools are started before timing (warm) unless the label says
    cold. The clock stops when the client holds every result; the check of the results and
    the release of their shared memory come after.
    """
    columns_of_partition((0, 1000))  # the pool's columns in this process
    HELD.update(read_columns(0, n))
    resource_tracker.ensure_running()  # one tracker of shared memory, inherited by every worker
    spawn = multiprocessing.get_context("spawn")
    fork = multiprocessing.get_context("fork")
    frames = dask_dataframe()

    def new(label: str, way: ColumnarWay, against: int = 0, runs: int = 0) -> Columnar:
        return Columnar(Timing(label, [], [], Summary()), way, against, runs)

    with spawn.Pool(PROCESSES) as pool:
        pool.map(columns_of_partition, spans(PROCESSES * 1000, PROCESSES), chunksize=1)
        on_pool = partial(map_on_pool, pool)
        on_dask = partial(map_on_dask, pool)
        kept_run, release = kept(on_pool)
        ways = [
            new("one process, reads its rows", columnar_one_process),
            new("one process, the client's table", columnar_one_process_held),
            new("mp.Pool(2), results to new shm", shared(on_pool, run_into)),
            new("dask, results to new shm", shared(on_dask, run_into)),
            new("mp.Pool(2), results to kept shm", kept_run),
            new(
                "mp.Pool(2), table and results shm",
                shared(on_pool, run_from_shared_into, inputs=True),
                1,
            ),
            new("fork Pool(2) cold, inherited table", fork_cold(fork), against=1),
            new("spawn Pool(2) cold, results to shm", spawn_cold(spawn), runs=2),
            new("dask, DunningColumns shipped", columnar_dask(pool), runs=2),
            new("mp.Pool(2), DunningColumns shipped", columnar_mp(pool), runs=2),
            new("dask, result columns shipped", columnar_dask_outputs(pool), runs=2),
        ]
        if frames is not None:
            ways.append(
                new("dask, shm, one pandas frame over it", shared(on_dask, run_into, frame=True))
            )
            ways.append(new("dask dataframe, one pandas frame", frames(pool), runs=2))
        quiet = 0
        for round_ in range(repeat * 2):
            quiet += wait_idle(idle) if idle else 0
            for way in ways:
                if way.runs and round_ >= way.runs:
                    continue
                gc.collect()
                started = time.perf_counter()
                held = way.way(n, parts)
                way.timing.seconds.append(time.perf_counter() - started)
                way.timing.cpu.append(held.cpu)
                way.timing.found = held.summary()
                del held
        release()
    result = columns_of_partition((0, n // parts))
    shipped = len(pickle.dumps(result, protocol=5))
    print(
        f"one partition's DunningColumns ({result.rows:,} rows, its input columns with it) "
        f"pickles to {shipped / result.rows:.1f} bytes per row; in shared memory a result takes "
        f"{DUNNING_OUT_BYTES} bytes a row and nothing is sent back"
    )
    if idle:
        print(
            f"rounds that started with the CPUs at least 90 % idle (waiting up to {idle:g} s): "
            f"{quiet} of {repeat * 2}"
        )
    if frames is None:
        print("dask.dataframe did not load (it needs pyarrow): its ways were skipped")
    return ways


def report_columnar(ways: list[Columnar], reference: Summary, n: int, quick: bool) -> int:
    print()
    print(f"columnar (dunning_columns), in alternation, best of each; load average now: {load()}")
    print(
        "CPU s: the CPU time of the rule's processes in the best run (the workers' tasks, or the "
        "one process); busy: that over wall time x processes (low: no free core)"
    )
    print(
        f"{'run':<38} {'runs':>4} {'best s':>7} {'median s':>9} {'speed-up':>9} "
        f"{'of medians':>11} {'CPU s':>6} {'busy':>5}  against"
    )
    problems = 0
    for index, way in enumerate(ways):
        timing, base = way.timing, ways[way.against].timing
        best, median = min(timing.seconds), statistics.median(timing.seconds)
        cpu = timing.cpu[timing.seconds.index(best)]
        busy = f"{cpu / best / (1 if index < 2 else PROCESSES):5.0%}" if cpu else f"{'-':>5}"
        print(
            f"{timing.label:<38} {len(timing.seconds):4} {best:7.3f} {median:9.3f} "
            f"{min(base.seconds) / best:8.2f}x "
            f"{statistics.median(base.seconds) / median:10.2f}x "
            f"{cpu:6.3f} {busy}  {base.label}"
        )
        if timing.found != reference:
            problems += 1
            print(f"  MISMATCH with the one-process rows: {timing.found} != {reference}")
    print(
        f"columnar results agree with dunning_partition's rows: "
        f"{'yes' if not problems else f'NO, {problems} differ'}"
    )
    scale = " (--quick: 100,000 accounts, not the target's 1,000,000)" if quick else ""
    for way in ways[2:5]:
        base = ways[way.against].timing
        ratio = min(base.seconds) / min(way.timing.seconds)
        print(
            f"the target: speed-up >= {TARGET_COLUMNAR}x on 2 processes with every result on "
            f"the client ({way.timing.label}): "
            f"{'met' if ratio >= TARGET_COLUMNAR else 'MISSED'} ({ratio:.2f}x){scale}"
        )
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
