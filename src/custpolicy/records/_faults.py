"""From a failed structuring to a [`RecordError`][] naming the path at fault.

Private to [`custpolicy.records`][]. cattrs' detailed validation groups the errors of a class's
fields (``ClassValidationError``, each with a note naming the field); the records hooks say
where in a collection with `LocatedError`. `faults`
walks both down to each first error and its path; `record_error` words the first one.
"""

from __future__ import annotations

from typing import Any

from cattrs.errors import AttributeValidationNote, ClassValidationError, IterableValidationError

from custpolicy.foundation.errors import CustPolicyError, PolicyFileError, RecordError
from custpolicy.foundation.workdays import CalendarDataError
from custpolicy.records._hooks import (
    LocatedError,
    MissingFieldError,
    RefusedError,
    UnexpectedKeyError,
)

Part = str | int
Fault = tuple[tuple[Part, ...], Exception]


def faults(error: BaseException, path: tuple[Part, ...] = ()) -> list[Fault]:
    """Every error under ``error``, each with the path to the value it is about."""
    if isinstance(error, LocatedError):
        return faults(error.error, (*path, error.part))
    if isinstance(error, ClassValidationError | IterableValidationError):
        found: list[Fault] = []
        for inner in error.exceptions:
            notes = getattr(inner, "__notes__", ())
            named = [n.name for n in notes if isinstance(n, AttributeValidationNote)]
            found.extend(faults(inner, (*path, *named[-1:])))
        return found
    if isinstance(error, Exception):
        return [(path, error)]
    raise error  # pragma: no cover (a KeyboardInterrupt or SystemExit is not a fault)


def path_text(path: tuple[Part, ...]) -> str:
    """The path as written in messages: ``payments[1].amount``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _value_at(data: Any, path: tuple[Part, ...]) -> object:
    """The value of the record at ``path``, a path of the record's own keys and indices.

    Every fault's path is (a missing key and an unexpected one are worded without it).
    """
    for part in path:
        data = data[part]
    return data


def _sub_path(text: str) -> tuple[Part, ...]:
    """A dotted path with indices, as policy and calendar errors name one, as parts."""
    parts: list[Part] = []
    for piece in filter(None, text.replace("[", ".[").split(".")):
        index = piece[1:-1]
        parts.append(int(index) if piece == f"[{index}]" and index.isdigit() else piece)
    return tuple(parts)


def record_error(data: object, cls: object, found: list[Fault]) -> RecordError:
    """The error for a record that could not be structured: the first fault, worded."""
    path, error = found[0]
    where = f"structure {getattr(cls, '__name__', cls)}"
    if isinstance(error, (PolicyFileError, CalendarDataError)) and error.path:
        text = str(error)
        inner = _sub_path(error.path)
        full = path_text((*path, *inner))
        if text.startswith(error.path):
            message = full + text[len(error.path) :]
        else:  # pragma: no cover (both errors' messages start with their path)
            message = f"{full}: {text}"
    else:
        message, full = _message(data, path, error, where)
    if len(found) > 1:
        others = ", ".join(path_text(p) or "record" for p, _ in found[1:4])
        message += f"; also at {others}" + (" ..." if len(found) > 4 else "")
    return RecordError(message, path=full)


def _message(data: object, path: tuple[Part, ...], error: Exception, where: str) -> tuple[str, str]:
    name = path_text(path)
    shown = name or "record"
    if isinstance(error, RefusedError):
        return f"{shown} must be {error.expectation}, got {error.value!r} [{where}]", name
    if isinstance(error, MissingFieldError):
        return f"{shown} must be given (a field of {error.owner}), got nothing [{where}]", name
    if isinstance(error, UnexpectedKeyError):
        fields = ", ".join(error.fields)
        return (
            (
                f"{shown} must not be in the record: it is not a field of {error.owner} (the "
                f"fields: {fields}), got {error.value!r} [{where}]"
            ),
            name,
        )
    text = str(error)
    if isinstance(error, CustPolicyError):
        # a class's own check: its message starts with the argument's name, often a field
        head, _, rest = text.partition(" ")
        here = _value_at(data, path)
        if isinstance(here, dict) and head in here:
            full = path_text((*path, head))
            return f"{full} {rest}", full
        return f"{shown}: {text}", name
    got = _value_at(data, path)
    return (
        f"{shown} could not be read ({type(error).__name__}: {text}), got {got!r} [{where}]",
        name,
    )
