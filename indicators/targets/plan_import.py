"""Importing a plan workbook: every row checked, then a preview of the changes, then all or nothing.

The rows are first made canonical (the texts `workbook.plan_sheets` would export), so comparing
them with the plan in the database says exactly what is created, changed and removed, and an
unchanged workbook writes nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from common.dates import parse_date
from indicators.targets.models import ProcedureField, Target
from indicators.targets.validators import (
    target_field_thresholds_errors,
    target_unit_kinds_errors,
)
from indicators.targets.workbook import (
    KEYS,
    UNIT_GROUPS,
    NumberedSheets,
    Sheets,
    kinds_to_units,
    number_text,
    plan_sheets,
)
from plans.models import Clause, Plan, Task
from plans.services import plan_expand_assignments
from units.models import Unit


@dataclass
class SheetChanges:
    created: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.changed or self.removed)


@dataclass
class PlanImport:
    """What an import found: the plan's code, every bad row, and the changes per sheet."""

    code: str = ""
    errors: list[str] = field(default_factory=list)
    changes: dict[str, SheetChanges] = field(default_factory=dict)
    plan: Plan | None = None

    @property
    def changed(self) -> bool:
        return any(self.changes.values())

    def summary(self) -> str:
        if not self.changed:
            return _("Kế hoạch %(code)s: không có gì thay đổi.") % {"code": self.code}
        parts = [
            _("%(sheet)s: %(created)d thêm, %(changed)d sửa, %(removed)d xóa")
            % {
                "sheet": sheet,
                "created": len(c.created),
                "changed": len(c.changed),
                "removed": len(c.removed),
            }
            for sheet, c in self.changes.items()
            if c
        ]
        return _("Kế hoạch %(code)s — %(parts)s.") % {"code": self.code, "parts": "; ".join(parts)}


class _Rows:
    """Collects the canonical rows of one sheet and the reasons its bad rows are bad."""

    def __init__(self, sheet: str, errors: list[str]):
        self.sheet, self.errors, self.rows, self.keys = sheet, errors, [], set()

    def error(self, line: int, reason: str) -> None:
        self.errors.append(
            _("Trang “%(sheet)s”, dòng %(line)d: %(reason)s")
            % {"sheet": self.sheet, "line": line, "reason": reason}
        )

    def key(self, line: int, value: str, column: str) -> bool:
        if not value:
            self.error(line, _("thiếu %(column)s.") % {"column": column})
            return False
        if value in self.keys:
            self.error(
                line, _("%(column)s “%(value)s” bị trùng.") % {"column": column, "value": value}
            )
            return False
        self.keys.add(value)
        return True


def _choice(rows: _Rows, line: int, column: str, value: str, choices) -> str:
    valid = [c for c, _label in choices]
    if value not in valid:
        rows.error(
            line,
            _("%(column)s “%(value)s” không hợp lệ; chọn một trong: %(valid)s.")
            % {"column": column, "value": value, "valid": ", ".join(valid)},
        )
    return value


def _number(rows: _Rows, line: int, column: str, value: str, *, whole: bool = False) -> str:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        rows.error(line, _("%(column)s “%(value)s” không phải là số.") % locals())
        return value
    if whole and number != number.to_integral_value():
        rows.error(line, _("%(column)s “%(value)s” phải là số nguyên.") % locals())
    return number_text(number)


def _date(rows: _Rows, line: int, column: str, value: str) -> str:
    day = parse_date(value)
    if day is None:
        rows.error(
            line,
            _("%(column)s “%(value)s” không phải ngày (YYYY-MM-DD hoặc DD/MM/YYYY).") % locals(),
        )
        return value
    return day.isoformat()


def _plan_rows(sheet, errors, units: dict[str, Unit]) -> list[dict[str, str]]:
    rows = _Rows("plan", errors)
    if len(sheet) != 1:
        errors.append(_("Trang “plan” phải có đúng một dòng (có %(n)d).") % {"n": len(sheet)})
    for line, raw in sheet[:1]:
        rows.key(line, raw.get("code", ""), "code")
        if not raw.get("title"):
            rows.error(line, _("thiếu title."))
        scope = units.get(raw.get("scope", ""))
        if scope is None or scope.kind not in Unit.SCOPE_KINDS:
            rows.error(
                line,
                _("scope “%(value)s” phải là mã một đơn vị loại quận hoặc thành phố đã có.")
                % {"value": raw.get("scope", "")},
            )
        rows.rows.append(
            {
                "code": raw.get("code", ""),
                "year": _number(rows, line, "year", raw.get("year", ""), whole=True),
                "title": raw.get("title", ""),
                "scope": raw.get("scope", ""),
                "deadline": _date(rows, line, "deadline", raw.get("deadline", "")),
                "baseline_year": _number(
                    rows, line, "baseline_year", raw.get("baseline_year", ""), whole=True
                ),
                "legal_basis": raw.get("legal_basis", ""),
                "closing_text": raw.get("closing_text", ""),
                "signed_by": raw.get("signed_by", ""),
                "report_grace_days": _number(
                    rows, line, "report_grace_days", raw.get("report_grace_days") or "5", whole=True
                ),
            }
        )
    return rows.rows


