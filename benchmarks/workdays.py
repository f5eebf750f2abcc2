"""Benchmark: working-day arithmetic on the China calendar, against peer libraries.

Run:  uv run --group bench python benchmarks/workdays.py [--quick] [--profile]

Times ``WorkCalendar.add_working_days(d, n)`` for n = 5, 13, 250 and
``WorkCalendar.working_days_between(d, d + 365 days)`` on ``custpolicy.china()`` for a fixed,
varied set of start dates spread over 2010-2024, and the same questions answered by:

- ``holidays``: ``holidays.China`` with its make-up working days (``weekend_workdays``), through
  its own day-by-day loops ``get_nth_working_day`` and ``get_working_days_count``;
- pandas ``CustomBusinessDay`` and numpy ``busday_offset``/``busday_count``, both set up on
  china()'s own data: a weekmask of all seven days, and as holidays every weekend day that is
  not a make-up working day plus every weekday day off (a Mon-Fri weekmask cannot express a
  Saturday or Sunday that is a working day);
- ``workalendar.asia.China``, on its own data, only on the years it covers.

Before timing, every peer's answers are checked against ours on the sample dates, and every
peer's working-day status is compared with ours day by day; any mismatch is printed.
Benchmarks print figures; they never assert times.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import timeit
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

import holidays
import numpy as np
import pandas as pd
import workalendar.asia.china as workalendar_china

from custpolicy import WorkCalendar, china

N_VALUES = (5, 13, 250)
YEAR = timedelta(days=365)
ONE_DAY = timedelta(days=1)
SAMPLE_FIRST, SAMPLE_LAST = date(2010, 1, 1), date(2024, 12, 31)
SEED = 20240601

TARGET_US = 3.0
TARGET_FLAT = 1.5
TARGET_SPEEDUP = 10.0

AddFn = Callable[[date, int], date]
BetweenFn = Callable[[date, date], int]


@dataclass(frozen=True)
class Op:
    """One question: add n working days, or count the working days in (d, d + 365]."""

    kind: str  # "add" or "between"
    n: int = 0

    @property
    def label(self) -> str:
        return f"add n={self.n}" if self.kind == "add" else "between ~1y"


OPS = (*(Op("add", n) for n in N_VALUES), Op("between"))


@dataclass
class Peer:
    """A way to answer the questions, and where it may be asked them."""

    name: str
    add: AddFn
    between: BetweenFn
    is_working_day: Callable[[date], bool]
    covers: Callable[[date], bool] = lambda d: True
    note: str = ""
    loop_dates: dict[Op, list[date]] = field(default_factory=dict)


@dataclass
class Row:
    op: Op
    peer: str
    us: float
    ours_us: float
    timed_on: int
    mismatches: str


@contextmanager
def quiet_workalendar() -> Iterator[None]:
    # workalendar's China warns "Support years 2018-2023 currently" on every year it computes.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


# -- the shared calendar data ---------------------------------------------------------------------


def china_days_off(cal: WorkCalendar) -> list[date]:
    """Every non-working day of the covered years, from the calendar's own published lists."""
    makeup = {d for year in cal.years for d in year.workdays}
    listed_off = {d for year in cal.years for d in year.days_off}
    first = date(cal.first_year, 1, 1).toordinal()
    last = date(cal.last_year, 12, 31).toordinal()
    off = []
    for o in range(first, last + 1):
        d = date.fromordinal(o)
        weekend = d.weekday() >= 5
        if (weekend and d not in makeup) or (not weekend and d in listed_off):
            off.append(d)
    return off


# -- peers ----------------------------------------------------------------------------------------


def make_ours(cal: WorkCalendar) -> Peer:
    return Peer(
        "custpolicy",
        cal.add_working_days,
        cal.working_days_between,
        cal.is_working_day,
        cal.covers,
    )


