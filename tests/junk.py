"""Values that callers pass by mistake, for the refusal tests."""

from __future__ import annotations


class Ambiguous:
    """Behaves like ``pandas.NA``: ``==`` gives itself, and its truth value raises TypeError.

    A check such as ``value in ("a", "b")`` on it raises TypeError unless the type is checked
    first, which is what the refusal tests look for.
    """

    def __eq__(self, other: object) -> Ambiguous:  # type: ignore[override]
        return self

    def __ne__(self, other: object) -> Ambiguous:  # type: ignore[override]
        return self

    def __bool__(self) -> bool:
        raise TypeError("boolean value of Ambiguous is ambiguous")

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "<Ambiguous>"


AMBIGUOUS = Ambiguous()