def _clause_rows(sheet, errors) -> list[dict[str, str]]:
    rows = _Rows("clauses", errors)
    for line, raw in sheet:
        if rows.key(line, raw.get("label", ""), "label"):
            rows.rows.append(
                {
                    "label": raw["label"],
                    "text": raw.get("text", ""),
                    "heading": raw.get("heading", ""),
                }
            )
    if not rows.rows and not any("clauses" in e for e in errors):
        errors.append(_("Trang “clauses” không có mục nào."))
    return rows.rows


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]


def _field_thresholds(rows: _Rows, line: int, value: str, fields: set[str]) -> str:
    """`land=96;construction=90` → the canonical text, its rules those of the Target admin."""
    parts = {}
    for item in _split(value):
        code, sep, threshold = item.partition("=")
        if not sep:
            rows.error(
                line,
                _("field_thresholds “%(item)s” phải có dạng mã_lĩnh_vực=ngưỡng.") % {"item": item},
            )
            continue
        parts[code.strip()] = threshold.strip().replace(",", ".")
    for message in target_field_thresholds_errors(field_thresholds=parts, field_codes=fields):
        rows.error(line, "field_thresholds: " + message)
    return ";".join(f"{c}={_canonical_number(t)}" for c, t in sorted(parts.items()))


def _canonical_number(text: str) -> str:
    try:
        return number_text(Decimal(text))
    except InvalidOperation:
        return text


def _check_clause_and_title(rows: _Rows, line: int, raw, labels: list[str], clauses) -> None:
    """A target or task sits under clauses of the `clauses` sheet and has a title."""
    if not [label for label in labels if label] or any(lab not in clauses for lab in labels):
        rows.error(
            line,
            _("clause “%(value)s” không có trong trang clauses.")
            % {"value": raw.get("clause", "")},
        )
    if not raw.get("title"):
        rows.error(line, _("thiếu title."))


def _target_rows(sheet, errors, clauses: set[str], fields: set[str]) -> list[dict[str, str]]:
    rows = _Rows("targets", errors)
    for line, raw in sheet:
        if not rows.key(line, raw.get("code", ""), "code"):
            continue
        labels = _split(raw.get("clause", ""))
        _check_clause_and_title(rows, line, raw, labels, clauses)
        unit_kinds = _split(raw.get("unit_kinds", ""))
        for message in target_unit_kinds_errors(unit_kinds=";".join(unit_kinds)):
            rows.error(line, "unit_kinds: " + message)
        rows.rows.append(
            {
                "code": raw["code"],
                "clause": ";".join(labels),
                "title": raw.get("title", ""),
                "rule": _choice(rows, line, "rule", raw.get("rule", ""), Target.Rule.choices),
                "comparator": _choice(
                    rows, line, "comparator", raw.get("comparator", ""), Target.Comparator.choices
                ),
                "threshold": _number(rows, line, "threshold", raw.get("threshold", "")),
                "field_thresholds": _field_thresholds(
                    rows, line, raw.get("field_thresholds", ""), fields
                ),
                "scope": _choice(rows, line, "scope", raw.get("scope", ""), Target.Scope.choices),
                "periods": _choice(
                    rows, line, "periods", raw.get("periods", ""), Target.Periods.choices
                ),
                "unit_kinds": ";".join(unit_kinds),
                "sector": raw.get("sector", ""),
                "inspection_kinds": raw.get("inspection_kinds", ""),
                "amber_margin": _amber_margin(rows, line, raw.get("amber_margin", "")),
            }
        )
    return rows.rows


def _amber_margin(rows: _Rows, line: int, value: str) -> str:
    """Blank (or no column): the model's default, 2 points."""
    value = (value or "").strip()
    if not value:
        return number_text(Target._meta.get_field("amber_margin").default)
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        return _number(rows, line, "amber_margin", value)  # says it is not a number
    if not number.is_finite() or number < 0 or number >= 1000:
        rows.error(line, _("amber_margin “%(value)s” phải từ 0 đến 999.") % {"value": value})
        return value
    return number_text(number)


def _task_units(rows: _Rows, line: int, value: str, units: dict[str, Unit]) -> str:
    tokens = _split(value)
    unknown = [t for t in tokens if t not in UNIT_GROUPS and t not in units]
    if not tokens or unknown:
        rows.error(
            line,
            _("units “%(value)s”: dùng all, agencies, wards, public_service hoặc mã đơn vị đã có.")
            % {"value": ";".join(unknown) or value},
        )
    kinds = [k for t in tokens if t in UNIT_GROUPS for k in UNIT_GROUPS[t]]
    codes = sorted({t for t in tokens if t not in UNIT_GROUPS})
    return ";".join(kinds_to_units(kinds) + codes)


