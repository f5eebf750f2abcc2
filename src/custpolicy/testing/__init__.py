"""Hypothesis strategies for the library's value types, for property-testing code that calls it.

Install the extra to use it: ``pip install "custpolicy[testing]"`` (it brings
[hypothesis](https://hypothesis.readthedocs.io)). The library's own tests use the same
strategies.

Every strategy yields only valid values: each value is built through the library's own
constructors, so their validators have accepted it, and values that go together (the dates of
an account's notices, the bands of an approval table, the open cases of a penalty account) are
drawn so the rules accept them too. Nothing here is a rule: the module encodes no clause.

The strategies are split as the library is, one module per layer or family, and this package
exports every one of them, so ``from custpolicy.testing import money, account_states`` works
whichever module a strategy lives in:

- [`custpolicy.testing.foundation`][]: money, working days, policies, the fair split's
  participants and items, phone numbers.
- [`custpolicy.testing.rules.leads`][] (L), [`billing`][custpolicy.testing.rules.billing] (B),
  [`penalties`][custpolicy.testing.rules.penalties] (P: losses and penalties),
  [`complaints`][custpolicy.testing.rules.complaints] (C and R),
  [`customers`][custpolicy.testing.rules.customers] (M), beside the families of
  [`custpolicy.rules`][].

Every function returns a hypothesis ``SearchStrategy``; call it, then pass the strategy to
``@given``. A bad argument raises
[`InvalidInputError`][custpolicy.foundation.errors.InvalidInputError] at the call.

``hypothesis.find`` shows what a strategy draws (docs/testing.md has a complete ``@given`` test).

Examples:
    >>> from hypothesis import find, strategies as st
    >>> from custpolicy.foundation.money import allocate
    >>> total, parties = find(st.tuples(money(), weights()), lambda pair: len(pair[1]) == 3)
    >>> len(parties), sum(allocate(total, parties).values()) == total
    (3, True)
"""

from __future__ import annotations

try:  # before the strategy modules, each of which imports hypothesis
    import hypothesis  # noqa: F401
except ImportError as error:
    raise ImportError(
        "custpolicy.testing needs hypothesis, which comes with the testing extra: "
        'pip install "custpolicy[testing]"',
        name=__name__,
    ) from error

from custpolicy.testing import foundation as _foundation
from custpolicy.testing.foundation import *
from custpolicy.testing.rules import billing as _billing
from custpolicy.testing.rules import complaints as _complaints
from custpolicy.testing.rules import customers as _customers
from custpolicy.testing.rules import leads as _leads
from custpolicy.testing.rules import penalties as _penalties
from custpolicy.testing.rules.billing import *
from custpolicy.testing.rules.complaints import *
from custpolicy.testing.rules.customers import *
from custpolicy.testing.rules.leads import *
from custpolicy.testing.rules.penalties import *

# every strategy, each written once: in its module's __all__
__all__ = sorted(
    name
    for module in (_foundation, _leads, _billing, _penalties, _complaints, _customers)
    for name in module.__all__
)
