"""The guided tour: worked examples of the library, as data.

Each step is a short snippet of Python; [`run_step`][custpolicy.cli.tour.run_step] runs it and
returns what it produced (a result, or the error the library raised for bad input). ``python -m
custpolicy tour`` prints the steps with their explanations; the tests run every step, so the tour
cannot go stale.

Examples:
    >>> outcome = run_step(STEPS[0])
    >>> outcome.value
    Money('0.30', 'CNY')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from custpolicy.foundation.clauses import Lang
from custpolicy.foundation.errors import CustPolicyError
from custpolicy.foundation.explain import Phrase, check_lang
from custpolicy.foundation.lang import in_lang
from custpolicy.foundation.validate import check_instance, check_text

__all__ = ["REFUSED", "SECTIONS", "STEPS", "Outcome", "Step", "run_step", "section_title"]

#: Each section of the tour in English and in Chinese (the heading printed before its steps).
SECTIONS: Mapping[str, str] = MappingProxyType(
    {
        "Money": "金額",
        "Working days": "工作日",
        "Clauses": "條款",
        "Policy": "制度參數與版本",
        "Leads": "科普所得顧客檔案分配",
        "Customers": "客戶資料管理",
        "Gas billing": "氣費收取",
        "Complaint losses": "客戶投訴損失",
        "Penalties": "罰扣",
        "Complaints": "客戶投訴處理",
        "Returns": "退貨與折讓",
    }
)

#: How the tour labels a step that the library refused, before the error.
REFUSED = Phrase("refused", "拒絕")


def section_title(section: str, lang: Lang) -> str:
    """A section's heading in ``lang``; a section `SECTIONS` does not name keeps its own."""
    lang = check_lang(lang, "section_title")
    if lang == "en" or section not in SECTIONS:
        return section
    return in_lang(lang, section, SECTIONS[section])