def _task_rows(sheet, errors, clauses: set[str], units: dict[str, Unit]) -> list[dict[str, str]]:
    rows = _Rows("tasks", errors)
    for line, raw in sheet:
        if not rows.key(line, raw.get("code", ""), "code"):
            continue
        _check_clause_and_title(rows, line, raw, [raw.get("clause", "")], clauses)
        lead = raw.get("lead", "")
        if lead and lead not in units:
            rows.error(line, _("lead “%(value)s” không phải mã đơn vị đã có.") % {"value": lead})
        rows.rows.append(
            {
                "code": raw["code"],
                "clause": raw.get("clause", ""),
                "title": raw.get("title", ""),
                "lead": lead,
                "units": _task_units(rows, line, raw.get("units", ""), units),
                "due_on": _date(rows, line, "due_on", raw.get("due_on", "")),
                "recurrence": _choice(
                    rows,
                    line,
                    "recurrence",
                    raw.get("recurrence") or "none",
                    Task.Recurrence.choices,
                ),
            }
        )
    return rows.rows


def _field_rows(sheet, errors) -> list[dict[str, str]]:
    rows = _Rows("fields", errors)
    for line, raw in sheet:
        if rows.key(line, raw.get("code", ""), "code"):
            if not raw.get("name"):
                rows.error(line, _("thiếu name."))
            rows.rows.append({"code": raw["code"], "name": raw.get("name", "")})
    return rows.rows


def sheets_validate(sheets: NumberedSheets) -> tuple[Sheets, list[str]]:
    """The canonical rows of every sheet and the reasons of every bad row (empty: all good)."""
    errors: list[str] = []
    units = {u.code: u for u in Unit.objects.all()}
    fields_rows = _field_rows(sheets.get("fields", []), errors)
    fields = {f["code"] for f in fields_rows} | set(
        ProcedureField.objects.values_list("code", flat=True)
    )
    clause_rows = _clause_rows(sheets["clauses"], errors)
    labels = {c["label"] for c in clause_rows}
    canonical = {
        "plan": _plan_rows(sheets["plan"], errors, units),
        "clauses": clause_rows,
        "targets": _target_rows(sheets["targets"], errors, labels, fields),
        "tasks": _task_rows(sheets["tasks"], errors, labels, units),
        "fields": fields_rows,
    }
    return canonical, errors


def _sheet_changes(sheet: str, current: list[dict], wanted: list[dict]) -> SheetChanges:
    key = KEYS[sheet]
    before = {row[key]: (i, row) for i, row in enumerate(current)}
    after = {row[key]: (i, row) for i, row in enumerate(wanted)}
    changes = SheetChanges(
        created=[k for k in after if k not in before],
        removed=[] if sheet == "fields" else [k for k in before if k not in after],
    )
    for k, (i, row) in after.items():
        if k not in before:
            continue
        j, old = before[k]
        columns = [c for c in row if row[c] != old.get(c, "")]
        if sheet in ("clauses", "targets") and i != j and _moved(k, current, wanted, key):
            columns.append("thứ tự")
        if columns:
            changes.changed.append((k, columns))
    return changes


def _moved(k: str, current: list[dict], wanted: list[dict], key: str) -> bool:
    """Whether a row's place among the rows both versions share has changed."""
    shared = {r[key] for r in current} & {r[key] for r in wanted}
    old = [r[key] for r in current if r[key] in shared]
    new = [r[key] for r in wanted if r[key] in shared]
    return old.index(k) != new.index(k)


def plan_changes(*, sheets: Sheets) -> dict[str, SheetChanges]:
    """What importing these canonical rows would create, change and remove."""
    plan = Plan.objects.filter(code=sheets["plan"][0]["code"]).first()
    current = plan_sheets(plan=plan) if plan else {"fields": plan_sheets_fields()}
    return {
        sheet: _sheet_changes(sheet, current.get(sheet, []), rows) for sheet, rows in sheets.items()
    }


def plan_sheets_fields() -> list[dict[str, str]]:
    return [{"code": f.code, "name": f.name} for f in ProcedureField.objects.all()]


def _parent_label(label: str, labels: set[str]) -> str | None:
    """The parent of `V.2.1a` is `V.2.1`, of `V.2.1` is `V.2`: its longest listed prefix."""
    for end in range(len(label) - 1, 0, -1):
        if label[:end] in labels and label[end] in ".abcdefgh":
            return label[:end]
    return None


