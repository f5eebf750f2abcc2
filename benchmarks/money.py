"""Benchmark: ``allocate(Money, weights)`` against a hand-written Decimal split and apportionment.

Run:  uv run --group bench python benchmarks/money.py [--quick] [--profile]

Times ``custpolicy.allocate`` for 2, 10, 100 and 10,000 parties, with int weights and with
Decimal weights (4 decimal places), on totals up to 10**15 minor units (fen), against:

- a plain Decimal largest-remainder split written below, as a developer would write it by hand
  (Decimal division in the default 28-digit context, ``quantize`` with ROUND_FLOOR, leftover
  cents to the largest remainders, ties to the smaller key);
- the ``apportionment`` package: ``methods.compute("largest_remainder", votes, seats)``
  (Hamilton), with the minor units as seats. Its default float mode multiplies votes by seats
  in int64 and overflows at these totals, so it is timed with ``fractions=True`` (exact
  Fractions); Decimal weights are scaled to integers first (inside the timed call), because
  fractions mode truncates non-integer votes with ``int()``.

A fourth figure, in the growth table only, is a yardstick for "linear": each party's exact floor
share ``units * weight // total_weight`` in one list comprehension over weights already made
integers, with no remainders and no sort. Every split in the table does at least this, and all of
it is linear time, so its growth is what this machine's memory adds as the lists outgrow the caches.

Before timing, every part list is checked: parts add up to the total and equal the baseline's
and apportionment's parts. Any mismatch is printed. Benchmarks print figures; they never
assert times.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import timeit
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import TypeVar, cast

from apportionment import methods as apportionment_methods

from custpolicy import Money, allocate
from custpolicy.foundation import money as money_module

PARTIES = (2, 10, 100, 10_000)
MAX_TOTAL = 10**15  # minor units
WEIGHT_PLACES = 4
SEED = 20240601

TARGET_10_US = 10.0
TARGET_GROWTH = 1.5  # per-party cost at 10,000 parties over that at 100: "linear" if <= this

Weights = dict[str, int] | dict[str, Decimal]
T = TypeVar("T")


@dataclass(frozen=True)
class Case:
    total: Money
    weights: Weights

    @property
    def decimal_total(self) -> Decimal:
        return self.total.amount


# -- the implementations ----------------------------------------------------------------------


def ours(case: Case) -> list[int]:
    return [part.minor for part in allocate(case.total, case.weights).values()]


def decimal_baseline(total: Decimal, weights: Mapping[str, Decimal | int]) -> dict[str, Decimal]:
    """Largest remainder by hand with Decimal, as a developer would write it."""
    cent = Decimal("0.01")
    total_weight = sum(Decimal(w) for w in weights.values())
    shares = {k: total * Decimal(w) / total_weight for k, w in weights.items()}
    parts = {k: share.quantize(cent, rounding=ROUND_FLOOR) for k, share in shares.items()}
    left = int((total - sum(parts.values())) / cent)
    by_remainder = sorted(weights, key=lambda k: (-(shares[k] - parts[k]), k))
    for k in by_remainder[:left]:
        parts[k] += cent
    return parts


def baseline(case: Case) -> list[int]:
    parts = decimal_baseline(case.decimal_total, case.weights)
    return [int(part.scaleb(2)) for part in parts.values()]


def apportionment(case: Case, fractions: bool = True) -> list[int]:
    keys = list(case.weights)
    votes = [
        w if w.__class__ is int else int(cast(Decimal, w).scaleb(WEIGHT_PLACES))
        for w in case.weights.values()
    ]
    seats = apportionment_methods.compute(
        "largest_remainder", votes, case.total.minor, fractions=fractions, parties=keys
    )
    return [int(s) for s in seats]


IMPLEMENTATIONS: dict[str, Callable[[Case], object]] = {
    "custpolicy": lambda case: allocate(case.total, case.weights),
    "Decimal baseline": lambda case: decimal_baseline(case.decimal_total, case.weights),
    "apportionment": apportionment,
}


# -- inputs -----------------------------------------------------------------------------------


def make_totals(count: int, rng: random.Random) -> list[Money]:
    """Totals spread over magnitudes, up to 10**15 minor units; the last is 10**15.

    Every party count splits the same totals, so that the cost per party compares like with
    like: the size of the total changes the size of every product and remainder.
    """
    totals = [
        Money.from_minor(rng.randint(1, 10 ** rng.randint(3, 15)), "CNY") for _ in range(count)
    ]
    totals[-1] = Money.from_minor(MAX_TOTAL, "CNY")
    return totals


def make_cases(parties: int, kind: str, totals: Sequence[Money], rng: random.Random) -> list[Case]:
    cases = []
    keys = [f"p{i:05d}" for i in range(parties)]
    for total in totals:
        weights: Weights
        if kind == "int":
            weights = {k: rng.randint(1, 10**6) for k in keys}
        else:
            weights = {k: Decimal(rng.randint(1, 10**8)).scaleb(-WEIGHT_PLACES) for k in keys}
        cases.append(Case(total, weights))
    return cases


def tie_cases() -> list[tuple[str, Case]]:
    """Equal remainders: who gets the leftover cents depends on the tie-break rule."""
    ascending = {f"p{i:02d}": 1 for i in range(10)}
    descending = dict(reversed(list(ascending.items())))
    total = Money.from_minor(10**15 + 7, "CNY")
    return [
        ("10 equal int weights, keys listed ascending", Case(total, ascending)),
        ("10 equal int weights, keys listed descending", Case(total, descending)),
    ]


# -- checks -----------------------------------------------------------------------------------


def check(label: str, case: Case, problems: list[str]) -> None:
    got = ours(case)
    if sum(got) != case.total.minor:
        problems.append(f"{label}: custpolicy parts add up to {sum(got)}, not {case.total.minor}")
    expected = baseline(case)
    if got != expected:
        differ = sum(a != b for a, b in zip(got, expected, strict=True))
        problems.append(f"{label}: {differ} parts differ from the Decimal baseline")
    seats = apportionment(case)
    if got != seats:
        differ = sum(a != b for a, b in zip(got, seats, strict=True))
        problems.append(f"{label}: {differ} parts differ from apportionment (fractions=True)")


def check_float_mode(case: Case) -> str:
    try:
        seats = apportionment(case, fractions=False)
    except (IndexError, ValueError, OverflowError) as error:
        return f"fails: {type(error).__name__}: {str(error)[:70]}"
    differ = sum(a != b for a, b in zip(ours(case), seats, strict=True))
    total = sum(seats)
    return f"{differ} of {len(seats)} parts differ from ours; parts add up to {total}"


# -- timing -----------------------------------------------------------------------------------


def best_us(fn: Callable[[T], object], cases: Sequence[T], repeat: int, floor: float) -> float:
    """Best of ``repeat`` runs over ``cases`` (looped until a run takes ``floor`` seconds)."""

    def run() -> None:
        for case in cases:
            fn(case)

    run()
    loops = 1
    while (elapsed := timeit.timeit(run, number=loops)) < floor:
        loops *= 2 if elapsed == 0 else max(2, min(10, int(floor / elapsed) + 1))
    best = min(timeit.repeat(run, number=loops, repeat=repeat))
    return best / (loops * len(cases)) * 1e6


def floors_alone(prepared: tuple[int, list[int], int]) -> list[int]:
    """The linear yardstick: the exact floor shares, from prepared integer weights."""
    units, weights, total_weight = prepared
    return [units * w // total_weight for w in weights]


def yardstick_us(cases: Sequence[Case], repeat: int, floor: float) -> float:
    """µs per call of :func:`floors_alone` over ``cases``."""
    prepared = []
    for case in cases:
        weights = [
            w if w.__class__ is int else int(cast(Decimal, w).scaleb(WEIGHT_PLACES))
            for w in case.weights.values()
        ]
        prepared.append((case.total.minor, weights, sum(weights)))
    return best_us(floors_alone, prepared, repeat, floor)


def profile_ours(cases: Sequence[Case]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(2000):
        for case in cases:
            allocate(case.total, case.weights)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    print(out.getvalue())


def breakdown(cases: Sequence[Case], repeat: int, floor: float) -> None:
    """Time the steps of allocate() one by one, through money.py's internal helpers.

    The helpers are private and may change; a step whose helper is gone is skipped.
    """
    helpers = {
        name: getattr(money_module, name, None)
        for name in ("_int_weights", "_in_key_order", "_largest_remainder")
    }
    if any(helper is None for helper in helpers.values()):
        print("  (money.py's internal helpers changed: no breakdown)")
        return
    int_weights = cast(Callable[..., list[int]], helpers["_int_weights"])
    in_key_order = cast(Callable[..., list[int]], helpers["_in_key_order"])
    split = cast(Callable[..., tuple[list[int], list[int]]], helpers["_largest_remainder"])
    prepared = {id(case): int_weights(case.weights, "allocate") for case in cases}
    keys = {id(case): tuple(case.weights) for case in cases}
    steps: dict[str, Callable[[Case], object]] = {
        "weights to integers (_int_weights)": lambda c: int_weights(c.weights, "allocate"),
        "floors, remainders, leftovers (_largest_remainder)": lambda c: split(
            abs(c.total.minor), prepared[id(c)], keys[id(c)]
        ),
        "all parties in key order, for a tie at the cut (_in_key_order)": lambda c: in_key_order(
            list(range(len(c.weights))), keys[id(c)]
        ),
        "the whole allocate()": lambda c: allocate(c.total, c.weights),
    }
    for label, step in steps.items():
        print(f"  {label:48} {best_us(step, cases, repeat, floor):7.2f} µs")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer cases and runs")
    parser.add_argument("--profile", action="store_true", help="cProfile ours even if on target")
    args = parser.parse_args(argv)
    repeat, floor, count = (2, 0.01, 2) if args.quick else (5, 0.1, 5)
    rng = random.Random(SEED)
    kinds = ("int", "Decimal")
    totals = make_totals(count, rng)
    cases = {(n, kind): make_cases(n, kind, totals, rng) for n in PARTIES for kind in kinds}

    print("== correctness (before timing) ==")
    problems: list[str] = []
    checked = 0
    for (n, kind), listed in cases.items():
        for index, case in enumerate(listed):
            check(f"{n} parties, {kind} weights, case {index}", case, problems)
            checked += 1
    for label, case in tie_cases():
        got, expected, seats = ours(case), baseline(case), apportionment(case)
        extras = [k for k, p in zip(case.weights, got, strict=True) if p > min(got)]
        print(f"ties, {label}: custpolicy gives the 7 leftover units to {extras}")
        print(
            f"    Decimal baseline {'agrees' if got == expected else 'DIFFERS'}; apportionment "
            f"{'agrees' if got == seats else 'DIFFERS (it breaks ties by listed order)'}"
        )
    print(
        f"{checked} random cases checked: "
        + ("parts add up and equal both peers'" if not problems else "MISMATCHES")
    )
    for line in problems:
        print(f"    {line}")
    case = cases[10, "int"][-1]
    print(
        f"apportionment default float mode, 10 parties, total {case.total.minor}: "
        f"{check_float_mode(case)}"
    )
    small = Case(Money.from_minor(10**9 + 3, "CNY"), cases[100, "int"][0].weights)
    print(
        f"apportionment default float mode, 100 parties, total {small.total.minor}: "
        f"{check_float_mode(small)}"
    )

    print(f"\n== timing: best of {repeat} runs, µs per call ==")
    names = list(IMPLEMENTATIONS)
    results: dict[tuple[int, str, str], float] = {}
    for (n, kind), listed in cases.items():
        for name, fn in IMPLEMENTATIONS.items():
            results[n, kind, name] = best_us(fn, listed, repeat, floor)
    header = f"{'parties':>8} {'weights':8}" + "".join(f"{name:>26}" for name in names)
    print(header + f"{'ours per party':>16}")
    for n in PARTIES:
        for kind in kinds:
            ours_us = results[n, kind, "custpolicy"]
            line = f"{n:>8} {kind:8}"
            for name in names:
                us = results[n, kind, name]
                line += f"{us:>14.1f} ({us / ours_us:6.2f}x)  "
            print(line + f"{ours_us / n:>14.3f}")
    print("(ratio = peer time / custpolicy time; per party = µs per call / parties)")

    print("\n== growth: per-party cost at 10,000 parties / at 100 parties ==")
    growth = {}
    for kind in kinds:
        for name in names:
            g = (results[10_000, kind, name] / 10_000) / (results[100, kind, name] / 100)
            growth[kind, name] = g
            print(f"  {name:18} {kind:8} {g:5.2f}x")
        yard = (yardstick_us(cases[10_000, kind], repeat, floor) / 10_000) / (
            yardstick_us(cases[100, kind], repeat, floor) / 100
        )
        print(f"  {'floors alone':18} {kind:8} {yard:5.2f}x   (the linear yardstick)")

    print("\n== targets ==")
    ten = max(results[10, kind, "custpolicy"] for kind in kinds)
    worst_growth = max(growth[kind, "custpolicy"] for kind in kinds)
    verdicts = [
        (f"10 parties <= {TARGET_10_US} µs per call (ours: {ten:.1f} µs)", ten <= TARGET_10_US),
        (
            (
                f"linear growth: per-party cost at 10,000 within {TARGET_GROWTH}x of that at "
                f"100 (ours: {worst_growth:.2f}x)"
            ),
            worst_growth <= TARGET_GROWTH,
        ),
    ]
    for text, met in verdicts:
        print(f"  {'MET   ' if met else 'MISSED'} {text}")
    if args.profile or not all(met for _, met in verdicts):
        print("\n== cProfile of ours: allocate, 10 parties, int weights, 2000 x the cases ==")
        profile_ours(cases[10, "int"])
        for kind in kinds:
            print(f"== allocate's steps timed one by one: 10 parties, {kind} weights ==")
            breakdown(cases[10, kind], min(repeat, 3), floor / 2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
