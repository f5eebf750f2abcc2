"""Benchmark: the nightly dunning run (B-7, B-8) over a million accounts, against pandas.

Run:  uv run --group bench python benchmarks/billing.py [--quick] [--profile]

``dunning_run(accounts, as_of)`` streams one explained ``Dunning`` per ``AccountState``. The
benchmark generates a pool of 50,000 distinct accounts with a realistic mix of states (seeded):
paid on time, paid in two parts, overpaid, not yet due, zero bills, overdue and part paid,
notified (waiting or arrears notice due), arrears notice served (waiting or cut-off eligible),
and payments or notices dated after the as-of date. The input stream cycles through the pool
(``pool[i % len(pool)]`` for i in range(n)), so the stream itself holds nothing that
grows with n: what is timed is the run, and the memory measured is the run's.

It measures, with the default policy (no art. 203 roll):

- the time for n = 100,000 and n = 1,000,000 (best of several runs; one core: the run is a
  single Python thread), per account and in total, against the target of 5 s for 1,000,000;
- linearity: the per-account time at 1,000,000 over that at 100,000 (target <= 1.2);
- memory: the tracemalloc peak of a run of 100,000 and of 1,000,000 (the pool is allocated
  before tracing starts), and the growth of the process's peak RSS during the untraced runs;
- a pandas implementation of the same rules, written as a utility analyst would (one row per
  account, a payments table, ``groupby`` and ``np.select``), timed on the same 1,000,000
  accounts already loaded in DataFrames, with its tracemalloc peak; and, once, the time to load
  the same stream of ``AccountState`` values into those DataFrames first.

Before timing, both answers are compared for every one of the 1,000,000 accounts (action and
its date); any mismatch is printed.

A book of two versions (M-1.9): the same run with ``policy=`` a ``PolicyBook`` whose second
version takes effect in the middle of the pool's delivery dates (2026-03-05), so about half the
sheets fall under each version and each version keeps its own period ends. The second version
changes a parameter dunning does not read, so the answers must equal the plain run's (checked);
the ratio of the two times at 1,000,000 is printed against the target of 1.2x. Those two are
timed on CPU time (``time.process_time``, garbage collector off, best of alternating runs), as
the ratio of two runs of the same code should be on a shared machine. Benchmarks print
figures; they never assert times.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import random
import resource
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from custpolicy import Money, Policy, PolicyBook
from custpolicy.rules.billing import AccountState, Action, Payment, dunning_run
from custpolicy.rules.billing.columnar import DunningColumns, dunning_columns

SEED = 20261127
POOL = 50_000
AS_OF = date(2026, 3, 20)
SIZES = (100_000, 1_000_000)
TARGET_SECONDS = 5.0
TARGET_LINEAR = 1.2
TARGET_BOOK = 1.2
TARGET_COLUMNAR = 1.5  # the columnar run at least 1.5x faster than pandas on the same columns
TARGET_MEMORY = 2.0  # its traced peak within 2x the size of its input columns
BOOK = PolicyBook(
    {
        date(2025, 7, 1): Policy(),
        # a parameter dunning does not read: the answers stay those of the plain policy
        date(2026, 3, 5): Policy().updated({"billing.collection_target": Decimal("0.96")}),
    }
)
ACTION_CODES = {action: code for code, action in enumerate(Action)}
NO_DATE = -1


def _cny(minor: int) -> Money:
    return Money.from_minor(minor, "CNY")


def make_account(rnd: random.Random, key: str) -> AccountState:
    """One account in a realistic state on AS_OF (default policy: 7, 3 and 3 days)."""
    kind = rnd.choices(
        [
            "on_time",
            "two_parts",
            "overpaid",
            "not_due",
            "zero",
            "overdue",
            "notified",
            "arrears",
            "paid_late",
        ],
        weights=[50, 8, 3, 10, 2, 10, 7, 6, 4],
    )[0]
    billed = rnd.randint(3_000, 300_000)  # 30 to 3,000 CNY in fen
    if kind == "not_due":
        delivered = AS_OF - timedelta(days=rnd.randint(0, 7))
    else:
        delivered = AS_OF - timedelta(days=rnd.randint(8, 30))
    due = delivered + timedelta(days=7)
    payments: list[Payment] = []
    notified = arrears = None
    if kind == "on_time":
        payments.append(Payment(delivered + timedelta(days=rnd.randint(0, 7)), _cny(billed)))
    elif kind == "two_parts":
        first = rnd.randint(1, billed - 1)
        payments.append(Payment(delivered + timedelta(days=rnd.randint(0, 3)), _cny(first)))
        payments.append(
            Payment(delivered + timedelta(days=rnd.randint(4, 7)), _cny(billed - first))
        )
    elif kind == "overpaid":
        payments.append(Payment(delivered + timedelta(days=2), _cny(billed + rnd.randint(1, 5000))))
    elif kind == "not_due" and rnd.random() < 0.4:
        payments.append(Payment(delivered, _cny(rnd.randint(1, billed))))
    elif kind == "zero":
        billed = 0
    elif kind == "paid_late":  # paid after AS_OF: not counted tonight
        payments.append(Payment(AS_OF + timedelta(days=rnd.randint(1, 5)), _cny(billed)))
    if kind in ("overdue", "notified", "arrears") and rnd.random() < 0.5:
        payments.append(Payment(delivered + timedelta(days=3), _cny(rnd.randint(1, billed - 1))))
    latest = (AS_OF - due).days  # days past the deadline on AS_OF (>= 1 here)
    if kind == "notified" or (kind == "arrears" and latest >= 5):
        notified = due + timedelta(
            days=rnd.randint(1, max(1, latest - 4 if kind == "arrears" else latest + 2))
        )
        if kind == "arrears":  # B-8: the three days after the notice are the user's
            arrears = notified + timedelta(days=4 + rnd.randint(0, 2))
    if kind == "arrears" and notified is None:  # too recent for an arrears notice: notify only
        notified = due + timedelta(days=1)
    return AccountState(key, delivered, _cny(billed), payments, notified, arrears)


def make_pool(size: int) -> list[AccountState]:
    rnd = random.Random(SEED)
    return [make_account(rnd, f"GAS-{i:06d}") for i in range(size)]


def stream(pool: Sequence[AccountState], n: int) -> Iterator[AccountState]:
    """The first n accounts of the pool repeated; unlike itertools.cycle, keeps no copy."""
    size = len(pool)
    return (pool[i % size] for i in range(n))


# -- ours ----------------------------------------------------------------------------------------


def run_ours(
    pool: Sequence[AccountState], n: int, policy: Policy | PolicyBook | None = None
) -> Counter[Action]:
    counts: Counter[Action] = Counter()
    run = dunning_run(stream(pool, n), AS_OF, policy=Policy() if policy is None else policy)
    for result in run:
        counts[result.action] += 1
    return counts


def ours_codes(pool: Sequence[AccountState], n: int) -> tuple[np.ndarray[Any, Any], ...]:
    actions = np.empty(n, dtype=np.int8)
    ons = np.empty(n, dtype=np.int64)
    for i, result in enumerate(dunning_run(stream(pool, n), AS_OF)):
        actions[i] = ACTION_CODES[result.action]
        ons[i] = NO_DATE if result.on is None else result.on.toordinal()
    return actions, ons


# -- pandas, as a utility analyst would write it -------------------------------------------------


def frames(pool: Sequence[AccountState], n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The n accounts of the stream as two DataFrames: accounts and payments (not timed)."""
    base = pd.DataFrame(
        {
            "delivered": pd.to_datetime([a.delivered for a in pool]),
            "billed": [a.billed.minor for a in pool],
            "notified": pd.to_datetime([a.notified for a in pool]),
            "arrears": pd.to_datetime([a.arrears_notice for a in pool]),
        }
    )
    reps = -(-n // len(pool))
    accounts = pd.concat([base] * reps, ignore_index=True).iloc[:n]
    pay_rows = [(i, p.paid_on, p.amount.minor) for i, a in enumerate(pool) for p in a.payments]
    pay = pd.DataFrame(pay_rows, columns=["idx", "paid_on", "amount"])
    pay["paid_on"] = pd.to_datetime(pay["paid_on"])
    copies = [pay.assign(idx=pay["idx"] + r * len(pool)) for r in range(reps)]
    payments = pd.concat(copies, ignore_index=True)
    payments = payments[payments["idx"] < n].reset_index(drop=True)
    return accounts, payments


def load_frames(accounts: Iterator[AccountState]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load a stream of accounts into DataFrames, as the analyst must before pandas_dunning."""
    delivered, billed, notified, arrears = [], [], [], []
    pay_idx, pay_on, pay_amount = [], [], []
    for i, a in enumerate(accounts):
        delivered.append(a.delivered)
        billed.append(a.billed.minor)
        notified.append(a.notified)
        arrears.append(a.arrears_notice)
        for p in a.payments:
            pay_idx.append(i)
            pay_on.append(p.paid_on)
            pay_amount.append(p.amount.minor)
    frame = pd.DataFrame(
        {
            "delivered": pd.to_datetime(delivered),
            "billed": billed,
            "notified": pd.to_datetime(notified),
            "arrears": pd.to_datetime(arrears),
        }
    )
    pays = pd.DataFrame({"idx": pay_idx, "paid_on": pd.to_datetime(pay_on), "amount": pay_amount})
    return frame, pays


def pandas_dunning(accounts: pd.DataFrame, payments: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """B-6 to B-8 with pandas: one vectorised pass over all accounts."""
    day = pd.Timestamp(as_of)
    paid = payments[payments["paid_on"] <= day].groupby("idx")["amount"].sum()
    balance = accounts["billed"] - paid.reindex(accounts.index, fill_value=0)
    due = accounts["delivered"] + pd.Timedelta(days=7)
    notified = accounts["notified"].where(accounts["notified"] <= day)
    arrears = accounts["arrears"].where(accounts["arrears"] <= day)
    # B-8: the three days after a notice are the user's; the next step falls due the day after
    arrears_due = accounts["notified"] + pd.Timedelta(days=3 + 1)
    cutoff = accounts["arrears"] + pd.Timedelta(days=3 + 1)
    conditions = [
        balance <= 0,
        day <= due,
        notified.isna(),
        arrears.isna() & (day < arrears_due),
        arrears.isna(),
        day < cutoff,
    ]
    nothing, notify, wait, notice, cut = (ACTION_CODES[a] for a in Action)
    action = np.select(conditions, [nothing, nothing, notify, wait, notice, wait], default=cut)
    after_due = due + pd.Timedelta(days=1)
    on = np.select(
        conditions,
        [pd.NaT, after_due, after_due, arrears_due, arrears_due, cutoff],
        default=cutoff,
    )
    return pd.DataFrame({"action": action, "on": pd.to_datetime(on)})


def pandas_codes(result: pd.DataFrame) -> tuple[np.ndarray[Any, Any], ...]:
    on = result["on"]
    ordinals = (on - pd.Timestamp("0001-01-01")).dt.days + 1
    return (
        result["action"].to_numpy(dtype=np.int8),
        ordinals.fillna(NO_DATE).to_numpy(dtype=np.int64),
    )


# -- ours, columnar ------------------------------------------------------------------------------


Columns = dict[str, np.ndarray[Any, Any]]


def numpy_columns(accounts: pd.DataFrame, payments: pd.DataFrame) -> tuple[Columns, Columns]:
    """The pandas baseline's two tables as numpy columns, dates as datetime64[D] (not timed)."""
    sheets = {
        "account": np.arange(len(accounts), dtype=np.int64),  # account numbers
        "delivered": accounts["delivered"].to_numpy().astype("datetime64[D]"),
        "billed": accounts["billed"].to_numpy(dtype=np.int64),
        "notified": accounts["notified"].to_numpy().astype("datetime64[D]"),
        "arrears_notice": accounts["arrears"].to_numpy().astype("datetime64[D]"),
    }
    pays = {
        "row": payments["idx"].to_numpy(dtype=np.int64),
        "paid_on": payments["paid_on"].to_numpy().astype("datetime64[D]"),
        "amount": payments["amount"].to_numpy(dtype=np.int64),
    }
    return sheets, pays


def run_columnar(sheets: Columns, pays: Columns) -> DunningColumns:
    return dunning_columns(sheets, AS_OF, payments=pays)


def run_columnar_frames(accounts: pd.DataFrame, payments: pd.DataFrame) -> DunningColumns:
    """The columnar run on the pandas baseline's own DataFrames (nanosecond dates converted)."""
    frame = accounts.rename(columns={"arrears": "arrears_notice"})
    frame["account"] = frame.index
    pays = payments.rename(columns={"idx": "row"})
    return dunning_columns(frame, AS_OF, payments=pays)


def columnar_codes(result: DunningColumns) -> tuple[np.ndarray[Any, Any], ...]:
    ons = result["on"].astype("datetime64[D]").view(np.int64) + date(1970, 1, 1).toordinal()
    ons[np.isnat(result["on"])] = NO_DATE
    return result["action"].astype(np.int8), ons


def nbytes(*tables: Columns) -> int:
    return sum(int(column.nbytes) for table in tables for column in table.values())


# -- measuring -----------------------------------------------------------------------------------


def best_of(runs: int, function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def best_cpu(function: Callable[[], object]) -> float:
    """The CPU time of one run (``time.process_time``), garbage collector off, as ``timeit``.

    For a ratio of two runs of our own code on a shared machine: the time other processes take
    the core away does not count.
    """
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        function()
        return time.process_time() - start
    finally:
        gc.enable()


def traced_peak(function: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: 10x fewer accounts")
    parser.add_argument("--profile", action="store_true", help="cProfile a run of ours")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    sizes = tuple(n // scale for n in SIZES)
    small, large = sizes
    runs = 2 if args.quick else 3

    print(f"python {sys.version.split()[0]}, pandas {pd.__version__}, numpy {np.__version__}")
    started = time.perf_counter()
    pool = make_pool(POOL // scale)
    print(f"pool: {len(pool):,} accounts generated in {time.perf_counter() - started:.1f} s")
    mix = run_ours(pool, len(pool))
    print(
        "mix of next steps in the pool: "
        + ", ".join(f"{a.value} {mix[a] / len(pool):.1%}" for a in Action)
    )

    # 1. the same answers, account by account
    accounts, payments = frames(pool, large)
    ours_action, ours_on = ours_codes(pool, large)
    theirs_action, theirs_on = pandas_codes(pandas_dunning(accounts, payments, AS_OF))
    bad = np.flatnonzero((ours_action != theirs_action) | (ours_on != theirs_on))
    print(
        f"agreement on {large:,} accounts (action and date): {large - len(bad):,} agree, "
        f"{len(bad):,} differ"
    )
    for i in bad[:10]:
        print(
            f"  account {i}: ours {list(Action)[ours_action[i]]} {ours_on[i]}, "
            f"pandas {list(Action)[theirs_action[i]]} {theirs_on[i]}"
        )
    sheets, pays = numpy_columns(accounts, payments)
    col_action, col_on = columnar_codes(run_columnar(sheets, pays))
    col_bad = np.flatnonzero((ours_action != col_action) | (ours_on != col_on))
    print(
        f"agreement of the columnar run on {large:,} accounts (action and date): "
        f"{large - len(col_bad):,} agree, {len(col_bad):,} differ"
    )
    del ours_action, ours_on, theirs_action, theirs_on, col_action, col_on

    # 2. time and memory of ours
    rss_before = peak_rss_kib()
    seconds = {n: best_of(runs, partial(run_ours, pool, n)) for n in sizes}
    rss_growth = peak_rss_kib() - rss_before
    peaks = {n: traced_peak(partial(run_ours, pool, n)) for n in sizes}
    per_us = {n: seconds[n] / n * 1e6 for n in sizes}
    linear = per_us[large] / per_us[small]

    # 3. pandas on the same accounts
    pandas_seconds = best_of(runs, lambda: pandas_dunning(accounts, payments, AS_OF))
    pandas_peak = traced_peak(lambda: pandas_dunning(accounts, payments, AS_OF))
    load_seconds = best_of(1, lambda: load_frames(stream(pool, large)))

    # 3b. the columnar run on the same columns, timed in alternation with pandas
    columnar_seconds = frames_seconds = pandas_again = float("inf")
    for _ in range(runs + 2):
        columnar_seconds = min(columnar_seconds, best_of(1, partial(run_columnar, sheets, pays)))
        pandas_again = min(
            pandas_again, best_of(1, lambda: pandas_dunning(accounts, payments, AS_OF))
        )
        frames_seconds = min(
            frames_seconds, best_of(1, partial(run_columnar_frames, accounts, payments))
        )
    pandas_seconds = min(pandas_seconds, pandas_again)
    columnar_peak = traced_peak(partial(run_columnar, sheets, pays))
    input_bytes = nbytes(sheets, pays)

    # 4. a book of two versions (M-1.9), timed against the plain policy in alternation
    book_same = run_ours(pool, large, BOOK) == run_ours(pool, large)
    under_second = sum(1 for a in pool if a.delivered >= BOOK.versions[1].effective) / len(pool)
    plain_seconds = book_seconds = float("inf")  # CPU time, best of the alternating runs
    for _ in range(runs + 2):
        plain_seconds = min(plain_seconds, best_cpu(partial(run_ours, pool, large)))
        book_seconds = min(book_seconds, best_cpu(partial(run_ours, pool, large, BOOK)))
    book_ratio = book_seconds / plain_seconds
    frame_bytes = int(
        accounts.memory_usage(deep=True).sum() + payments.memory_usage(deep=True).sum()
    )

    print()
    print(f"{'accounts':>10} {'dunning_run s':>14} {'us/account':>11} {'traced peak':>12}")
    for n in sizes:
        print(f"{n:>10,} {seconds[n]:>14.2f} {per_us[n]:>11.2f} {peaks[n] / 1024:>9.1f} KiB")
    print(f"peak RSS growth during the timed runs: {rss_growth:,} KiB")
    print(
        f"pandas on {large:,}: {pandas_seconds:.2f} s ({pandas_seconds / large * 1e6:.2f} us per "
        f"account), traced peak {pandas_peak / 2**20:.1f} MiB, input frames "
        f"{frame_bytes / 2**20:.1f} MiB"
    )
    print(
        f"pandas including loading the same {large:,} AccountState values into DataFrames: "
        f"{load_seconds + pandas_seconds:.2f} s"
    )
    print(
        f"columnar dunning_columns on {large:,} (numpy columns, datetime64[D]): "
        f"{columnar_seconds:.3f} s ({columnar_seconds / large * 1e6:.3f} us per account), "
        f"traced peak {columnar_peak / 2**20:.1f} MiB, input columns {input_bytes / 2**20:.1f} MiB "
        f"({columnar_peak / input_bytes:.2f}x)"
    )
    print(
        f"columnar dunning_columns on the pandas DataFrames themselves (ns dates converted): "
        f"{frames_seconds:.3f} s"
    )
    speedup = pandas_seconds / columnar_seconds
    print(f"ratio pandas / columnar at {large:,}: {speedup:.2f}x (columnar faster when > 1)")
    ratio = seconds[large] / pandas_seconds
    print(
        f"ratio dunning_run / pandas at {large:,}: {ratio:.2f}x "
        f"({'pandas faster' if ratio > 1 else 'ours faster'})"
    )
    print(
        f"book of two versions on {large:,} ({under_second:.0%} of the sheets under the second): "
        f"{book_seconds:.2f} s CPU against {plain_seconds:.2f} s CPU for one policy, "
        f"ratio {book_ratio:.3f}x; same answers: {book_same}"
    )
    print()
    target = TARGET_SECONDS / scale
    print(
        f"target <= {target:g} s for {large:,}: {verdict(seconds[large] <= target)} "
        f"({seconds[large]:.2f} s)"
    )
    print(
        f"target linear ({large:,} vs {small:,} per account <= {TARGET_LINEAR}x): "
        f"{verdict(linear <= TARGET_LINEAR)} ({linear:.2f}x)"
    )
    flat = peaks[large] <= 1.1 * peaks[small] + 64 * 1024
    kib = (peaks[small] / 1024, peaks[large] / 1024)
    print(
        f"target flat memory (traced peak at {large:,} within 10 % + 64 KiB of {small:,}): "
        f"{verdict(flat)} ({kib[0]:.1f} KiB vs {kib[1]:.1f} KiB)"
    )
    print(f"answers agree with pandas: {verdict(not len(bad))}")
    print(f"columnar answers agree with dunning_run: {verdict(not len(col_bad))}")
    print(
        f"target columnar >= {TARGET_COLUMNAR}x faster than pandas on the same columns: "
        f"{verdict(speedup >= TARGET_COLUMNAR)} ({speedup:.2f}x)"
    )
    print(
        f"target columnar traced peak <= {TARGET_MEMORY}x its input columns: "
        f"{verdict(columnar_peak <= TARGET_MEMORY * input_bytes)} "
        f"({columnar_peak / input_bytes:.2f}x)"
    )
    print(
        f"target book of two versions <= {TARGET_BOOK}x one policy: "
        f"{verdict(book_ratio <= TARGET_BOOK and book_same)} ({book_ratio:.3f}x)"
    )

    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run_ours, pool, small)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
        print(out.getvalue())
    return 0 if not len(bad) and not len(col_bad) and book_same else 1


if __name__ == "__main__":
    raise SystemExit(main())
