"""custpolicy: a company's customer-management policy as exact, explained Python rules.

Every rule returns a result that cites the clauses it applied (see
[`custpolicy.foundation.clauses`][]) and explains itself in English, Simplified and
Traditional Chinese.
The foundation:

- [`Money`][custpolicy.foundation.money.Money], [`allocate`][custpolicy.foundation.money.allocate]:
  exact money and sum-preserving splits;
- [`WorkCalendar`][custpolicy.foundation.workdays.WorkCalendar],
  [`china`][custpolicy.foundation.calendars.china.china]: working days with holidays and make-up
  days;
- [`Clause`][custpolicy.foundation.clauses.Clause],
  [`Reason`][custpolicy.foundation.explain.Reason],
  [`Explained`][custpolicy.foundation.explain.Explained]: citations and explanations;
- [`Policy`][custpolicy.foundation.policy.Policy],
  [`PolicyBook`][custpolicy.foundation.policy.PolicyBook]: parameters and versions by effective date
  (M-1.9).

The package root re-exports every public name (the ``__all__``) of the modules in
``_MODULES``: that tuple is the one list, and each name is written once, in its own module's
``__all__``. A type checker reads the ``from ... import *`` lines below (PEP 484 counts a star
import as an export); at run time they do not run, and a name is loaded on first use (PEP 562)
from the first module in ``_MODULES`` that exports it, importing the modules in order and no
further. So ``import custpolicy`` stays cheap, and ``from custpolicy import Money`` loads only
the foundation modules up to [`custpolicy.foundation.money`][]. A test keeps the star imports
equal to ``_MODULES`` and checks that no name is exported by two modules.

Examples:
    >>> import custpolicy
    >>> custpolicy.Money("1.05", "CNY") + custpolicy.Money("2", "CNY")
    Money('3.05', 'CNY')
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

# The public modules, in the order a name is looked for (the foundation first).
_MODULES = (
    "custpolicy.foundation.errors",
    "custpolicy.foundation.lang",
    "custpolicy.foundation.formats",
    "custpolicy.foundation.clauses",
    "custpolicy.foundation.explain",
    "custpolicy.foundation.money",
    "custpolicy.foundation.workdays",
    "custpolicy.foundation.calendars",
    "custpolicy.foundation.deadlines",
    "custpolicy.foundation.fairsplit",
    "custpolicy.foundation.contacts",
    "custpolicy.foundation.policy",
    "custpolicy.foundation.tables",
    "custpolicy.rules.leads",
    "custpolicy.rules.billing",
    "custpolicy.rules.losses",
    "custpolicy.rules.penalties",
    "custpolicy.rules.complaints",
    "custpolicy.rules.complaints.returns",
    "custpolicy.rules.customers",
    "custpolicy.scenarios",
    "custpolicy.records",
)

if TYPE_CHECKING:
    from custpolicy.foundation.calendars import *
    from custpolicy.foundation.clauses import *
    from custpolicy.foundation.contacts import *
    from custpolicy.foundation.deadlines import *
    from custpolicy.foundation.errors import *
    from custpolicy.foundation.explain import *
    from custpolicy.foundation.fairsplit import *
    from custpolicy.foundation.formats import *
    from custpolicy.foundation.lang import *
    from custpolicy.foundation.money import *
    from custpolicy.foundation.policy import *
    from custpolicy.foundation.tables import *
    from custpolicy.foundation.workdays import *
    from custpolicy.records import *
    from custpolicy.rules.billing import *
    from custpolicy.rules.complaints import *
    from custpolicy.rules.complaints.returns import *
    from custpolicy.rules.customers import *
    from custpolicy.rules.leads import *
    from custpolicy.rules.losses import *
    from custpolicy.rules.penalties import *
    from custpolicy.scenarios import *


# name -> module, for the modules of _MODULES imported so far; _indexed counts them.
_index: dict[str, str] = {}
_indexed = 0


def _module_of(name: str) -> str | None:
    """The module that exports ``name``, importing the modules in order until one does."""
    global _indexed
    while name not in _index and _indexed < len(_MODULES):
        position = _indexed
        module = _MODULES[position]
        for exported in import_module(module).__all__:
            _index.setdefault(exported, module)
        # never `+= 1`: a lookup that overlapped this one may have indexed further already
        _indexed = max(_indexed, position + 1)
    return _index.get(name)


def _ruff_order(name: str) -> tuple[int, str]:
    """CONSTANTS, then Classes, then the rest, each sorted (the order ruff's RUF022 keeps)."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def _all_names() -> list[str]:
    _module_of("")  # no module exports "": this imports and indexes every module
    return sorted([*_index, "__version__"], key=_ruff_order)


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    if name == "__all__":
        value: Any = _all_names()
    else:
        module = _module_of(name)
        if module is None:
            raise AttributeError(f"module 'custpolicy' has no attribute {name!r}")
        value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_all_names()))
