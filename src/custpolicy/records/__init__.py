"""Save a value as plain data and get it back: the round trip of the library's values, on cattrs.

An app that runs the rules every night and every month keeps state between runs: an account
and its payments, a penalty account's carry-over, a lead ledger, the dunning results it
stored, its policy book and calendar. [`unstructure`][custpolicy.records.unstructure] turns any of
them into plain data that ``json.dumps`` writes (dates as ISO text, money as its exact text with its
currency, ``'CNY 1,349.99'``, enumerations by value, clauses by ID, tuples and sets as lists,
Decimals as exact text), and [`structure`][custpolicy.records.structure] turns that data back into
an equal value, built through the class's own constructor and checks:

    >>> import json
    >>> from datetime import date
    >>> from custpolicy import AccountState, Money, Payment
    >>> state = AccountState("A-17", date(2026, 3, 2), Money("1349.99", "CNY"),
    ...                      payments=[Payment(date(2026, 3, 5), Money("1000", "CNY"))])
    >>> text = json.dumps(unstructure(state), ensure_ascii=False)
    >>> text
    '{"format": 1, "account": "A-17", "delivered": "2026-03-02", "billed": "CNY 1,349.99", \
"payments": [{"paid_on": "2026-03-05", "amount": "CNY 1,000.00"}], "notified": null, \
"arrears_notice": null}'
    >>> structure(json.loads(text), AccountState) == state
    True

A record that is a mapping carries the format it was written in (``"format": 1``,
[`FORMAT_VERSION`][custpolicy.records.FORMAT_VERSION]); a record of a scalar value (money, a
currency, a clause, an enumeration) is its text alone. [`structure`][custpolicy.records.structure]
refuses a record of an unknown format, and anything else it cannot use (a key missing or unexpected,
a value of the wrong type, a value the class's checks refuse), with
[`RecordError`][custpolicy.foundation.errors.RecordError] naming the path at fault; nothing
half-built is returned:

    >>> record = json.loads(text)
    >>> record["payments"][0]["amount"] = "CNY -5.00"
    >>> structure(record, AccountState)
    Traceback (most recent call last):
    ...
    custpolicy.RecordError: payments[0].amount must be a positive Money, \
got Money('-5.00', 'CNY') [B-6 Payment]

[`converter`][custpolicy.records.converter] is the cattrs converter behind both, for an app that
registers hooks of its own on a copy (``converter.copy()``); only
[`structure`][custpolicy.records.structure] turns every failure into a ``RecordError``. Results
whose explanation depends on a policy and a calendar ([`Dunning`][custpolicy.rules.billing.Dunning])
keep both, so a reloaded result explains itself as the original did; the built-in China calendar is
written by name.
"""

from __future__ import annotations

from typing import Any, TypeVar

from custpolicy.foundation.errors import RecordError
from custpolicy.records._faults import faults, record_error
from custpolicy.records._hooks import make_converter

__all__ = ["FORMAT_VERSION", "converter", "structure", "unstructure"]

T = TypeVar("T")

FORMAT_VERSION = 1
"""The format of the records this version writes, under the key ``"format"`` of a mapping.

A later version that changes a record's shape writes a higher number and still reads this
one; this version refuses a number it does not know, rather than guess."""

converter = make_converter(detailed=False)
"""The preconfigured cattrs converter (JSON-safe) that [`unstructure`][] and [`structure`][]
use. Its errors are the hooks' own; [`structure`][custpolicy.records.structure] words them as a
``RecordError``."""

# The same hooks with cattrs' detailed validation: run only on a record that failed, to find the
# path at fault (it costs more than the fast converter on every record).
_detailed = make_converter(detailed=True)


def unstructure(value: object) -> Any:
    """``value`` as plain data that ``json.dumps`` writes; a mapping carries ``"format"``.

    Examples:
        >>> from custpolicy import Money, clause
        >>> unstructure(Money("1349.99", "CNY")), unstructure(clause("B-6"))
        ('CNY 1,349.99', 'B-6')
    """
    data = converter.unstructure(value)
    if data.__class__ is dict:
        return {"format": FORMAT_VERSION, **data}
    return data


def structure(data: object, cls: type[T]) -> T:
    """The ``cls`` value that ``data`` (as [`unstructure`][] wrote it) records.

    Raises [`RecordError`][custpolicy.foundation.errors.RecordError] naming the path at fault, the
    value found there and what was expected, for anything it cannot use.

    Examples:
        >>> from custpolicy import Money
        >>> structure("CNY 1,349.99", Money)
        Money('1349.99', 'CNY')
        >>> from custpolicy import Ledger
        >>> structure({"format": 2, "extras": []}, Ledger)
        Traceback (most recent call last):
        ...
        custpolicy.RecordError: format must be 1, the format this version of custpolicy \
reads, got 2: a newer version wrote the record; upgrade custpolicy to read it [structure Ledger]
    """
    body = data
    if data.__class__ is dict:
        body = dict(data)
        _check_format(body.pop("format", _MISSING), cls)
    try:
        return converter.structure(body, cls)
    except Exception as error:
        raise _record_error(body, cls, error) from None


_MISSING = object()


def _check_format(version: object, cls: object) -> None:
    if version.__class__ is int and version == FORMAT_VERSION:
        return
    where = f"structure {getattr(cls, '__name__', cls)}"
    got = "nothing" if version is _MISSING else repr(version)
    hint = ""
    if version.__class__ is int and version > FORMAT_VERSION:
        hint = ": a newer version wrote the record; upgrade custpolicy to read it"
    raise RecordError(
        f"format must be {FORMAT_VERSION}, the format this version of custpolicy reads, "
        f"got {got}{hint} [{where}]",
        path="format",
    )


def _record_error(data: object, cls: Any, error: Exception) -> RecordError:
    """Run the detailed converter on the record that failed, to name the path at fault."""
    try:
        _detailed.structure(data, cls)
    except Exception as detailed:
        found = faults(detailed)
    else:  # pragma: no cover (the two converters have the same hooks)
        found = faults(error)
    return record_error(data, cls, found)