def make_holidays(cal: WorkCalendar) -> Peer:
    # country_holidays('CN') is holidays.China (typed entry point; holidays.China's own
    # __init__ is untyped for mypy --strict).
    h = holidays.country_holidays("CN", years=range(cal.first_year, cal.last_year + 1))

    def between(a: date, b: date) -> int:
        # get_working_days_count counts [start, end]; (a, b] is [a + 1 day, b].
        return int(h.get_working_days_count(a + ONE_DAY, b))

    return Peer(
        "holidays",
        h.get_nth_working_day,
        between,
        h.is_working_day,
        note="holidays.China via country_holidays('CN'), own data (compared with china() day "
        "by day above); make-up days from .weekend_workdays; get_nth_working_day and "
        "get_working_days_count walk day by day",
    )


def make_pandas(off: Sequence[date]) -> Peer:
    week = "Mon Tue Wed Thu Fri Sat Sun"
    offsets = {
        n: pd.offsets.CustomBusinessDay(n, weekmask=week, holidays=list(off))
        for n in (1, *N_VALUES)
    }
    one = offsets[1]

    def add(d: date, n: int) -> date:
        return cast(date, (pd.Timestamp(d) + offsets[n]).date())

    def between(a: date, b: date) -> int:
        # pandas has no business-day count; a pandas user counts the range's dates.
        return len(pd.date_range(a + ONE_DAY, b, freq=one))

    def is_working_day(d: date) -> bool:
        return bool(one.is_on_offset(pd.Timestamp(d)))

    return Peer(
        "pandas",
        add,
        between,
        is_working_day,
        note="Timestamp + CustomBusinessDay(n); count = len(date_range(d + 1, e, freq=CDay))",
    )


def make_numpy(off: Sequence[date]) -> tuple[Peer, np.busdaycalendar]:
    busdays = np.busdaycalendar(weekmask="1111111", holidays=np.array(off, dtype="datetime64[D]"))

    def add(d: date, n: int) -> date:
        # roll='backward' then +n: from a day off, step back to the previous working day p; the
        # n-th working day after p is the n-th strictly after d. roll='forward' would count the
        # next working day as step 0 and land one working day too late.
        result = np.busday_offset(d, n, roll="backward", busdaycal=busdays)
        return cast(date, result.item())

    def between(a: date, b: date) -> int:
        # busday_count counts [begin, end); (a, b] is [a + 1 day, b + 1 day).
        return int(np.busday_count(a + ONE_DAY, b + ONE_DAY, busdaycal=busdays))

    def is_working_day(d: date) -> bool:
        return bool(np.is_busday(d, busdaycal=busdays))

    peer = Peer(
        "numpy",
        add,
        between,
        is_working_day,
        note="busday_offset(d, n, roll='backward'); busday_count(d + 1, e + 1)",
    )
    return peer, busdays


def workalendar_years() -> tuple[int, int]:
    data = cast(dict[int, Any], workalendar_china.holidays)
    return min(data), max(data)


def make_workalendar() -> Peer:
    first, last = workalendar_years()
    w = workalendar_china.China()

    def covers(d: date) -> bool:
        return first <= d.year <= last

    return Peer(
        "workalendar",
        w.add_working_days,
        w.get_working_days_delta,
        w.is_working_day,
        covers,
        note=f"workalendar.asia.China, own data, covers {first}-{last} only",
    )


# -- checks ---------------------------------------------------------------------------------------


def answer(peer: Peer, op: Op, d: date) -> date | int:
    return peer.add(d, op.n) if op.kind == "add" else peer.between(d, d + YEAR)


def usable(ours: Peer, peer: Peer, op: Op, d: date) -> bool:
    """Whether start, end and our answer all lie where ``peer`` has data."""
    end = ours.add(d, op.n) if op.kind == "add" else d + YEAR
    return peer.covers(d) and peer.covers(end)


def check_days(ours: Peer, peer: Peer, first: date, last: date) -> list[date]:
    """The days in [first, last] on which ``peer`` and ours disagree about working."""
    differ = []
    for o in range(first.toordinal(), last.toordinal() + 1):
        d = date.fromordinal(o)
        if peer.covers(d) and peer.is_working_day(d) != ours.is_working_day(d):
            differ.append(d)
    return differ


