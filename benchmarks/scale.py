"""Benchmark: the nightly dunning run over 1,000,000 accounts on one process and on two.

Run:  uv run --group bench python benchmarks/scale.py [--quick] [--repeat N] [--partitions N]

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
``to_record()``. Benchmarks print figures; they never assert times.
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing.pool import Pool

import dask
import numpy as np

from custpolicy import Money, china
from custpolicy.rules.billing import AccountState, Payment, dunning
from custpolicy.rules.billing.batch import DunningRow, dunning_partition
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


def summarize_columns(result: DunningColumns | dict[str, np.ndarray]) -> Summary:
    summary = Summary(rows=len(result["action"]))
    counts = np.bincount(result["action"], minlength=len(ACTIONS))
    summary.actions.update({ACTIONS[i].value: int(c) for i, c in enumerate(counts) if c})
    summary.balance_minor = int(result["balance_minor"].sum())
    on = result["on"]
    known = on[~np.isnat(on)].view(np.int64)
    summary.on_ordinals = int(known.sum()) + len(known) * _EPOCH
    summary.due_ordinals = int(result["due"].view(np.int64).sum()) + summary.rows * _EPOCH
    return summary


def columnar_one_process(n: int, parts: int) -> Summary:
    return summarize_columns(columns_of_partition((0, n)))


def columnar_dask(pool: Pool) -> Way:
    def run(n: int, parts: int) -> Summary:
        tasks = [dask.delayed(columns_of_partition)(span) for span in spans(n, parts)]
        (found,) = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
        return summarize_columns(concat_dunning(found))

    return run


def columnar_dask_outputs(pool: Pool) -> Way:
    def run(n: int, parts: int) -> Summary:
        tasks = [dask.delayed(outputs_of_partition)(span) for span in spans(n, parts)]
        (found,) = dask.compute(tasks, scheduler="processes", pool=pool, chunksize=1)
        return summarize_columns({k: np.concatenate([f[k] for f in found]) for k in found[0]})

    return run


def columnar_mp(pool: Pool) -> Way:
    def run(n: int, parts: int) -> Summary:
        found = pool.map(columns_of_partition, spans(n, parts), chunksize=1)
        return summarize_columns(concat_dunning(found))

    return run


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
    args = parser.parse_args(argv)
    n = ACCOUNTS // 10 if args.quick else ACCOUNTS
    repeat = args.repeat or (1 if args.quick else 5)
    parts = args.partitions

    print(
        f"python {sys.version.split()[0]}, dask {dask.__version__}, {os.cpu_count()} CPUs, "
        f"worker start method spawn; load average before: {load()}"
    )
    print(f"{n:,} accounts in {parts} partitions; each partition builds a pool of {POOL:,} sheets")
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
    columnar = columnar_timings(context, n, parts, repeat)

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


def columnar_timings(
    context: multiprocessing.context.SpawnContext, n: int, parts: int, repeat: int
) -> list[Timing]:
    """The columnar run on one process and on two, every result shipped back as columns.

    Each process reads its columns from its copy of the pool (built before timing, as a
    partition's storage is there before the job); the one process and the two are timed in
    alternation, so both see the same load of the shared machine.
    """
    columns_of_partition((0, 1000))  # the pool's columns in this process
    one = Timing("columnar, one process", [], [], Summary())
    ways: list[tuple[Timing, Way]] = []
    with context.Pool(PROCESSES) as pool:
        pool.map(columns_of_partition, spans(PROCESSES * 1000, PROCESSES), chunksize=1)
        ways = [
            (Timing("columnar, dask warm, all shipped", [], [], Summary()), columnar_dask(pool)),
            (Timing("columnar, mp.Pool(2), all shipped", [], [], Summary()), columnar_mp(pool)),
            (
                Timing("columnar, dask warm, outputs only", [], [], Summary()),
                columnar_dask_outputs(pool),
            ),
        ]
        for _ in range(repeat * 2):
            for timing, way in ((one, columnar_one_process), *ways):
                gc.collect()
                started = time.perf_counter()
                timing.found = way(n, parts)
                timing.seconds.append(time.perf_counter() - started)
    result = columns_of_partition((0, n // parts))
    shipped = len(pickle.dumps(result, protocol=5))
    print(
        f"one partition's DunningColumns ({result.rows:,} rows, its input columns with it) "
        f"pickles to {shipped / result.rows:.1f} bytes per row"
    )
    return [one, *(timing for timing, _ in ways)]


def report_columnar(timings: list[Timing], reference: Summary, n: int, quick: bool) -> int:
    one = timings[0]
    best_one = min(one.seconds)
    print()
    print(f"columnar (dunning_columns), {len(one.seconds)} runs each, in alternation:")
    print(f"{'run':<36} {'best s':>7} {'median s':>9} {'speed-up':>9} {'of medians':>11}")
    problems = 0
    for timing in timings:
        best = min(timing.seconds)
        median = statistics.median(timing.seconds)
        print(
            f"{timing.label:<36} {best:7.3f} {median:9.3f} {best_one / best:8.2f}x "
            f"{statistics.median(one.seconds) / median:10.2f}x"
        )
        if timing.found != reference:
            problems += 1
            print(f"  MISMATCH with the one-process rows: {timing.found} != {reference}")
    print(
        f"columnar results agree with dunning_partition's rows: "
        f"{'yes' if not problems else f'NO, {problems} differ'}"
    )
    scale = " (--quick: 100,000 accounts, not the target's 1,000,000)" if quick else ""
    ratio = best_one / min(timings[1].seconds)
    print(
        f"the target: speed-up >= {TARGET_COLUMNAR}x on 2 processes with every result shipped "
        f"back (columnar, dask warm): {'met' if ratio >= TARGET_COLUMNAR else 'MISSED'} "
        f"({ratio:.2f}x){scale}"
    )
    return problems


if __name__ == "__main__":
    raise SystemExit(main())
