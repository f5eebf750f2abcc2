"""Routing for batch runs: which partition a key goes to, and the ``explain`` argument they share.

The batch entry points of the rule families ([`custpolicy.rules.billing.batch`][],
[`custpolicy.rules.penalties.batch`][]) cut work into independent pieces; this module holds
what they have in common.
"""

from __future__ import annotations

import zlib

from custpolicy.foundation.errors import InvalidInputError
from custpolicy.foundation.lang import EXPECTED, LANGS, Lang, normalize_lang
from custpolicy.foundation.validate import check_int, check_text

__all__ = ["check_explain", "partition_of"]


def check_explain(value: object, where: str) -> Lang | None:
    """The canonical tag of the language ``value`` names, or ``None`` (the ``explain`` argument)."""
    if value is None or (value.__class__ is str and value in LANGS):
        return value
    try:
        return normalize_lang(value, where)
    except InvalidInputError:
        raise InvalidInputError(
            f"explain must be {EXPECTED} or None, got {value!r} [{where}]"
        ) from None


def partition_of(key: str, partitions: int) -> int:
    """The partition, from 0 to ``partitions - 1``, that ``key`` (an account, a person) goes to.

    The same in every process, machine and run (CRC-32 of the key in UTF-8), unlike
    ``hash()``, which Python salts per process. Route a person's months, and the account a
    penalty run leaves behind, with it, and they meet in the same partition month after month.

    Examples:
        >>> [partition_of(person, 8) for person in ("Chen", "Lin", "Wang")]
        [2, 7, 2]
    """
    where = "partition_of"
    check_text(key, "key", where, blank=True)
    check_int(partitions, "partitions", where, low=1)
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % partitions
