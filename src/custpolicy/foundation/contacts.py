"""Contact details in one form, for every family that matches people by them.

Leads are matched against the customers on file by phone (L-2.1), and a customer file's phone
must be a usable number (the required fields of the customer file): both families read a number
in the one form [`normalize_phone`][custpolicy.foundation.contacts.normalize_phone] gives, so it
lives below them.
"""

from __future__ import annotations

import re
import unicodedata

from custpolicy.foundation.errors import InvalidInputError

__all__ = ["normalize_phone"]

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212().·/]")


def normalize_phone(raw: str) -> str | None:
    """A phone number in one form, or ``None`` if it holds no usable number (L-2.1).

    Full-width digits become plain digits; spaces, dashes, dots and brackets go; a ``+86``,
    ``0086`` or ``86`` country prefix goes, and a landline keeps its leading 0 (``010...``).
    Another country's number is kept in international form (``+852...``). A number with
    letters in it, or shorter than 5 or longer than 15 digits, is not usable.

    Examples:
        >>> normalize_phone("+86 138-0013-8000"), normalize_phone("８６１３８００１３８０００")
        ('13800138000', '13800138000')
        >>> normalize_phone("+86 (10) 6512 3456"), normalize_phone("+852 2345 6789")
        ('01065123456', '+85223456789')
        >>> normalize_phone("n/a") is None
        True
    """
    if not isinstance(raw, str):
        raise InvalidInputError(f"raw must be a str, got {raw!r} [normalize_phone L-2.1]")
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    international = False
    if digits.startswith("+"):
        digits, international = digits[1:], True
    elif digits.startswith("00"):
        digits, international = digits[2:], True
    if not (digits.isascii() and digits.isdigit()):
        return None
    if international:
        if not digits.startswith("86"):
            return "+" + digits if 5 <= len(digits) <= 15 else None
        digits = digits[2:]
        if not (len(digits) == 11 and digits.startswith("1")) and not digits.startswith("0"):
            digits = "0" + digits  # a landline: the area code gets its trunk 0 back
    elif len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]  # a mobile written with 86 and no +
    elif len(digits) in (12, 13) and digits.startswith("86") and digits[2] in "23456789":
        digits = "0" + digits[2:]  # a landline written with 86 and no +: 86 21 ... is 021 ...
    return digits if 5 <= len(digits) <= 15 else None
