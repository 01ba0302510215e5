"""Dates as users type them: `YYYY-MM-DD` or `DD/MM/YYYY`, in files, forms, URLs and commands."""

import datetime as dt
import re

from django.contrib import messages
from django.utils.translation import gettext as _

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(raw: str) -> dt.date | None:
    """`YYYY-MM-DD` or `DD/MM/YYYY` to a date; None when the text is not a real date."""
    raw = (raw or "").strip()
    match = _ISO_DATE.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DMY_DATE.match(raw)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def as_of_parse(value: str | None, *, default: dt.date) -> tuple[dt.date, str | None]:
    """The as-of date asked for, and an error message when it was not a date.

    Blank means the default; a bad date also falls back to the default, and the message says so.
    """
    value = (value or "").strip()
    if not value:
        return default, None
    day = parse_date(value)
    if day is None:
        message = _(
            "Ngày “%(value)s” không hợp lệ (cần dạng dd/mm/yyyy); đang hiển thị ngày %(day)s."
        )
        return default, message % {"value": value[:40], "day": default.strftime("%d/%m/%Y")}
    return day, None


def as_of_from_request(request, *, default: dt.date) -> dt.date:
    """`?as_of=` of a page: a bad date is shown to the user as an error, never silently dropped."""
    day, error = as_of_parse(request.GET.get("as_of"), default=default)
    if error:
        messages.error(request, error)
    return day
