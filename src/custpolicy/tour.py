"""The guided tour: worked examples of the library, as data.

Each step is a short snippet of Python; :func:`run_step` runs it and returns what it produced
(a result, or the error the library raised for bad input). ``python -m custpolicy tour`` prints
the steps with their explanations; the tests run every step, so the tour cannot go stale.

Examples:
    >>> outcome = run_step(STEPS[0])
    >>> outcome.value
    Money('0.30', 'CNY')
"""

from __future__ import annotations

from typing import Any

import attrs

from custpolicy.clauses import Lang
from custpolicy.errors import CustPolicyError

__all__ = ["STEPS", "Outcome", "Step", "run_step"]

_PRELUDE = """\
from datetime import date
from decimal import Decimal
from custpolicy import *
from custpolicy.clauses import *
"""


@attrs.frozen
class Step:
    """One worked example: a title in each language and the code that runs it.

    The code's last line is an expression: its value is what the step shows.
    """

    section: str
    title_en: str
    title_zh: str
    code: str

    def title(self, lang: Lang) -> str:
        """The step's title in ``lang``."""
        return self.title_en if lang == "en" else self.title_zh


@attrs.frozen
class Outcome:
    """What a step produced: a value, or the error the library raised."""

    step: Step
    value: Any = None
    error: CustPolicyError | None = None


def run_step(step: Step) -> Outcome:
    """Run one step's code in a fresh namespace and capture its value or its error."""
    namespace: dict[str, Any] = {}
    exec(_PRELUDE, namespace)
    *body, last = step.code.strip().splitlines()
    try:
        exec("\n".join(body), namespace)
        return Outcome(step, value=eval(last, namespace))
    except CustPolicyError as error:
        return Outcome(step, error=error)


_FOUNDATION: tuple[Step, ...] = (
    Step(
        "Money",
        "Money is exact: Decimal in minor units, never float",
        "金額精確:以最小貨幣單位的十進位數表示,不用浮點數",
        'Money("0.10", "CNY") + Money("0.20", "CNY")',
    ),
    Step(
        "Money",
        "A float is refused, with the reason",
        "浮點數會被拒絕,並說明原因",
        'Money(0.1, "CNY")',
    ),
    Step(
        "Money",
        "Half-up rounding (四捨五入) only when asked",
        "僅在要求時才四捨五入",
        'Money.rounded("2.675", "CNY")',
    ),
    Step(
        "Money",
        "A split adds up to the whole, to the fen (largest remainder)",
        "分攤金額加總等於原金額,精確到分(最大餘數法)",
        'allocate(Money("100.00", "CNY"), {"Chen": 1, "Lin": 1, "Wang": 1}, clause=P_E3_3)',
    ),
    Step(
        "Money",
        "A refund splits as the negative of the same split",
        "退款的分攤恰為同一分攤的相反數",
        'allocate(Money("-100.00", "CNY"), {"Chen": 1, "Lin": 1, "Wang": 1}, clause=P_E3_3)',
    ),
    Step(
        "Money",
        "Responsibility 7:3, given as Decimal ratios",
        "職責比例7:3,以十進位比例表示",
        'allocate(Money("1234.57", "CNY"), {"team A": Decimal("0.7"), "Li": Decimal("0.3")},'
        " clause=P_2)",
    ),
    Step(
        "Working days",
        "Five working days after first contact, across National Day 2026",
        "首次接觸後5個工作日,跨越2026年國慶",
        "china().add_working_days(date(2026, 9, 28), 5)",
    ),
    Step(
        "Working days",
        "A make-up Saturday (調休) is a working day",
        "調休的星期六是工作日",
        "china().is_working_day(date(2026, 2, 14))",
    ),
    Step(
        "Working days",
        "Working days in (start, end]: the start day never counts",
        "(起日, 迄日]之間的工作日:起日不計入",
        "china().working_days_between(date(2026, 2, 13), date(2026, 2, 27))",
    ),
    Step(
        "Working days",
        "A date outside the known calendar is an error, never a guess",
        "超出已知行事曆的日期是錯誤,絕不猜測",
        "china().add_working_days(date(2026, 12, 24), 10)",
    ),
    Step(
        "Clauses",
        "Every rule cites a clause of the catalogue",
        "每條規則都引用目錄中的條款",
        'clause("P-E3.4").title("zh-Hant")',
    ),
    Step(
        "Policy",
        "A value the source leaves to the company must be set before use",
        "制度未規定的數值須由公司設定後才能使用",
        'Policy().require("billing.reading_rate_standard")',
    ),
    Step(
        "Policy",
        "The policy version in force on a date (M-1.9)",
        "某日適用的制度版本(M-1.9)",
        "book = PolicyBook({\n"
        "    date(2025, 7, 1): Policy(),\n"
        '    date(2026, 7, 1): Policy().updated({"billing.payment_days": 10,'
        ' "penalties.monthly_cap_ratio": "0.3"}),\n'
        "})\n"
        "book.in_force(date(2026, 8, 1))",
    ),
    Step(
        "Policy",
        "What changed between two versions",
        "兩個版本之間的差異",
        "book = PolicyBook({\n"
        "    date(2025, 7, 1): Policy(),\n"
        '    date(2026, 7, 1): Policy().updated({"billing.payment_days": 10,'
        ' "penalties.monthly_cap_ratio": "0.3"}),\n'
        "})\n"
        "book.diff(date(2025, 7, 1), date(2026, 7, 1))",
    ),
)

# Each rule family's steps (one tuple per family; issue 3: L and M, issue 4: B, issue 5: P,
# issue 6: C and R). Keep each family's steps in its own tuple.
_LEADS_AND_CUSTOMERS: tuple[Step, ...] = ()
_BILLING: tuple[Step, ...] = ()
_PENALTIES: tuple[Step, ...] = ()
_COMPLAINTS_AND_RETURNS: tuple[Step, ...] = ()

STEPS: tuple[Step, ...] = (
    _FOUNDATION + _LEADS_AND_CUSTOMERS + _BILLING + _PENALTIES + _COMPLAINTS_AND_RETURNS
)
"""The tour, in order: the foundation, then each rule family."""
