"""Built-in work calendars."""

from custpolicy.calendars.china import china

__all__ = ["china"]