def check_answers(ours: Peer, peer: Peer, op: Op, dates: Sequence[date]) -> list[str]:
    problems = []
    for d in dates:
        expected, got = answer(ours, op, d), answer(peer, op, d)
        if expected != got:
            problems.append(f"{op.label} from {d}: custpolicy {expected}, {peer.name} {got}")
    return problems


# -- timing ---------------------------------------------------------------------------------------


def loop(fn: AddFn | BetweenFn, op: Op, dates: Sequence[date]) -> Callable[[], None]:
    if op.kind == "add":
        add, n = cast(AddFn, fn), op.n

        def run_add() -> None:
            for d in dates:
                add(d, n)

        return run_add
    between = cast(BetweenFn, fn)
    ends = [d + YEAR for d in dates]

    def run_between() -> None:
        for a, b in zip(dates, ends, strict=True):
            between(a, b)

    return run_between


def ratio(value: float) -> str:
    return f"{value:5.2f}x" if value < 10 else f"{value:5.0f}x"


def best_us(run: Callable[[], None], calls: int, repeat: int) -> float:
    """Best of ``repeat`` runs, in µs per call."""
    return min(timeit.repeat(run, number=1, repeat=repeat)) / calls * 1e6


def time_peer(
    peer: Peer, op: Op, dates: Sequence[date], repeat: int, budget: float
) -> tuple[float, int]:
    """µs per call, on as many of ``dates`` as fit in ``budget`` seconds per run."""
    fn = peer.add if op.kind == "add" else peer.between
    probe = list(dates[:10])
    loop(fn, op, probe)()  # warm caches (holidays and workalendar build years lazily)
    per_call = best_us(loop(fn, op, probe), len(probe), 1) / 1e6
    fits = len(dates) if budget == float("inf") else int(budget / per_call)
    count = max(min(len(dates), 30), min(len(dates), fits))
    subset = list(dates[:count])
    return best_us(loop(fn, op, subset), count, repeat), count


def time_numpy_vectorised(
    busdays: np.busdaycalendar, op: Op, dates: Sequence[date], repeat: int
) -> float:
    starts = np.array(dates, dtype="datetime64[D]")
    if op.kind == "add":
        n = op.n

        def run() -> None:
            np.busday_offset(starts, n, roll="backward", busdaycal=busdays)

    else:
        begins = starts + np.timedelta64(1, "D")
        ends = begins + np.timedelta64(365, "D")

        def run() -> None:
            np.busday_count(begins, ends, busdaycal=busdays)

    run()
    return best_us(run, len(dates), repeat)


