"""Rolling a plan over to another year (docs/plan-workbook.md, "Roll-over").

The new plan is the old one's workbook with its year, baseline year, deadline and task due dates
moved, imported like any workbook: the same checks, the same preview, and assignments for the
units active in the new year. Evidence is never copied. A plan that already exists is left
alone, so rolling twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from indicators.targets.plan_import import PlanImport, plan_import
from indicators.targets.workbook import NumberedSheets, Sheets, plan_sheets
from plans.models import Plan


def date_shift_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29/02 becomes 28/02 in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def rolled_code(*, plan: Plan, year: int) -> str:
    """CCHC-2021 → CCHC-2022; a code without its year gets the new year appended."""
    if str(plan.year) in plan.code:
        return plan.code.replace(str(plan.year), str(year))
    return f"{plan.code}-{year}"


def _iso_shift(text: str, years: int) -> str:
    return date_shift_years(dt.date.fromisoformat(text), years).isoformat()


def rolled_sheets(*, plan: Plan, year: int, code: str) -> Sheets:
    years = year - plan.year
    sheets = plan_sheets(plan=plan)
    row = sheets["plan"][0]
    row.update(
        code=code,
        year=str(year),
        baseline_year=str(year - 1),
        deadline=_iso_shift(row["deadline"], years),
        title=row["title"].replace(str(plan.year), str(year)),
    )
    for task in sheets["tasks"]:
        task["due_on"] = _iso_shift(task["due_on"], years)
    return sheets


def _numbered(sheets: Sheets) -> NumberedSheets:
    return {name: list(enumerate(rows, start=2)) for name, rows in sheets.items()}


def plan_roll(*, plan: Plan, year: int, code: str = "", dry_run: bool = False) -> PlanImport:
    """Create the plan of `year` from `plan` (or, with dry_run, say what would be created)."""
    code = code or rolled_code(plan=plan, year=year)
    if year == plan.year:
        return PlanImport(code=code, errors=[_("Năm mới phải khác năm của kế hoạch gốc.")])
    if Plan.objects.filter(code=code).exists():
        return PlanImport(code=code, plan=Plan.objects.get(code=code))
    return plan_import(
        sheets=_numbered(rolled_sheets(plan=plan, year=year, code=code)), dry_run=dry_run
    )
