"""The 56 clauses of the customer-management policy, one constant per ID.

Every result of the library cites the clauses it applied, as
[`Clause`][custpolicy.foundation.clauses.Clause] values. The IDs are stable: L = leads (通用1), B =
gas billing (通用2), P = complaint penalties (通用3), C = complaint handling and R = returns
(通用4), M = customer master data (通用5). ``docs/catalogue.md`` explains each clause; a test keeps
it and this registry in step.

Examples:
    >>> B_6
    Clause('B-6')
    >>> B_6.title("zh-Hant"), B_6.title("zh-CN")
    ('結算單送達一週內繳費', '结算单送达一周内缴费')
    >>> clause("p-e3.4") is P_E3_4
    True
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

import attrs

from custpolicy.foundation.errors import UnknownClauseError
from custpolicy.foundation.lang import LANGS as LANGS  # the names' home before issue 15
from custpolicy.foundation.lang import Lang as Lang
from custpolicy.foundation.lang import in_lang, normalize_lang

Family = Literal["L", "B", "P", "C", "R", "M"]

FAMILY_NAMES: MappingProxyType[str, tuple[str, str]] = MappingProxyType(
    {
        "L": ("Leads from outreach events", "科普所得顧客檔案分配"),
        "B": ("Gas bill collection", "氣費收取"),
        "P": ("Complaint losses and penalties", "客戶投訴損失與罰扣"),
        "C": ("Complaint handling", "客戶投訴處理"),
        "R": ("Returns and allowances", "退貨與折讓"),
        "M": ("Customer master data", "客戶資料管理"),
    }
)

# ID -> (English title, Traditional Chinese title, computable)
_TITLES: dict[str, tuple[str, str, bool]] = {
    # L: leads (通用1)
    "L-1": ("Leads are distributed fairly and openly", "顧客檔案公平公開分配", True),
    "L-2.1": ("The CRM centre enters and processes the leads", "客戶關係管理中心錄入處理", True),
    "L-2.2": (
        "Processed leads go back to the department head",
        "處理後的顧客檔案返還部門負責人",
        True,
    ),
    "L-2.3": ("Leads are split equally among the participants", "平均分配給參加科普的員工", True),
    # B: gas billing (通用2)
    "B-1": ("Home-visit conduct rules", "入戶工作準則", False),
    "B-2.1": ("Meter-reading rate meets the company standard", "抄收率不低於公司標準", True),
    "B-2.2": ("Collection rate of at least 95 %", "氣費回收率達到95%以上", True),
    "B-4": (
        "Reading days 20-25 for public and commercial users",
        "公福與商業用戶每月20日至25日抄收",
        True,
    ),
    "B-5": ("Monthly report is 100 % accurate", "月度報表上報準確率100%", True),
    "B-6": ("Payment within one week of the sheet's delivery", "結算單送達一週內繳費", True),
    "B-7": (
        "Unpaid after the deadline: notify by phone or in writing",
        "逾期未繳：電話或書面通知",
        True,
    ),
    "B-8": ("Arrears notice three days later, up to cut-off", "三日後下達催繳通知單直至停氣", True),
    # P: complaint losses and penalties (通用3)
    "P-1": ("Loss basis after one month for resale", "一個月轉售期與損失金額", True),
    "P-2": ("Loss shared by responsibility ratio", "依職責比例分攤損失", True),
    "P-3": ("Sanction by the loss a person bears", "依個人職責負擔金額處分", True),
    "P-4": ("The fifteen complaint causes", "十五項投訴原因", True),
    "P-5.1": ("Warning: at least 400 each", "警告一次罰扣400元以上", True),
    "P-5.2": ("Minor demerit: at least 800 per base unit", "小過一次每基數罰扣800元以上", True),
    "P-5.3": ("Major demerit: the month's bonus forfeited", "大過以上當月效益獎金全額罰扣", True),
    "P-E1": ("Manufacturing: charge the smallest team unit", "製造部門歸屬至最小組單元", True),
    "P-E2": ("Sales and service: charge the individual", "業務與服務部門歸屬至個人", True),
    "P-E3.1": ("Deductions come from bonuses and go to the company", "罰扣效益獎金歸屬公司", True),
    "P-E3.2": ("Each case is deducted on its own", "按件分別罰扣", True),
    "P-E3.3": ("A unit's charge is split by base points", "依基點數分攤單位罰扣", True),
    "P-E3.4": (
        "Monthly deductions capped at 50 % of the bonus",
        "每月罰扣以效益獎金50%為上限",
        True,
    ),
    "P-E4": ("A charge to a whole section is spread by base points", "全科罰扣依基點數計扣", True),
    # C: complaint handling (通用4)
    "C-5": ("Quality and non-quality complaints", "品質異常與非品質異常投訴", True),
    "C-8": ("Case number: year, month, serial", "投訴編號：年度、月份、流水號", True),
    "C-9.1": ("The complaint form and its required items", "客戶抱怨處理表必填事項", True),
    "C-9.3": ("QA report within three days of the investigation", "調查處理後三日內提出報告", True),
    "C-9.6": ("Consolidated opinion within one day", "一日內作成綜合意見", True),
    "C-9.10": (
        "Last month's closed cases summarised before the 10th",
        "每月10日前匯總上月結案",
        True,
    ),
    "C-9.11": ("No answer beyond one's approval authority", "不得超越核決權限", True),
    "C-9.14": (
        "A complaint not upheld: collect on the normal terms",
        "投訴不成立者依規定收款期收回應收帳款",
        True,
    ),
    "C-10": ("Closed within 13 days (domestic) or 17 (foreign)", "國內13日、國外17日內結案", True),
    "C-10.2": ("Time limits for each step of the handling", "各單位處理作業期限", True),
    "C-11": ("Approval authority by amount", "投訴金額核決權限", True),
    "C-12.1": (
        "Sanctioned cases go to HR before the 10th",
        "每月10日前將行政處分案件送人事單位",
        True,
    ),
    "C-12.2": (
        "A bonus deduction needs a notice approved by the GM",
        "罰扣獎金須開立獎罰通知單經總經理核准",
        True,
    ),
    "C-14": (
        "Reminders for overdue cases, inquiries for late ones",
        "逾期案件開立催辦單與洽辦單",
        True,
    ),
    # R: returns and allowances (通用4, 十三)
    "R-1": ("The document each handling type needs", "處理方式所需單據", True),
    "R-2.1": ("Book the actual returned quantity within tolerance", "允收範圍內依實退量轉帳", True),
    "R-2.2": ("The warehouse signs for what actually arrived", "成品倉儲依實際狀況簽收", True),
    "R-2.3": (
        "Complained receivables left out of the bonus rate",
        "投訴料號應收金額不計入回收率",
        True,
    ),
    "R-2.4": ("Proof of a return", "退貨證明文件", True),
    "R-2.5": ("Proof of an allowance", "折讓證明文件", True),
    # M: customer master data (通用5)
    "M-1.2": ("Four customer categories", "四類客戶", True),
    "M-1.3": ("The fields a customer file must have", "客戶檔案必備資料", True),
    "M-1.4": ("Registration within five working days", "5個工作日內備案", True),
    "M-1.5": ("Reading a customer file needs approval", "查閱客戶檔案須經核准", True),
    "M-1.6.3": ("Key customers have two or more contacts", "重要新客戶須有兩名以上人員聯絡", True),
    "M-1.6.4": ("A leaver's customers are reassigned and told", "人員調離時指派他人接替", True),
    "M-1.7": ("Return visits and satisfaction surveys", "回訪及滿意度調查", True),
    "M-1.8.1": ("No reimbursement for unregistered customers", "未備案客戶費用不予報銷", True),
    "M-1.8.2": (
        "Flag staff who ignore registration reminders",
        "多次督促不配合者納入KPI考核",
        True,
    ),
    "M-1.9": ("The policy takes effect on its effective date", "制度自生效日起實行", True),
}


def _known_id(instance: Clause, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str):  # an unhashable value cannot be looked up
        raise UnknownClauseError(f"id must be a str such as 'B-6', got {value!r} [Clause]")
    if value not in _TITLES:
        raise UnknownClauseError(f"clause id {value!r} is not in the catalogue [Clause]")


@attrs.frozen(repr=False, order=False)
class Clause:
    """One clause of the policy, named by its stable ID (``'B-6'``, ``'P-E3.4'``)."""

    id: str = attrs.field(validator=_known_id)

    def __repr__(self) -> str:
        return f"Clause({self.id!r})"

    def __str__(self) -> str:
        return self.id

    @property
    def family(self) -> Family:
        """The rule family: ``L``, ``B``, ``P``, ``C``, ``R`` or ``M``."""
        return self.id[0]  # type: ignore[return-value]

    @property
    def computable(self) -> bool:
        """False for conduct rules that no program can check (B-1)."""
        return _TITLES[self.id][2]

    def title(self, lang: Lang = "en") -> str:
        """The clause's short title in ``lang`` (``en``, ``zh-Hans``, ``zh-Hant``, a tag of one)."""
        en, zh, _ = _TITLES[self.id]
        return in_lang(normalize_lang(lang, "Clause.title"), en, zh)


