"""Samples shared by the tests: every result type, every enumeration, and a result of each type.

tests/test_explain.py checks the records and tables of these samples, tests/test_chinese.py
their Chinese text. A new result type gets a sample here (the tour's steps give most of them);
``test_the_samples_cover_every_result_type`` fails until it has one.
"""

from __future__ import annotations

from datetime import date

from custpolicy import CNY, Money
from custpolicy.foundation.explain import Choice, Explained


def all_result_types() -> set[type[Explained]]:
    """Every result class of the package (every module imported first)."""
    import importlib
    import pkgutil
    import sys

    import custpolicy

    for info in pkgutil.iter_modules(custpolicy.__path__):
        if info.name not in {"__main__", "testing"}:
            importlib.import_module(f"custpolicy.{info.name}")
    found: set[type[Explained]] = set()
    pending = list(Explained.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        # attrs replaces a slotted class by a new one; the discarded original lingers among the
        # subclasses until it is garbage-collected, so keep only the class its module exports
        exported = getattr(sys.modules.get(cls.__module__), cls.__name__, None)
        if cls.__module__.startswith("custpolicy.") and exported is cls:
            found.add(cls)
    return found


def all_choices() -> list[type[Choice]]:
    """Every enumeration of the package's words (every ``Choice`` subclass)."""
    all_result_types()  # imports every module
    found: list[type[Choice]] = []
    pending = list(Choice.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("custpolicy."):
            found.append(cls)
    return found


def sample_results() -> list[Explained]:
    """One or more results of every result type: the tour's, and the few it does not show."""
    from custpolicy import (
        ApprovalTable,
        CaseNumber,
        ComplaintCase,
        PenaltyAccount,
        Policy,
        fair_split,
        review_cases,
    )
    from custpolicy.cli.tour import STEPS, run_step
    from custpolicy.foundation.clauses import L_2_3
    from custpolicy.scenarios import parse_scenario

    results = [o.value for o in map(run_step, STEPS) if isinstance(o.value, Explained)]
    limits = {
        "complaints.sales_manager_limit": Money("5000", CNY),
        "complaints.vice_gm_limit": Money("20000", CNY),
    }
    results.append(ApprovalTable.from_policy(Policy().updated(limits)))
    case = ComplaintCase(CaseNumber(2026, 3, 1), date(2026, 3, 2), "domestic")
    results.append(review_cases([case], date(2026, 3, 31)))
    results.append(fair_split([("a", "A"), ("b", None)], ["Lin", "Chen"], clause=L_2_3))
    cny = Money("1000.00", CNY)
    results.append(
        PenaltyAccount.start("Chen", 2026, 2).close_months(
            2026, 2, [cny, cny], charges=[{"260201": Money("1349.99", CNY)}], approved=[{"260201"}]
        )
    )
    scenario = parse_scenario(
        'rule = "billing.payment_deadline"\n[inputs]\ndelivered = 2026-03-02\n'
        "[expect]\ndue = 2026-03-09\n",
        source="x.scenario.toml",
    )
    results.append(scenario.run())
    return results