def profile_ours(cal: WorkCalendar, dates: Sequence[date]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        for d in dates:
            cal.add_working_days(d, 5)
            cal.add_working_days(d, 250)
            cal.working_days_between(d, d + YEAR)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(12)
    print(out.getvalue())


def breakdown_ours(cal: WorkCalendar, dates: Sequence[date], repeat: int) -> None:
    """How much of a call is the arithmetic, and how much is around it.

    Reads WorkCalendar's private tables (the method is documented in workdays.py: weekday
    arithmetic plus a prefix sum over the listed exceptions); skipped if they have changed.
    """
    names = ("_first", "_last", "_per_week", "_before", "_position", "_exceptions", "_shift")
    tables = [getattr(cal, name, None) for name in (*names, "_count_at")]
    if any(table is None for table in tables):
        print("  (WorkCalendar's private tables changed: no breakdown)")
        return
    first, last, per_week, before, position, exceptions, shift, count_at = cast(
        tuple[
            int,
            int,
            int,
            tuple[int, ...],
            tuple[int, ...],
            tuple[int, ...],
            tuple[int, ...],
            tuple[int, ...],
        ],
        tuple(tables),
    )

    def arithmetic(d: date, n: int) -> date:
        o = d.toordinal()
        if not first <= o <= last:
            raise ValueError(d)
        weeks, day = divmod(o - 1, 7)
        k = per_week * weeks + before[day] + shift[bisect_right(exceptions, o)] + n
        i = bisect_left(count_at, k)
        weeks, day = divmod(k - shift[i] - 1, per_week)
        result = 7 * weeks + position[day] + 1
        if i < len(exceptions) and result >= exceptions[i]:
            result = exceptions[i]
        return date.fromordinal(result)

    op = Op("add", 5)
    checked = all(arithmetic(d, 5) == cal.add_working_days(d, 5) for d in dates)

    def describe() -> None:
        # the cost of formatting a date into a message, as a coverage check's argument does
        for d in dates:
            f"d {d}"

    full = best_us(loop(cal.add_working_days, op, dates), len(dates), repeat)
    bare = best_us(loop(arithmetic, op, dates), len(dates), repeat)
    print(f"  add_working_days(d, 5), as shipped:             {full:5.2f} µs")
    print(
        f"  the same arithmetic in one plain function:      {bare:5.2f} µs"
        f"{'' if checked else '  (ANSWERS DIFFER: breakdown invalid)'}"
    )
    print(
        f"  formatting one date into a message, f'd {{d}}':  "
        f"{best_us(describe, len(dates), repeat):5.2f} µs"
    )


# -- main -----------------------------------------------------------------------------------------


def sample_dates(count: int, first: date, last: date, rng: random.Random) -> list[date]:
    ordinals = rng.sample(range(first.toordinal(), last.toordinal() + 1), count)
    return [date.fromordinal(o) for o in ordinals]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer dates and runs")
    parser.add_argument("--profile", action="store_true", help="cProfile ours even if on target")
    args = parser.parse_args(argv)
    count, repeat, budget = (200, 2, 0.03) if args.quick else (1000, 7, 0.25)

    cal = china()
    print(f"calendar {cal.name!r} covers {cal.first_year}-{cal.last_year}")
    rng = random.Random(SEED)
    first = max(SAMPLE_FIRST, date(cal.first_year, 1, 1))
    last = min(SAMPLE_LAST, date(cal.last_year - 1, 12, 31))
    if first > last:
        print("the calendar does not cover the sample span: nothing to do")
        return 1
    dates = sample_dates(count, first, last, rng)
    wk_first, wk_last = workalendar_years()
    wk_dates = sample_dates(count, date(wk_first, 1, 1), date(wk_last - 1, 12, 31), rng)
    print(
        f"{len(dates)} start dates in {first}..{last}; workalendar: {len(wk_dates)} in "
        f"{wk_first}-01-01..{wk_last - 1}-12-31 (it covers {wk_first}-{wk_last})"
    )

    off = china_days_off(cal)
    ours = make_ours(cal)
    numpy_peer, busdays = make_numpy(off)
    with quiet_workalendar():
        peers = [make_holidays(cal), make_pandas(off), numpy_peer, make_workalendar()]

    # 1. correctness: day-level calendars, then every answer on the sample dates
    print("\n== correctness (before timing) ==")
    # day-level status over the whole calendar, not only the sample span
    span_first, span_last = date(cal.first_year, 1, 1), date(cal.last_year, 12, 31)
    clean = True
    with quiet_workalendar():
        for peer in peers:
            differ = check_days(ours, peer, span_first, span_last)
            where = f"{span_first}..{span_last}" + (
                f" (where {peer.name} has data)" if peer.name == "workalendar" else ""
            )
            print(
                f"{peer.name:12} working-day status differs from ours on {len(differ)} days "
                f"of {where}"
            )
            for d in differ[:25]:
                print(
                    f"    {d} {d.strftime('%a')}: custpolicy working={ours.is_working_day(d)}, "
                    f"{peer.name} working={peer.is_working_day(d)}"
                )
            if len(differ) > 25:
                print(f"    ... and {len(differ) - 25} more")
            starts = wk_dates if peer.name == "workalendar" else dates
            for op in OPS:
                usable_dates = [d for d in starts if usable(ours, peer, op, d)]
                problems = check_answers(ours, peer, op, usable_dates)
                peer.loop_dates[op] = usable_dates
                clean &= not problems and not differ
                print(f"    {op.label:12} {len(problems):4} of {len(usable_dates)} answers differ")
                for line in problems[:5]:
                    print(f"        {line}")
    print("all peers agree with custpolicy" if clean else "MISMATCHES: see above")

    # 2. timing
    print(f"\n== timing: best of {repeat} runs, µs per call ==")
    rows: list[Row] = []
    ours_us: dict[Op, float] = {}
    with quiet_workalendar():
        for op in OPS:
            ours_us[op] = time_peer(ours, op, dates, repeat, float("inf"))[0]
            rows.append(Row(op, "custpolicy", ours_us[op], ours_us[op], len(dates), "-"))
            for peer in peers:
                loop_dates = peer.loop_dates[op]
                base = ours_us[op]
                if peer.name == "workalendar":
                    base = time_peer(ours, op, loop_dates, repeat, float("inf"))[0]
                us, timed = time_peer(peer, op, loop_dates, repeat, budget)
                bad = len(check_answers(ours, peer, op, loop_dates[:timed]))
                rows.append(Row(op, peer.name, us, base, timed, str(bad)))
            vec = time_numpy_vectorised(busdays, op, dates, repeat)
            rows.append(Row(op, "numpy, vectorised", vec, ours_us[op], len(dates), "n/a"))

    names = ["custpolicy", *(peer.name for peer in peers), "numpy, vectorised"]
    cell = {(row.op, row.peer): row for row in rows}
    print("µs per call (peer/ours)")
    print(f"{'':13}" + "".join(f"{name:>20}" for name in names))
    for op in OPS:
        line = f"{op.label:13}"
        for name in names:
            row = cell[op, name]
            line += f"{row.us:>11.2f} ({ratio(row.us / row.ours_us)})"
        print(line)
    print("\ndates timed on / answers differing from ours among them")
    print(f"{'':13}" + "".join(f"{name:>20}" for name in names))
    for op in OPS:
        line = f"{op.label:13}"
        for name in names:
            row = cell[op, name]
            line += f"{f'{row.timed_on} / {row.mismatches}':>20}"
        print(line)
    print("\nnotes:")
    for peer in peers:
        print(f"  {peer.name}: {peer.note}")
    print(
        "  numpy, vectorised: one busday_offset/busday_count call on an array of all start "
        "dates, µs per date (not a per-call API; shown for scale)"
    )
    print("  workalendar's ratio is against ours timed on the same 2018-2022 start dates")

    # 3. targets
    flat = ours_us[Op("add", 250)] / ours_us[Op("add", 5)]
    worst = max(ours_us.values())
    speedups = {
        (op, row.peer): row.us / row.ours_us
        for op in OPS
        for row in rows
        if row.op == op and row.peer in ("holidays", "pandas")
    }
    slowest = min(speedups.values())
    print("\n== targets ==")
    verdicts = [
        (f"ours <= {TARGET_US} µs per call (worst: {worst:.2f} µs)", worst <= TARGET_US),
        (f"n=250 within {TARGET_FLAT}x of n=5 (n=250 / n=5 = {flat:.2f})", flat <= TARGET_FLAT),
        (
            f">= {TARGET_SPEEDUP:.0f}x faster than holidays and pandas (least: {slowest:.1f}x)",
            slowest >= TARGET_SPEEDUP,
        ),
    ]
    for text, met in verdicts:
        print(f"  {'MET   ' if met else 'MISSED'} {text}")
    if args.profile or not all(met for _, met in verdicts):
        print("\n== cProfile of ours (add n=5, add n=250, between ~1y; 20 x the dates) ==")
        profile_ours(cal, dates)
        print("== where a call's time goes ==")
        breakdown_ours(cal, dates, repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