def _apply(sheets: Sheets, changes: dict[str, SheetChanges]) -> Plan:
    touched = {sheet: {k for k, _c in c.changed} | set(c.created) for sheet, c in changes.items()}
    fields_order = {row["code"]: i for i, row in enumerate(sheets["fields"])}
    for row in sheets["fields"]:
        if row["code"] in touched["fields"]:
            ProcedureField.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "order": fields_order[row["code"]]}
            )
    units = {u.code: u for u in Unit.objects.all()}
    row = sheets["plan"][0]
    plan, _created = Plan.objects.get_or_create(code=row["code"], defaults=_plan_values(row, units))
    if row["code"] in touched["plan"] and not _created:
        Plan.objects.filter(pk=plan.pk).update(**_plan_values(row, units))
        plan.refresh_from_db()
    plan.tasks.filter(code__in=changes["tasks"].removed).delete()
    plan.targets.filter(code__in=changes["targets"].removed).delete()
    clauses = _apply_clauses(plan, sheets["clauses"], touched["clauses"])
    for order, target in enumerate(sheets["targets"]):
        if target["code"] in touched["targets"]:
            _apply_target(plan, target, order, clauses)
    for task in sheets["tasks"]:
        if task["code"] in touched["tasks"]:
            _apply_task(plan, task, clauses, units)
    plan.clauses.filter(label__in=changes["clauses"].removed).delete()
    if touched["tasks"]:
        plan_expand_assignments(plan=plan)
    return plan


def _plan_values(row: dict[str, str], units: dict[str, Unit]) -> dict:
    return {
        "year": int(row["year"]),
        "title": row["title"],
        "scope": units[row["scope"]],
        "deadline": parse_date(row["deadline"]),
        "baseline_year": int(row["baseline_year"]),
        "legal_basis": row["legal_basis"],
        "closing_text": row["closing_text"],
        "signed_by": row["signed_by"],
        "report_grace_days": int(row["report_grace_days"]),
    }


def _apply_clauses(plan: Plan, rows: list[dict], touched: set[str]) -> dict[str, Clause]:
    existing = {c.label: c for c in plan.clauses.all()}
    labels = {r["label"] for r in rows}
    clauses: dict[str, Clause] = {}
    for order, row in enumerate(rows, start=1):
        label = row["label"]
        parent = clauses.get(_parent_label(label, labels) or "")
        clause = existing.get(label)
        if clause is None or label in touched or clause.order != order or clause.parent != parent:
            clause, _created = Clause.objects.update_or_create(
                plan=plan,
                label=label,
                defaults={
                    "heading": row["heading"],
                    "text": row["text"],
                    "order": order,
                    "parent": parent,
                },
            )
        clauses[label] = clause
    return clauses


def _apply_target(plan: Plan, row: dict, order: int, clauses: dict[str, Clause]) -> None:
    thresholds = dict(item.split("=") for item in row["field_thresholds"].split(";") if item)
    target, _created = Target.objects.update_or_create(
        plan=plan,
        code=row["code"],
        defaults={
            "title": row["title"],
            "rule": row["rule"],
            "comparator": row["comparator"],
            "threshold": Decimal(row["threshold"]),
            "field_thresholds": thresholds,
            "scope": row["scope"],
            "periods": row["periods"],
            "unit_kinds": row["unit_kinds"],
            "unit_sector": row["sector"],
            "inspection_kinds": row["inspection_kinds"],
            "amber_margin": Decimal(row["amber_margin"]),
            "order": order,
        },
    )
    target.clauses.set([clauses[label] for label in row["clause"].split(";")])


def _apply_task(plan: Plan, row: dict, clauses: dict[str, Clause], units: dict[str, Unit]) -> None:
    tokens = row["units"].split(";")
    kinds = [k for t in tokens if t in UNIT_GROUPS for k in UNIT_GROUPS[t]]
    task, _created = Task.objects.update_or_create(
        plan=plan,
        code=row["code"],
        defaults={
            "clause": clauses[row["clause"]],
            "title": row["title"],
            "lead_unit": units.get(row["lead"]),
            "assigned_kinds": ",".join(kinds),
            "due_on": parse_date(row["due_on"]),
            "recurrence": row["recurrence"],
        },
    )
    task.assigned_units.set([units[t] for t in tokens if t and t not in UNIT_GROUPS])


def plan_import(*, sheets: NumberedSheets, dry_run: bool = False) -> PlanImport:
    """Check every row; with no error and not a dry run, write the changes in one transaction."""
    canonical, errors = sheets_validate(sheets)
    result = PlanImport(code=canonical["plan"][0]["code"] if canonical["plan"] else "")
    if errors:
        result.errors = errors
        return result
    with transaction.atomic():
        result.changes = plan_changes(sheets=canonical)
        if result.changed and not dry_run:
            result.plan = _apply(canonical, result.changes)
        else:
            result.plan = Plan.objects.filter(code=result.code).first()
    return result
