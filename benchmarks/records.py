"""Benchmark: the records round trip against hand-written dict code.

Run:  uv run --group bench python benchmarks/records.py [--quick]

Times ``custpolicy.records.unstructure`` and ``structure`` for two values an app saves every
night or month, against the simplest correct code an app would write by hand (below): a dict of
the fields with dates as ISO text and money as ``str(m)``, and back through the constructors
with ``date.fromisoformat`` and ``Money.parse``:

- a ``PenaltyAccount`` with 3 open cases (one held back), as a month's close leaves it;
- an ``AccountState`` with 3 payments and both notices.

The hand-written code checks nothing itself: a bad record fails in the constructors (or with a
KeyError or TypeError), where ``structure`` also refuses wrong types, missing and extra keys and
an unknown format, with the path at fault.

Target: each direction within 3x of the hand-written code. Before timing, both ways are checked
to give an equal value and the same JSON-safe data but for the ``"format"`` key. Times are the
best of several runs, µs per value. Benchmarks print figures; they never assert times.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from custpolicy import AccountState, Money, OpenCase, Payment, PenaltyAccount
from custpolicy.records import structure, unstructure

TARGET = 3.0


# -- hand-written ---------------------------------------------------------------------------


def account_to_dict(account: PenaltyAccount) -> dict[str, Any]:
    return {
        "person": account.person,
        "year": account.year,
        "month": account.month,
        "open_cases": [
            {
                "case": c.case,
                "year": c.year,
                "month": c.month,
                "amount": str(c.amount),
                "outstanding": str(c.outstanding),
                "approved": c.approved,
            }
            for c in account.open_cases
        ],
        "imposed": str(account.imposed),
        "deducted": str(account.deducted),
        "last_closed": list(account.last_closed) if account.last_closed else None,
        "cases": sorted(account.cases),
    }


def account_from_dict(data: dict[str, Any]) -> PenaltyAccount:
    last = data["last_closed"]
    return PenaltyAccount(
        data["person"],
        data["year"],
        data["month"],
        tuple(
            OpenCase(
                c["case"],
                c["year"],
                c["month"],
                Money.parse(c["amount"]),
                Money.parse(c["outstanding"]),
                c["approved"],
            )
            for c in data["open_cases"]
        ),
        Money.parse(data["imposed"]),
        Money.parse(data["deducted"]),
        tuple(last) if last is not None else None,
        frozenset(data["cases"]),
    )


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _read_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def state_to_dict(state: AccountState) -> dict[str, Any]:
    return {
        "account": state.account,
        "delivered": state.delivered.isoformat(),
        "billed": str(state.billed),
        "payments": [
            {"paid_on": p.paid_on.isoformat(), "amount": str(p.amount)} for p in state.payments
        ],
        "notified": _day(state.notified),
        "arrears_notice": _day(state.arrears_notice),
    }


def state_from_dict(data: dict[str, Any]) -> AccountState:
    return AccountState(
        data["account"],
        date.fromisoformat(data["delivered"]),
        Money.parse(data["billed"]),
        tuple(
            Payment(date.fromisoformat(p["paid_on"]), Money.parse(p["amount"]))
            for p in data["payments"]
        ),
        _read_day(data["notified"]),
        _read_day(data["arrears_notice"]),
    )


# -- inputs -----------------------------------------------------------------------------------


def penalty_account() -> PenaltyAccount:
    def cny(amount: str) -> Money:
        return Money(amount, "CNY")

    start = PenaltyAccount.start("Chen", 2026, 1)
    closed = start.close_month(
        2026,
        1,
        cny("1000.00"),
        charges={"C-1": cny("1200.00"), "C-2": cny("300.00"), "C-3": cny("450.00")},
        approved=["C-1", "C-2"],
    )
    return closed.account


def account_state() -> AccountState:
    return AccountState(
        "A-000017",
        date(2026, 3, 2),
        Money("1349.99", "CNY"),
        payments=[
            Payment(date(2026, 3, 5), Money("500.00", "CNY")),
            Payment(date(2026, 3, 20), Money("400.00", "CNY")),
            Payment(date(2026, 4, 2), Money("449.99", "CNY")),
        ],
        notified=date(2026, 3, 12),
        arrears_notice=date(2026, 3, 30),
    )


# -- timing -----------------------------------------------------------------------------------


def best_us(fn: Callable[[], object], repeat: int, floor: float) -> float:
    """Best of ``repeat`` runs of ``fn``, looped until a run takes ``floor`` seconds; µs."""
    loops = 1
    while (elapsed := timeit.timeit(fn, number=loops)) < floor:
        loops *= 2 if elapsed == 0 else max(2, min(10, int(floor / elapsed) + 1))
    return min(timeit.repeat(fn, number=loops, repeat=repeat)) / loops * 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer runs")
    args = parser.parse_args(argv)
    repeat, floor = (2, 0.02) if args.quick else (5, 0.2)
    cases: list[tuple[str, Any, Callable[[Any], Any], Callable[[Any], Any]]] = [
        ("PenaltyAccount", penalty_account(), account_to_dict, account_from_dict),
        ("AccountState", account_state(), state_to_dict, state_from_dict),
    ]

    print("== correctness (before timing) ==")
    for name, value, to_dict, from_dict in cases:
        ours = unstructure(value)
        by_hand = to_dict(value)
        same_data = {k: v for k, v in ours.items() if k != "format"} == by_hand
        same_value = structure(ours, type(value)) == value == from_dict(by_hand)
        print(f"  {name}: same data {same_data}, both reload an equal value {same_value}")

    print(f"\n== timing: best of {repeat} runs, µs per value ==")
    print(f"  {'value':16} {'direction':12} {'records':>9} {'by hand':>9} {'ratio':>7}  target")
    verdicts = []
    for name, value, to_dict, from_dict in cases:
        data, by_hand = unstructure(value), to_dict(value)
        cls = type(value)
        for direction, ours_fn, hand_fn in (
            ("unstructure", lambda v=value: unstructure(v), lambda v=value, f=to_dict: f(v)),
            (
                "structure",
                lambda d=data, c=cls: structure(d, c),
                lambda d=by_hand, f=from_dict: f(d),
            ),
        ):
            ours_us = best_us(ours_fn, repeat, floor)
            hand_us = best_us(hand_fn, repeat, floor)
            ratio = ours_us / hand_us
            met = ratio <= TARGET
            verdicts.append(met)
            print(
                f"  {name:16} {direction:12} {ours_us:9.2f} {hand_us:9.2f} {ratio:6.2f}x  "
                f"{'met' if met else 'MISSED'} (<= {TARGET:.0f}x)"
            )
    print(f"\n{'all targets met' if all(verdicts) else 'a target MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
