"""Rules on a task's fields, each in one place: `Task.clean` (the admin) and the plan workbook
import call the same functions. Each takes keyword arguments and returns the messages (empty:
valid)."""

from __future__ import annotations

from units.models import unit_kinds_errors


def task_assigned_kinds_errors(*, assigned_kinds: str) -> list[str]:
    """`assigned_kinds` is blank or unit kinds separated by "," without spaces, as `Task.kinds`
    reads them."""
    kinds = [k for k in (assigned_kinds or "").split(",") if k]
    return unit_kinds_errors(kinds=kinds)
