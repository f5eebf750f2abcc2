"""Benchmark: the L-2.3 fair split of leads against a plain round-robin deal.

Run:  uv run python benchmarks/leads.py [--quick]

Splits N leads (5 grades, random IDs) among 50 participants with
``custpolicy.foundation.fairsplit``:
grades balanced, leftovers to the fewest so far by a ledger carried from a previous event.
Beside it, in the same run, a plain Python round-robin written as a developer would by hand:
sort the leads by (grade, ID), deal them in turn to the participants sorted by name, no ledger.

A third figure is a yardstick for "linear": dealing the leads in the order they are listed into a
dict, with no sort and no checks. Every step of it is linear time, so the growth of its cost per
lead is what this machine's memory adds as the data outgrows the caches. (The round-robin baseline
sorts, so it is not a linear-time yardstick.)

Before timing, both are checked: with an empty ledger the two must give the same assignment
(the fair split then deals in the same order); with a ledger, every lead must be assigned once
and the counts must differ by at most one overall and within each grade. Any mismatch is printed.

Targets (issue 3): 100,000 leads in under 1 s on one core; linear growth (the cost per lead at
the largest N within 1.5x of that at 10,000). Benchmarks print figures; they never assert.
"""

from __future__ import annotations

import argparse
import random
import sys
import timeit
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

from custpolicy.foundation.clauses import L_2_3
from custpolicy.foundation.fairsplit import FairSplit, Ledger, fair_split

SEED = 20261127
PARTICIPANTS = 50
GRADES = ("A", "B", "C", "D", "E")
TARGET_SECONDS = 1.0
TARGET_N = 100_000
TARGET_GROWTH = 1.5

Items = list[tuple[str, str | None]]


def make_items(n: int, rng: random.Random) -> Items:
    ids = rng.sample(range(10 * n), n)
    return [(f"L{i:08d}", rng.choice(GRADES)) for i in ids]


def make_people() -> list[str]:
    people = [f"staff{i:02d}" for i in range(PARTICIPANTS)]
    random.Random(SEED).shuffle(people)  # listing order must not matter
    return people


def make_ledger(people: Sequence[str], rng: random.Random) -> Ledger:
    """A ledger from earlier events: everyone has had 3 or 4 leftovers."""
    return Ledger(extras={p: 3 + rng.randint(0, 1) for p in people}, splits=12)


def ours(items: Items, people: Sequence[str], ledger: Ledger | None) -> FairSplit:
    return fair_split(items, people, clause=L_2_3, ledger=ledger)


def round_robin(items: Items, people: Sequence[str]) -> dict[str, str]:
    """The plain baseline: sort by (grade, ID), deal in turn to the participants by name."""
    order = sorted(people)
    ranked = sorted(items, key=lambda item: (item[1] or "", item[0]))
    return {key: order[i % len(order)] for i, (key, _) in enumerate(ranked)}


def deal_as_listed(items: Items, people: Sequence[str]) -> dict[str, str]:
    """The linear yardstick: deal in the listed order, no sort, no checks."""
    count = len(people)
    return {key: people[i % count] for i, (key, _) in enumerate(items)}


def check(n: int, items: Items, people: list[str], ledger: Ledger) -> list[str]:
    problems = []
    plain = ours(items, people, None)
    if dict(plain.assignment) != round_robin(items, people):
        problems.append(f"n={n}: empty-ledger split differs from the round-robin baseline")
    split = ours(items, people, ledger)
    if sorted(split.assignment) != sorted(key for key, _ in items):
        problems.append(f"n={n}: a lead is lost or assigned twice")
    counts = Counter(split.assignment.values())
    if max(counts[p] for p in people) - min(counts[p] for p in people) > 1:
        problems.append(f"n={n}: counts differ by more than one")
    for grade, tally in split.grade_counts:
        values = [v for _, v in tally]
        if max(values) - min(values) > 1:
            problems.append(f"n={n}: grade {grade} counts differ by more than one")
    return problems


def best_of(fn: Callable[[], object], repeat: int) -> float:
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    args = parser.parse_args(argv)
    sizes = (1_000, 10_000) if args.quick else (10_000, TARGET_N, 1_000_000)
    repeat = 3 if args.quick else 5
    rng = random.Random(SEED)
    people = make_people()
    ledger = make_ledger(people, rng)
    print(f"python {sys.version.split()[0]}, {PARTICIPANTS} participants, {len(GRADES)} grades")
    print(f"{'leads':>10} {'fair_split s':>13} {'us/lead':>8} {'round-robin s':>14} {'ratio':>6}")
    per_lead: dict[int, float] = {}
    seconds: dict[int, float] = {}
    problems: list[str] = []
    base_per_lead: dict[int, float] = {}
    linear_per_lead: dict[int, float] = {}
    for n in sizes:
        items = make_items(n, rng)
        problems += check(n, items, people, ledger)
        ours_s = best_of(partial(ours, items, people, ledger), repeat)
        base_s = best_of(partial(round_robin, items, people), repeat)
        seconds[n], per_lead[n] = ours_s, ours_s / n * 1e6
        base_per_lead[n] = base_s / n * 1e6
        linear_s = best_of(partial(deal_as_listed, items, people), repeat)
        linear_per_lead[n] = linear_s / n * 1e6
        print(
            f"{n:>10,} {ours_s:>13.3f} {per_lead[n]:>8.2f} {base_s:>14.3f} {ours_s / base_s:>5.2f}x"
        )
    for problem in problems:
        print("MISMATCH:", problem)
    if not problems:
        print(
            "correctness: both agree with an empty ledger; with a ledger every lead is assigned "
            "once and counts are within one overall and per grade"
        )
    if TARGET_N in seconds:
        met = seconds[TARGET_N] < TARGET_SECONDS
        print(
            f"target {TARGET_N:,} leads < {TARGET_SECONDS} s: "
            f"{'met' if met else 'MISSED'} ({seconds[TARGET_N]:.3f} s)"
        )
    for n in sizes[1:]:
        print(
            f"per-lead cost at {n:,} over that at {sizes[0]:,}: fair_split "
            f"{per_lead[n] / per_lead[sizes[0]]:.2f}x, round-robin "
            f"{base_per_lead[n] / base_per_lead[sizes[0]]:.2f}x, the linear yardstick (deal as "
            f"listed) {linear_per_lead[n] / linear_per_lead[sizes[0]]:.2f}x"
        )
    growth = per_lead[sizes[-1]] / per_lead[sizes[0]]
    print(
        f"target linear growth (per-lead cost at {sizes[-1]:,} within {TARGET_GROWTH}x of "
        f"{sizes[0]:,}): {'met' if growth <= TARGET_GROWTH else 'MISSED'} ({growth:.2f}x)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