def clause(clause_id: str) -> Clause:
    """The clause with ID ``clause_id`` (case-insensitive), or [`UnknownClauseError`][]."""
    if not isinstance(clause_id, str):
        raise UnknownClauseError(f"clause_id must be a str such as 'B-6', got {clause_id!r}")
    found = CLAUSES.get(clause_id.strip().upper())
    if found is None:
        raise UnknownClauseError(f"clause id {clause_id!r} is not in the catalogue")
    return found


CLAUSES: MappingProxyType[str, Clause] = MappingProxyType({i: Clause(i) for i in _TITLES})
"""Every clause, by ID, in catalogue order."""

L_1 = CLAUSES["L-1"]
L_2_1 = CLAUSES["L-2.1"]
L_2_2 = CLAUSES["L-2.2"]
L_2_3 = CLAUSES["L-2.3"]
B_1 = CLAUSES["B-1"]
B_2_1 = CLAUSES["B-2.1"]
B_2_2 = CLAUSES["B-2.2"]
B_4 = CLAUSES["B-4"]
B_5 = CLAUSES["B-5"]
B_6 = CLAUSES["B-6"]
B_7 = CLAUSES["B-7"]
B_8 = CLAUSES["B-8"]
P_1 = CLAUSES["P-1"]
P_2 = CLAUSES["P-2"]
P_3 = CLAUSES["P-3"]
P_4 = CLAUSES["P-4"]
P_5_1 = CLAUSES["P-5.1"]
P_5_2 = CLAUSES["P-5.2"]
P_5_3 = CLAUSES["P-5.3"]
P_E1 = CLAUSES["P-E1"]
P_E2 = CLAUSES["P-E2"]
P_E3_1 = CLAUSES["P-E3.1"]
P_E3_2 = CLAUSES["P-E3.2"]
P_E3_3 = CLAUSES["P-E3.3"]
P_E3_4 = CLAUSES["P-E3.4"]
P_E4 = CLAUSES["P-E4"]
C_5 = CLAUSES["C-5"]
C_8 = CLAUSES["C-8"]
C_9_1 = CLAUSES["C-9.1"]
C_9_3 = CLAUSES["C-9.3"]
C_9_6 = CLAUSES["C-9.6"]
C_9_10 = CLAUSES["C-9.10"]
C_9_11 = CLAUSES["C-9.11"]
C_9_14 = CLAUSES["C-9.14"]
C_10 = CLAUSES["C-10"]
C_10_2 = CLAUSES["C-10.2"]
C_11 = CLAUSES["C-11"]
C_12_1 = CLAUSES["C-12.1"]
C_12_2 = CLAUSES["C-12.2"]
C_14 = CLAUSES["C-14"]
R_1 = CLAUSES["R-1"]
R_2_1 = CLAUSES["R-2.1"]
R_2_2 = CLAUSES["R-2.2"]
R_2_3 = CLAUSES["R-2.3"]
R_2_4 = CLAUSES["R-2.4"]
R_2_5 = CLAUSES["R-2.5"]
M_1_2 = CLAUSES["M-1.2"]
M_1_3 = CLAUSES["M-1.3"]
M_1_4 = CLAUSES["M-1.4"]
M_1_5 = CLAUSES["M-1.5"]
M_1_6_3 = CLAUSES["M-1.6.3"]
M_1_6_4 = CLAUSES["M-1.6.4"]
M_1_7 = CLAUSES["M-1.7"]
M_1_8_1 = CLAUSES["M-1.8.1"]
M_1_8_2 = CLAUSES["M-1.8.2"]
M_1_9 = CLAUSES["M-1.9"]

