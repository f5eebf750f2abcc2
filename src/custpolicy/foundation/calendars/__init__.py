"""Built-in work calendars."""

from custpolicy.foundation.calendars.china import china, provisional_year, statutory_holidays

__all__ = ["china", "provisional_year", "statutory_holidays"]
