"""Dates as role profiles write them: a day ("1 March 2025") or only a month ("March 2025").

A month-only date is stored as the first day of its month with its precision beside it, so that
dates still sort and compare in the database, and is shown and exported as the month it was.
"""

import calendar
from datetime import date

from django.db import models
from django.utils.dateformat import format as format_date


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month only"


def precision_field(of: str) -> models.CharField:
    return models.CharField(
        f"{of} written as",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Month only: shown as “March 2025”; any day of that month will do.",
    )


def written_date(value: date | None, precision: str) -> str:
    """The date as the profile writes it: "1 March 2025", or "March 2025" for a month only."""
    if value is None:
        return ""
    return format_date(value, "F Y" if precision == DatePrecision.MONTH else "j F Y")


def as_precise_as(value: date | None, precision: str) -> date | None:
    """A month-only date is kept as the first of its month, whatever day was typed."""
    if value is not None and precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def last_day(value: date | None, precision: str) -> date | None:
    """The last day a date covers: the day itself, or the last day of a month-only date."""
    if value is not None and precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value