_PRELUDE = """\
from datetime import date
from decimal import Decimal
from custpolicy import *
from custpolicy.foundation.clauses import *
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
        return in_lang(check_lang(lang, "Step.title"), self.title_en, self.title_zh)


@attrs.frozen
class Outcome:
    """What a step produced: a value, or the error the library raised."""

    step: Step
    value: Any = None
    error: CustPolicyError | None = None


def run_step(step: Step) -> Outcome:
    """Run one step's code in a fresh namespace and capture its value or its error."""
    where = "tour.run_step"
    check_instance(step, "step", where, Step, expect="a tour Step")
    check_text(step.code, "step.code", where, expect="a non-empty str of Python")
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
        "金額精確：以最小貨幣單位的十進位數表示，不用浮點數",
        'Money("0.10", "CNY") + Money("0.20", "CNY")',
    ),
    Step(
        "Money",
        "A float is refused, with the reason",
        "浮點數會被拒絕，並說明原因",
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
        "分攤金額加總等於原金額，精確到分（最大餘數法）",
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
        "職責比例7:3，以十進位比例表示",
        'allocate(Money("1234.57", "CNY"), {"Team A": Decimal("0.7"), "Li": Decimal("0.3")},'
        " clause=P_2)",
    ),
    Step(
        "Working days",
        "Five working days after first contact, across National Day 2026",
        "首次接觸後5個工作日，跨越2026年國慶",
        "china().add_working_days(date(2026, 9, 28), 5)",
    ),
    Step(
        "Working days",
        "A make-up Saturday (調休) is a working day",
        "補班的星期六是工作日",
        "china().is_working_day(date(2026, 2, 14))",
    ),
    Step(
        "Working days",
        "Working days in (start, end]: the start day never counts",
        "起日（不含）至迄日（含）之間的工作日：起日不計入",
        "china().working_days_between(date(2026, 2, 13), date(2026, 2, 27))",
    ),
    Step(
        "Working days",
        "A date outside the known calendar is an error, never a guess",
        "超出已知行事曆的日期是錯誤，絕不猜測",
        "china().add_working_days(date(2026, 12, 24), 10)",
    ),
    Step(
        "Clauses",
        "Every rule cites a clause of the catalogue",
        "每條規則都引用條款目錄中的條款",
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
        "某日適用的制度版本（M-1.9）",
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
_LEADS_AND_CUSTOMERS: tuple[Step, ...] = (
    Step(
        "Leads",
        "The CRM centre normalises a batch, sets duplicates aside and flags known customers"
        " (L-2.1, L-2.2)",
        "客戶關係管理中心統一格式、剔除重複並標示已建檔客戶（L-2.1、L-2.2）",
        "batch = [\n"
        '    Lead("E-1", " 王  偉 ", "138 0013 8000", grade="A"),\n'
        '    Lead("E-2", "Li Na", "+86 139-0013-9000", grade="B"),\n'
        '    Lead("E-3", "王偉", "８６１３８００１３８０００", grade="A"),\n'
        '    Lead("E-4", "Zhang", "021-6512 3456"),\n'
        "]\n"
        'process_leads(batch, department="Sales 1", head="Zhou", known=["+86 21 6512 3456"])',
    ),
    Step(
        "Leads",
        "Ten leads among three participants: equal within one, the leftover by the ledger"
        " (L-1, L-2.3)",
        "10筆檔案分給3人：相差不超過1，餘數依帳簿分配（L-1、L-2.3）",
        'leads = [Lead(f"L{i}", phone=f"1380013800{i}", grade="AB"[i % 2]) for i in range(10)]\n'
        'intake = process_leads(leads, department="Sales 1", head="Zhou")\n'
        'split_leads(intake, ["Wang", "Li", "Chen"], event="2026-03 fair")',
    ),
    Step(
        "Leads",
        "A lead whose customer is already on file is flagged, and split like the others (L-2.1)",
        "已建檔客戶的檔案予以標示，並照常分配（L-2.1）",
        'leads = [Lead(f"L{i}", phone=f"1380013800{i}") for i in range(4)]\n'
        'leads.append(Lead("L4", phone="13800138004"))\n'
        'intake = process_leads(leads, department="Sales 1", head="Zhou", known=["13800138004"])\n'
        'split_leads(intake, ["Wang", "Li"], event="2026-03 fair")',
    ),
    Step(
        "Leads",
        "The next event: the leftover goes to someone who has had fewer so far",
        "下一場活動：餘數分給目前累計較少者",
        'leads = [Lead(f"L{i}", phone=f"1380013800{i}") for i in range(10)]\n'
        'first = split_leads(process_leads(leads, department="Sales 1", head="Zhou"),\n'
        '                    ["Wang", "Li", "Chen"], event="2026-03 fair")\n'
        'talk = [Lead(f"T{i}", phone=f"1390013900{i}") for i in range(10)]\n'
        'intake = process_leads(talk, department="Sales 1", head="Zhou")\n'
        'split_leads(intake, ["Chen", "Wang", "Li"], event="2026-04 talk", ledger=first.ledger)',
    ),
    Step(
        "Leads",
        "The same event split twice into one ledger is refused: once only (L-2.3)",
        "同一活動不得兩次記入同一帳簿：只分配一次（L-2.3）",
        'intake = process_leads([Lead("L1", phone="13800138000")], department="S1", head="Zhou")\n'
        'first = split_leads(intake, ["Wang", "Li"], event="2026-03 fair")\n'
        'split_leads(intake, ["Wang", "Li"], event="2026-03 fair", ledger=first.ledger)',
    ),
    Step(
        "Leads",
        "A participant listed twice is refused",
        "重複列出的參與者會被拒絕",
        'intake = process_leads([Lead("L1", phone="13800138000")], department="S1", head="Zhou")\n'
        'split_leads(intake, ["Wang", "Wang"])',
    ),
    Step(
        "Customers",
        "The four categories, in both languages (M-1.2)",
        "四類客戶及其中英文名稱（M-1.2）",
        '[(c.value, c.label("zh-Hant")) for c in Category]',
    ),
    Step(
        "Customers",
        "A customer file names every missing field (M-1.3)",
        "客戶檔案列出所有缺少的欄位（M-1.3）",
        'check_file({"name": "Acme", "category": "key", "address": " "}, customer="C-7")',
    ),
    Step(
        "Customers",
        "The seven fields are the minimum: the company may require more (M-1.3)",
        "七項資料為最低要求，公司可另行規定必備欄位（M-1.3）",
        'policy = Policy().updated({"customers.added_file_fields": ["稅號"]})\n'
        'check_file({"name": "Acme", "category": "key"}, customer="C-7", policy=policy)',
    ),
    Step(
        "Customers",
        "Registration within 5 working days, across National Day 2026 (M-1.4)",
        "5個工作日內備案，跨越2026年國慶（M-1.4）",
        "registration_status(date(2026, 9, 28), date(2026, 10, 12), as_of=date(2026, 11, 2))",
    ),
    Step(
        "Customers",
        "A deadline in a year the calendar does not cover is an error (M-1.4)",
        "期限落在行事曆未涵蓋的年度即為錯誤（M-1.4）",
        "registration_status(date(2026, 12, 28), None, as_of=date(2026, 12, 29))",
    ),
    Step(
        "Customers",
        "Another department's file needs the GM: a manager's approval does not count (M-1.5)",
        "非本部門檔案須經總經理核准，部門經理的核准不予採計（M-1.5）",
        'ask = AccessRequest("Lin", "Sales 1", file="C-9", file_department="Sales 2")\n'
        'decide_access(ask, [Approval("Zhou", Role.DEPARTMENT_MANAGER, "Lin", "C-9", "Sales 2")])',
    ),
    Step(
        "Customers",
        "Important new customers need two contacts still employed; old ones do not (M-1.6.3)",
        "重要新客戶須有兩名在職人員聯絡，舊客戶不在此限（M-1.6.3）",
        'book = [Customer("C-1", "key", contacts=("Lin", "Wu"), registered_on=date(2026, 3, 2)),\n'
        '        Customer("C-2", "potential", contacts=("Lin",)),\n'
        '        Customer("C-3", "key", contacts=("Lin",), registered_on=date(2020, 5, 6))]\n'
        'check_contacts(book, employed=["Lin"], on=date(2026, 12, 6))',
    ),
    Step(
        "Customers",
        "A leaver's customers are handed over fairly, and each is told (M-1.6.4)",
        "離職人員的客戶公平分配給他人接替，並逐一通知（M-1.6.4）",
        'book = [Customer("C-1", "key", contacts=("Wu", "Lin")), Customer("C-2", "key",'
        ' contacts=("Wu",)),\n'
        '        Customer("C-3", "general", contacts=("Wu",))]\n'
        'hand_over("Wu", book, staff=["Lin", "Chen"])',
    ),
    Step(
        "Customers",
        "Return visits need the company's intervals first (M-1.7)",
        "回訪週期須由公司先行設定（M-1.7）",
        'visits_due([Customer("C-1", "key")], on=date(2026, 4, 1))',
    ),
    Step(
        "Customers",
        "Once set, the customers due or overdue for a visit (M-1.7)",
        "設定後列出應回訪或逾期的客戶（M-1.7）",
        'policy = Policy().updated({"customers.visit_interval_days": {"key": 30, "general": 90}})\n'
        'book = [Customer("C-1", "key", last_visit=date(2026, 3, 1)),\n'
        '        Customer("C-2", "general", registered_on=date(2026, 2, 1))]\n'
        "visits_due(book, on=date(2026, 4, 2), policy=policy)",
    ),
    Step(
        "Customers",
        "No gift expense for a customer not registered on the day (M-1.8.1)",
        "客戶於財務決定當日未備案，禮品費用不予報銷（M-1.8.1）",
        'reimbursement("gift", customer="C-3", registered_on=date(2026, 5, 7),'
        " decided_on=date(2026, 5, 6))",
    ),
    Step(
        "Customers",
        "「等」 leaves the list open: any expense kind is refused by default (M-1.8.1)",
        "「等」表示列舉未盡：預設任何費用類別均不予報銷（M-1.8.1）",
        'reimbursement("培訓", customer="C-3", registered_on=None, decided_on=date(2026, 5, 6))',
    ),
    Step(
        "Customers",
        "Where the company names the kinds, other kinds are outside the rule (M-1.8.1)",
        "公司列明費用類別時，其他類別不屬本條範圍（M-1.8.1）",
        'kinds = {"customers.restricted_expense_kinds": ["招待", "差旅", "禮品"]}\n'
        "policy = Policy().updated(kinds)\n"
        'reimbursement("培訓", customer="C-3", registered_on=None,'
        " decided_on=date(2026, 5, 6), policy=policy)",
    ),
    Step(
        "Customers",
        "Registration judged on the day the expense was incurred, by choice (M-1.8.1)",
        "依公司選擇，以費用發生之日判定是否已備案（M-1.8.1）",
        'policy = Policy().updated({"customers.registration_judged_on": "incurred"})\n'
        "days = dict(registered_on=date(2026, 5, 3), incurred_on=date(2026, 5, 1),"
        " decided_on=date(2026, 5, 6))\n"
        'reimbursement("招待", customer="C-3", policy=policy, **days)',
    ),
    Step(
        "Customers",
        "Staff who ignored two reminders in the month are flagged (M-1.8.2)",
        "當月兩次以上不配合督促者納入月底KPI考核（M-1.8.2）",
        'sent = [Reminder("Lin", "C-1", date(2026, 3, 2), complied=False),\n'
        '        Reminder("Lin", "C-2", date(2026, 3, 9), complied=False),\n'
        '        Reminder("Wu", "C-3", date(2026, 3, 5), complied=False)]\n'
        "kpi_flags(sent, year=2026, month=3)",
    ),
    Step(
        "Customers",
        "A change judged under the policy version in force on the day it happened (M-1.9)",
        "依變動發生當日適用的制度版本判定（M-1.9）",
        "book = PolicyBook({\n"
        "    date(2025, 7, 1): Policy(),\n"
        '    date(2026, 7, 1): Policy().updated({"customers.change_report_working_days": 3}),\n'
        "})\n"
        "changed = date(2026, 6, 30)\n"
        "filing = change_status(changed, date(2026, 7, 6), registered_on=date(2026, 1, 5),\n"
        "                       as_of=date(2026, 7, 31), policy=book.in_force(changed).policy)\n"
        "filing",
    ),
)
_BILLING: tuple[Step, ...] = (
    Step(
        "Gas billing",
        "Commercial meters are read on days 20-25 (B-4)",
        "商業用戶每月20日至25日上門抄收（B-4）",
        "check_reading(UserClass.COMMERCIAL, date(2026, 3, 26))",
    ),
    Step(
        "Gas billing",
        "Residential users have no reading window unless the policy sets one (B-4)",
        "居民用戶除非制度另定，否則沒有抄收期（B-4）",
        "reading_window(UserClass.RESIDENTIAL, 2024, 2)",
    ),
    Step(
        "Gas billing",
        "Pay within a week of the sheet's delivery; day 7 is on time (B-6)",
        "結算單送達一週內繳費，第7日仍屬準時（B-6）",
        "payment_deadline(date(2024, 2, 22))",
    ),
    Step(
        "Gas billing",
        "Unpaid after the deadline, part paid: notify by phone or in writing (B-7)",
        "逾期且僅部分繳納：電話或書面通知（B-7）",
        'sheet = AccountState("GAS-0042", date(2026, 3, 2), Money("300.00", "CNY"),\n'
        '    payments=[Payment(date(2026, 3, 5), Money("100.00", "CNY"))])\n'
        "dunning(sheet, date(2026, 3, 10))",
    ),
    Step(
        "Gas billing",
        "Notified on the 10th: the 11th to the 13th are the user's, the arrears notice is due"
        " on the 14th (B-8)",
        "10日通知：11日至13日三整日為用戶繳費期，14日起方可下達催繳通知單（B-8）",
        'sheet = AccountState("GAS-0042", date(2026, 3, 2), Money("300.00", "CNY"),\n'
        "    notified=date(2026, 3, 10))\n"
        "dunning(sheet, date(2026, 3, 13))",
    ),
    Step(
        "Gas billing",
        "Once the three days after the notice have passed, still unpaid: the arrears notice (B-8)",
        "通知後三日已過仍未繳：下達催繳通知單（B-8）",
        'sheet = AccountState("GAS-0042", date(2026, 3, 2), Money("300.00", "CNY"),\n'
        "    notified=date(2026, 3, 10))\n"
        "dunning(sheet, date(2026, 3, 14))",
    ),
    Step(
        "Gas billing",
        "Once the three days after the arrears notice have passed: cut-off may proceed (B-8)",
        "催繳通知單下達後三日已過仍未繳：可作停氣處理（B-8）",
        'sheet = AccountState("GAS-0042", date(2026, 3, 2), Money("300.00", "CNY"),\n'
        "    notified=date(2026, 3, 10), arrears_notice=date(2026, 3, 14))\n"
        "dunning(sheet, date(2026, 3, 18))",
    ),
    Step(
        "Gas billing",
        "An overpayment is a credit, not an action (B-6)",
        "溢繳列為預存款，無需處理（B-6）",
        'sheet = AccountState("GAS-0043", date(2026, 3, 2), Money(300, "CNY"),\n'
        '    payments=[Payment(date(2026, 3, 9), Money(320, "CNY"))])\n'
        "dunning(sheet, date(2026, 3, 20))",
    ),
    Step(
        "Gas billing",
        "A notice before the payment deadline has passed is refused (B-7)",
        "繳費期限未過即通知，予以拒絕（B-7）",
        'sheet = AccountState("GAS-0044", date(2026, 3, 2), Money(300, "CNY"),\n'
        "    notified=date(2026, 3, 9))\n"
        "dunning(sheet, date(2026, 3, 20))",
    ),
    Step(
        "Gas billing",
        "The nightly run streams one step per account (B-7, B-8)",
        "夜間批次逐戶輸出下一步（B-7、B-8）",
        'accounts = (AccountState(f"GAS-{i}", date(2026, 3, 2), Money(i % 3 * 50, "CNY"))\n'
        "    for i in range(9))\n"
        "[r.action.value for r in dunning_run(accounts, date(2026, 3, 10))]",
    ),
    Step(
        "Gas billing",
        "The reading-rate standard must be set by the company (B-2.1)",
        "抄收率標準須由公司設定（B-2.1）",
        "reading_rate(489, 500)",
    ),
    Step(
        "Gas billing",
        "Reading rate against the company standard (B-2.1)",
        "抄收率與公司標準比較（B-2.1）",
        'reading_rate(489, 500, policy=Policy().updated({"billing.reading_rate_standard": '
        '"0.98"}))',
    ),
    Step(
        "Gas billing",
        "Collection rate against 95 %, with prompt payment beside it (B-2.2)",
        "氣費回收率與95%目標比較，並列三日內繳費比例（B-2.2）",
        'cny = lambda a: Money(a, "CNY")\n'
        "paid = lambda day, a: [Payment(date(2026, 3, day), cny(a))]\n"
        "bills = [\n"
        '    AccountState("GAS-1", date(2026, 3, 2), cny(100), paid(4, 100)),\n'
        '    AccountState("GAS-2", date(2026, 3, 2), cny(300), paid(9, 285)),\n'
        '    AccountState("GAS-3", date(2026, 3, 2), cny(600), paid(3, 600)),\n'
        "]\n"
        "collection_rate(bills)",
    ),
    Step(
        "Gas billing",
        "Nothing billed: the collection rate is undefined, and says so (B-2.2)",
        "本期無應收：回收率無從計算，並說明原因（B-2.2）",
        "collection_rate([])",
    ),
    Step(
        "Gas billing",
        "The monthly report must match the settlement sheets exactly (B-5)",
        "月度報表須與氣費結算單完全相符（B-5）",
        "sheets = [\n"
        '    SettlementSheet("S-1", "GAS-1", UserClass.COMMERCIAL, date(2026, 3, 21), "120.5",\n'
        '                    Money("482.00", "CNY")),\n'
        '    SettlementSheet("S-2", "GAS-2", UserClass.PUBLIC_WELFARE, date(2026, 3, 20), "300",\n'
        '                    Money("900.00", "CNY")),\n'
        "]\n"
        "report = MonthlyReport(2026, 3,\n"
        '    {UserClass.COMMERCIAL: ReportTotals("120.5", Money("428.00", "CNY")),\n'
        '     UserClass.PUBLIC_WELFARE: ReportTotals("300", Money("900.00", "CNY"))},\n'
        '    ReportTotals("420.5", Money("1382.00", "CNY")))\n'
        "check_report(report, sheets)",
    ),
)

# issue 5 (P): lines of setup shared by several steps
_TEAM_A = 'team = Unit("Team A", UnitKind.TEAM, {"Chen": 3, "Lin": 2, "Wang": 2})\n'
_SECTION = (
    'section = Unit("Plating", UnitKind.SECTION, {"Chen": 3, "Lin": 2, "Wang": 2, "Zhao": 1})\n'
)
_GOODS = 'price, ruled = Money("12.50", "CNY"), date(2026, 1, 31)\n'
_PENALTIES: tuple[Step, ...] = (
    Step(
        "Complaint losses",
        "P-1: resold within one calendar month (Jan 31 + 1 month = Feb 28)",
        "P-1：於一個日曆月內轉售（1月31日加一個月為2月28日）",
        _GOODS + "loss_basis(ruling=ruled, a_grade_price=price, quantity=1000, "
        'sold_on=date(2026, 2, 28), proceeds=Money("8000.01", "CNY"))',
    ),
    Step(
        "Complaint losses",
        "P-1: sold after the month, so the actual loss applies",
        "P-1：逾期售出，以實際損失金額計",
        _GOODS + "loss_basis(ruling=ruled, a_grade_price=price, quantity=1000, "
        'sold_on=date(2026, 3, 1), proceeds=Money("8000.00", "CNY"), '
        'actual_loss=Money("5200.00", "CNY"))',
    ),
    Step(
        "Complaint losses",
        "P-1: a sale dated before the ruling is refused",
        "P-1：早於判定日的售出日期會被拒絕",
        _GOODS + "loss_basis(ruling=ruled, a_grade_price=price, quantity=1000, "
        'sold_on=date(2026, 1, 30), proceeds=Money("8000.00", "CNY"))',
    ),
    Step(
        "Complaint losses",
        "P-2: the month's responsibility ruling is due before the 10th (the 10th on time)",
        "P-2：每月職責歸屬判定於10日前完成（10日當天仍屬準時）",
        "ruling_deadline(2026, 3)",
    ),
    Step(
        "Complaint losses",
        "P-4 and C-5: the cause and the kind of a complaint",
        "P-4與C-5：投訴原因與類別",
        "classify_complaint(Cause.LATE_DELIVERY, ComplaintKind.NON_QUALITY)",
    ),
    Step(
        "Complaint losses",
        "P-E1: manufacturing charges the team where the fault arose",
        "P-E1：製造部門歸屬至發生異常的組單元",
        _SECTION + _TEAM_A + "attribute(Function.MANUFACTURING, whole=section, at_fault=team)",
    ),
    Step(
        "Complaint losses",
        "P-E2: sales charges the department when the person cannot be told",
        "P-E2：無法歸屬至個人時歸屬至業務部門",
        'sales = Unit("Sales 1", UnitKind.DEPARTMENT, {"Li": 4, "Zhou": 3})\n'
        "attribute(Function.SALES, whole=sales)",
    ),
    Step(
        "Complaint losses",
        "P-2 and P-E3.3: a loss split 7:3 between a team and a salesperson, then by base points",
        "P-2與P-E3.3：損失由組單元與業務員按7:3分攤，再依基點數分攤",
        _TEAM_A + 'apportion(Money("1000.01", "CNY"), {team: 7, Person("Li"): 3}, case="260201")',
    ),
    Step(
        "Complaint losses",
        "P-E4: a charge to a whole section is spread by base points",
        "P-E4：歸屬全科時依每人基點數分攤",
        _SECTION + 'apportion(Money("800.00", "CNY"), section, case="260202")',
    ),
    Step(
        "Complaint losses",
        "Ratios are Decimal or int, never float",
        "職責比例須為十進位數或整數，不可為浮點數",
        _TEAM_A + 'apportion(Money("1000.00", "CNY"), {team: 0.7, Person("Li"): 0.3})',
    ),
    Step(
        "Complaint losses",
        "A person listed twice in a unit is refused",
        "同一單位重複列出的人員會被拒絕",
        'Unit("Team A", UnitKind.TEAM, [("Chen", 3), ("Chen", 2)])',
    ),
    Step(
        "Penalties",
        "P-3: the company's sanction table gives the sanction for the loss a person bears",
        "P-3：依公司處分標準表，由個人職責負擔金額決定處分",
        "table = (\n"
        '    SanctionBand(sanction=None, lower=Money(0, "CNY"), upper=Money(1000, "CNY")),\n'
        '    SanctionBand(sanction="warning", lower=Money(1000, "CNY"), '
        'upper=Money(5000, "CNY")),\n'
        '    SanctionBand(sanction="minor demerit", lower=Money(5000, "CNY")))\n'
        'policy = Policy().updated({"penalties.sanction_table": table})\n'
        'sanction_for(Money("1200.00", "CNY"), policy=policy)',
    ),
    Step(
        "Penalties",
        "P-3: the table is the company's to set; unset, the rule says so",
        "P-3：處分標準表須由公司設定，未設定時明確報錯",
        'sanction_for(Money("1200.00", "CNY"))',
    ),
    Step(
        "Penalties",
        "P-5.1: a warning below 400 is not valid",
        "P-5.1：警告罰扣低於400元無效",
        'check_fine(Sanction.WARNING, amount=Money("300.00", "CNY"))',
    ),
    Step(
        "Penalties",
        "P-5.2: a minor demerit is at least 800 per base unit",
        "P-5.2：小過每基數至少罰扣800元",
        'check_fine(Sanction.MINOR_DEMERIT, amount=Money("1600.00", "CNY"), base=2)',
    ),
    Step(
        "Penalties",
        "P-5.3: a major demerit forfeits the month's bonus, outside the 50 % cap",
        "P-5.3：大過以上當月效益獎金全額罰扣，不受50%上限限制",
        'check_fine(Sanction.MAJOR_DEMERIT, bonus=Money("3000.00", "CNY"))',
    ),
    Step(
        "Penalties",
        "P-E3.4: at most 50 % of the bonus a month, rounded down; the rest is carried",
        "P-E3.4：每月最多扣效益獎金的50%（捨去至分），其餘結轉",
        'account = PenaltyAccount.start("Chen", 2026, 2)\n'
        'charges = {"260201": Money("1349.99", "CNY")}\n'
        'account.close_month(2026, 2, Money("1000.01", "CNY"), charges=charges, '
        'approved={"260201"})',
    ),
    Step(
        "Penalties",
        "P-5.1 and P-E3.4: a warning's fine is taken outside the cap, under its own clause",
        "P-5.1與P-E3.4：警告罰扣不受上限限制，並依其本身條款說明",
        'account = PenaltyAccount.start("Chen", 2026, 2)\n'
        "warning = check_fine(Sanction.WARNING)\n"
        'account.close_month(2026, 2, Money("1000.00", "CNY"), fines=[warning], '
        'charges={"260201": Money("900", "CNY")}, approved={"260201"})',
    ),
    Step(
        "Penalties",
        "C-12.2: a charge without a notice approved by the GM is held back, still owed",
        "C-12.2：未經總經理核准獎罰通知單的罰扣暫不扣除，仍屬應扣",
        'account = PenaltyAccount.start("Chen", 2026, 2)\n'
        'feb = account.close_month(2026, 2, Money("1000", "CNY"), '
        'charges={"260201": Money("300", "CNY")})\n'
        'feb.account.close_month(2026, 3, Money("1000", "CNY"), approved={"260201"})',
    ),
    Step(
        "Penalties",
        "Once only: closing a month that is already closed is refused, nothing charged twice",
        "每月僅結算一次：已結算的月份再次結算會被拒絕，不會重複罰扣",
        'account = PenaltyAccount.start("Chen", 2026, 2)\n'
        'feb = account.close_month(2026, 2, Money("1000", "CNY"), '
        'charges={"260201": Money("300", "CNY")}, approved={"260201"})\n'
        'feb.account.close_month(2026, 2, Money("1000", "CNY"))',
    ),
    Step(
        "Penalties",
        "The law: the lawful maximum for the month beside what the company rule takes",
        "法規：本月依法可扣除的上限與公司制度的扣除並列",
        'account = PenaltyAccount.start("Chen", 2026, 2)\n'
        "warning = check_fine(Sanction.WARNING)\n"
        'account.close_month(2026, 2, Money("2000", "CNY"), fines=[warning], '
        'charges={"260201": Money("900", "CNY")}, approved={"260201"}, '
        'wage=Money("3500.00", "CNY"), minimum_wage=Money("2490.00", "CNY"))',
    ),
    Step(
        "Penalties",
        "The law: a deduction above 20 % of the wage is reported as a conflict",
        "法規：超過工資20%的扣除會被列為抵觸",
        'statutory_check(Money("800.00", "CNY"), wage=Money("3500.00", "CNY"), '
        'minimum_wage=Money("2490.00", "CNY"))',
    ),
)
_COMPLAINTS_AND_RETURNS: tuple[Step, ...] = (
    Step(
        "Complaints",
        "C-8: the next case number, from the acceptance month and the numbers issued",
        "C-8：依受理年月與已編號碼編列下一個投訴編號",
        'next_case_number(date(2026, 3, 5), ["260301", "260302"])',
    ),
    Step(
        "Complaints",
        "C-8: a 100th case in one month is an error, never a longer number",
        "C-8：同月第100件是錯誤，絕不悄悄加長編號",
        'issued = [f"2603{serial:02d}" for serial in range(1, 100)]\n'
        "next_case_number(date(2026, 3, 31), issued)",
    ),
    Step(
        "Complaints",
        "C-8: a malformed case number is refused with the reason",
        "C-8：格式錯誤的投訴編號會被拒絕並說明原因",
        'CaseNumber.parse("261301")',
    ),
    Step(
        "Complaints",
        "C-10: closed within 13 days; with the art. 203 roll, past National Day",
        "C-10：國內客戶投訴13日內結案；依民法典第203條順延，跨越國慶假期",
        'rolling = Policy().updated({"general.roll_to_working_day": True})\n'
        'closing_deadline(date(2026, 9, 18), "domestic", policy=rolling)',
    ),
    Step(
        "Complaints",
        "C-9.3 and C-9.6: the QA report in 3 days, the consolidated opinion in 1",
        "C-9.3與C-9.6：品管報告3日內，綜合意見1日內",
        "(qa_report_deadline(date(2026, 3, 5)).due, opinion_deadline(date(2026, 3, 5)).due)",
    ),
    Step(
        "Complaints",
        "C-14: an open case past its deadline needs a reminder (催辦單)",
        "C-14：逾期未結案件應開立催辦單",
        'case = ComplaintCase(CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic")\n'
        "case_status(case, date(2026, 3, 20))",
    ),
    Step(
        "Complaints",
        "C-9.1: the complaint form check names every missing item",
        "C-9.1：檢查客戶抱怨處理表時列出每一個缺漏項目",
        "from custpolicy.rules.complaints import *\n"
        'form = ComplaintForm(customer="Acme", part_number="PCB-200", quantity=500,\n'
        "                     request=Request.RETURN, requested_quantity=STILL_PROCESSING)\n"
        "check_complaint_form(form)",
    ),
    Step(
        "Complaints",
        "C-10.2 and C-14: each step has its own limit; a late step proposes an inquiry",
        "C-10.2與C-14：各步驟另有處理期限；步驟逾期時得開立洽辦單",
        "from custpolicy.rules.complaints import *\n"
        'steps = Policy().updated({"complaints.step_limit_days": {"品管分析": 3}})\n'
        'step = CaseStep("品管分析", date(2026, 3, 5), date(2026, 3, 9))\n'
        'case = ComplaintCase(CaseNumber(2026, 3, 1), date(2026, 3, 5), "domestic",\n'
        "                     closed=date(2026, 3, 18), steps=[step])\n"
        "case_status(case, date(2026, 3, 31), policy=steps)",
    ),
    Step(
        "Complaints",
        "C-10.2: a step still under way past its own limit is overdue",
        "C-10.2：步驟超過其處理期限仍未完成即屬逾期",
        "from custpolicy.rules.complaints import *\n"
        'steps = Policy().updated({"complaints.step_limit_days": {"品管分析": 3}})\n'
        'step_status(CaseStep("品管分析", date(2026, 3, 5)), date(2026, 3, 10), policy=steps)',
    ),
    Step(
        "Complaints",
        "C-12.1: last month's closed cases with an administrative sanction go to HR",
        "C-12.1：每月10日前將上月結案的行政處分案件送人事單位",
        "from custpolicy.rules.complaints import *\n"
        "cases = [\n"
        '    ComplaintCase(CaseNumber(2026, 2, 1), date(2026, 2, 3), "domestic",\n'
        "                  date(2026, 2, 12), sanctioned=True),\n"
        '    ComplaintCase(CaseNumber(2026, 2, 2), date(2026, 2, 5), "domestic",\n'
        "                  date(2026, 2, 16)),\n"
        "]\n"
        "sanction_referrals(cases, 2026, 2)",
    ),
    Step(
        "Complaints",
        "C-9.10 and C-14: last month's closed cases, summarised by the 10th",
        "C-9.10與C-14：每月10日前匯總上月結案案件",
        "cases = [\n"
        '    ComplaintCase(CaseNumber(2026, 2, 1), date(2026, 2, 14), "domestic", '
        "date(2026, 2, 27)),\n"
        '    ComplaintCase(CaseNumber(2026, 2, 2), date(2026, 2, 14), "foreign", '
        "date(2026, 3, 5)),\n"
        '    ComplaintCase(CaseNumber(2026, 2, 3), date(2026, 2, 16), "domestic", '
        "date(2026, 3, 2)),\n"
        "]\n"
        "monthly_summary(cases, 2026, 3)",
    ),
    Step(
        "Complaints",
        "C-11: the approval limits are company values that must be set",
        "C-11：核決權限金額須由公司設定",
        'approver_for(Money("8000", "CNY"))',
    ),
    Step(
        "Complaints",
        "C-11: an amount exactly at a limit stays with that role",
        "C-11：恰等於上限的金額仍由該層級核決",
        "company = Policy().updated({\n"
        '    "complaints.sales_manager_limit": Money("5000", "CNY"),\n'
        '    "complaints.vice_gm_limit": Money("50000", "CNY"),\n'
        "})\n"
        'approver_for(Money("5000.00", "CNY"), policy=company)',
    ),
    Step(
        "Complaints",
        "C-9.11: no role answers a customer on an amount beyond its authority",
        "C-9.11：不得超越核決權限答覆客戶",
        "company = Policy().updated({\n"
        '    "complaints.sales_manager_limit": Money("5000", "CNY"),\n'
        '    "complaints.vice_gm_limit": Money("50000", "CNY"),\n'
        "})\n"
        'may_answer(Approver.SALES_MANAGER, Money("8000", "CNY"), policy=company)',
    ),
    Step(
        "Complaints",
        "C-9.11: only the ruling goes to the customer, by letter or phone, never the form",
        "C-9.11：批示事項以書信或電話轉答客戶，不得將客戶抱怨處理表影印送客戶",
        "from custpolicy.rules.complaints import *\n"
        "company = Policy().updated({\n"
        '    "complaints.sales_manager_limit": Money("5000", "CNY"),\n'
        '    "complaints.vice_gm_limit": Money("50000", "CNY"),\n'
        "})\n"
        'ruling = Ruling(handling=Handling.ALLOWANCE, amount=Money("8000", "CNY"),\n'
        "                approved_by=Approver.VICE_GM)\n"
        'answer = CustomerAnswer(handling=Handling.ALLOWANCE, amount=Money("8000", "CNY"),\n'
        "                        channel=AnswerChannel.FORM_COPY)\n"
        "check_answer(answer, ruling, policy=company)",
    ),
    Step(
        "Complaints",
        "C-11: an approval table with a gap is refused, naming the band",
        "C-11：有缺口的核決權限表會被拒絕，並指出是哪一級",
        "bands = [\n"
        '    ApprovalBand(role=Approver.SALES_MANAGER, lower=Money(0, "CNY"),'
        " lower_inclusive=True,\n"
        '                 upper=Money(5000, "CNY"), upper_inclusive=False),\n'
        '    ApprovalBand(role=Approver.GM, lower=Money(5000, "CNY"), lower_inclusive=False,\n'
        "                 upper=None, upper_inclusive=False),\n"
        "]\n"
        "ApprovalTable(bands)",
    ),
    Step(
        "Returns",
        "R-1: a reprocessing needs a finished-goods return slip",
        "R-1：重處理須開立成品退貨單",
        "required_document(Handling.REPROCESSING)",
    ),
    Step(
        "Returns",
        "R-2.1: the actual return is booked up to approved x (1 + ratio), inclusive",
        "R-2.1：實退量在核定量×（1+超量允收比率）以內（含）時依實退量轉帳",
        'reconcile_return(200, 210, order_ratio="0.05")',
    ),
    Step(
        "Returns",
        "R-2.1: above the limit the booking is refused, saying by how much",
        "R-2.1：超過上限時不予轉帳，並說明超過多少",
        'reconcile_return(200, 211, order_ratio="0.05")',
    ),
    Step(
        "Returns",
        "R-2.1: no ratio on the order and no company default is an error naming both",
        "R-2.1：訂單未註明超量允收比率且公司未設定時，錯誤訊息會同時指出兩者",
        'reconcile_return(Decimal("12.5"), Decimal("13"))',
    ),
    Step(
        "Returns",
        "R-2.2: the warehouse signs for what arrived, after sign-off when it differs",
        "R-2.2：實收與退貨單不符時，請示後依實際狀況簽收",
        "warehouse_receipt(500, 480)",
    ),
    Step(
        "Returns",
        "R-2.3 and C-9.14: only the customer's own held-up receivables are relieved",
        "R-2.3與C-9.14：僅扣除該客戶因投訴而影響回收的應收金額",
        "from custpolicy.rules.complaints import ComplaintForm\n"
        "rows = [\n"
        '    Receivable("PCB-100", Money("6000", "CNY"), Money("6000", "CNY"), customer="Acme"),\n'
        '    Receivable("PCB-200", Money("4000", "CNY"), Money("1000", "CNY"), customer="Acme"),\n'
        '    Receivable("PCB-200", Money("3000", "CNY"), Money("0", "CNY"), customer="Beta"),\n'
        '    Receivable("PCB-300", Money("2000", "CNY"), Money("0", "CNY"), customer="Acme"),\n'
        "]\n"
        "forms = [\n"
        '    ComplaintForm(customer="Acme", part_number="PCB-200", upheld=True),\n'
        '    ComplaintForm(customer="Acme", part_number="PCB-300", upheld=False),\n'
        "]\n"
        "bonus_collection_rate(rows, forms)",
    ),
    Step(
        "Returns",
        "R-2.4: a proof of return without the buyer's stamp does not count",
        "R-2.4：未經買受人蓋章的退貨證明不予採認",
        "return_proof([ProofDocument(DocumentKind.ORIGINAL_INVOICE, False, 'No. 1234')])",
    ),
    Step(
        "Returns",
        "R-2.5: a stamped sales-allowance certificate proves an allowance",
        "R-2.5：買受人蓋章的銷貨折讓證明單可作為折讓證明",
        "allowance_proof([ProofDocument(DocumentKind.SALES_ALLOWANCE_CERTIFICATE, True)])",
    ),
)

STEPS: tuple[Step, ...] = (
    _FOUNDATION + _LEADS_AND_CUSTOMERS + _BILLING + _PENALTIES + _COMPLAINTS_AND_RETURNS
)
"""The tour, in order: the foundation, then each rule family."""