__all__ = [
    "B_1",
    "B_2_1",
    "B_2_2",
    "B_4",
    "B_5",
    "B_6",
    "B_7",
    "B_8",
    "CLAUSES",
    "C_5",
    "C_8",
    "C_9_1",
    "C_9_3",
    "C_9_6",
    "C_9_10",
    "C_9_11",
    "C_9_14",
    "C_10",
    "C_10_2",
    "C_11",
    "C_12_1",
    "C_12_2",
    "C_14",
    "FAMILY_NAMES",
    "L_1",
    "L_2_1",
    "L_2_2",
    "L_2_3",
    "M_1_2",
    "M_1_3",
    "M_1_4",
    "M_1_5",
    "M_1_6_3",
    "M_1_6_4",
    "M_1_7",
    "M_1_8_1",
    "M_1_8_2",
    "M_1_9",
    "P_1",
    "P_2",
    "P_3",
    "P_4",
    "P_5_1",
    "P_5_2",
    "P_5_3",
    "P_E1",
    "P_E2",
    "P_E3_1",
    "P_E3_2",
    "P_E3_3",
    "P_E3_4",
    "P_E4",
    "R_1",
    "R_2_1",
    "R_2_2",
    "R_2_3",
    "R_2_4",
    "R_2_5",
    "Clause",
    "clause",
]
