"""The plan as a workbook: export, import, round trip, bad rows, a hand-written plan, roll-over."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from indicators.compliance.models import ComplianceResult
from indicators.compliance.store import compliance_recompute
from indicators.targets.models import ProcedureField, Target
from indicators.targets.workbook import SHEETS
from plans.models import Assignment, Clause, Plan, Task
from plans.services import plan_expand_assignments
from units.models import Unit


def _export(code: str, path) -> dict:
    call_command("export_plan", code, output=str(path), stdout=io.StringIO())
    workbook = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook}


def _state() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Plan, Clause, Target, Task, Assignment)
    ] + [Target.history.count()]


def _workbook(path, sheets: dict[str, list[list]]) -> str:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(SHEETS[name]))
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return str(path)


def _import(path, *, dry_run=False) -> str:
    out = io.StringIO()
    call_command("import_plan", str(path), dry_run=dry_run, stdout=out, stderr=out)
    return out.getvalue()


def test_round_trip_into_a_fresh_database_gives_the_same_workbook_cell_for_cell(plan, tmp_path):
    first = _export("CCHC-2021", tmp_path / "a.xlsx")
    Task.objects.all().delete()
    Plan.objects.all().delete()  # the same units stay, the plan goes
    assert not Clause.objects.exists()

    _import(tmp_path / "a.xlsx")

    assert _export("CCHC-2021", tmp_path / "b.xlsx") == first
    assert first["plan"][0][:4] == ["code", "year", "title", "scope"]
    assert len(first["targets"]) == 1 + Target.objects.count()


def test_importing_an_unchanged_workbook_changes_nothing(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    before = _state()

    output = _import(tmp_path / "a.xlsx")

    assert "không có gì thay đổi" in output
    assert _state() == before


def test_a_workbook_with_bad_rows_writes_nothing_and_names_each_row(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    targets = workbook["targets"]
    targets["D2"] = "no_such_rule"  # rule
    targets["F3"] = "nhiều"  # threshold
    targets["G4"] = "moon=90"  # field_thresholds
    workbook["tasks"]["E5"] = "P99"  # units
    workbook["targets"]["F6"] = 99  # a good change that must not be written either
    workbook.save(tmp_path / "bad.xlsx")
    before = _state()

    with pytest.raises(CommandError, match="4 lỗi"):
        _import(tmp_path / "bad.xlsx")

    assert _state() == before
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_plan", str(tmp_path / "bad.xlsx"), stdout=out, stderr=out)
    errors = out.getvalue()
    assert "Trang “targets”, dòng 2: rule “no_such_rule”" in errors
    assert "Trang “targets”, dòng 3: threshold “nhiều” không phải là số" in errors
    assert 'Trang “targets”, dòng 4: field_thresholds: Không có lĩnh vực TTHC mã "moon"' in errors
    assert "land" in errors  # the valid field codes are listed
    assert "Trang “tasks”, dòng 5: units “P99”" in errors


def test_a_missing_sheet_is_a_clear_error(plan, tmp_path):
    path = _workbook(tmp_path / "x.xlsx", {"plan": [], "clauses": []})

    with pytest.raises(CommandError, match="Thiếu trang “targets”"):
        _import(path)


def test_a_second_row_of_vietnamese_labels_is_skipped(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    sheet = workbook["clauses"]
    sheet.insert_rows(2)
    sheet["A2"], sheet["B2"], sheet["C2"] = "Mục", "Nội dung", "Tiêu đề"
    workbook.save(tmp_path / "labels.xlsx")
    before = _state()

    assert "không có gì thay đổi" in _import(tmp_path / "labels.xlsx")
    assert _state() == before


def test_a_changed_threshold_is_previewed_then_written(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    codes = [row[0].value for row in workbook["targets"].iter_rows(min_row=2)]
    row = codes.index("SAT-OVERALL") + 2
    workbook["targets"][f"F{row}"] = 95
    workbook.save(tmp_path / "b.xlsx")

    preview = _import(tmp_path / "b.xlsx", dry_run=True)
    assert "~ targets SAT-OVERALL: threshold" in preview
    assert plan.targets.get(code="SAT-OVERALL").threshold != 95

    _import(tmp_path / "b.xlsx")
    assert plan.targets.get(code="SAT-OVERALL").threshold == 95


def _hand_written_plan(tmp_path) -> str:
    return _workbook(
        tmp_path / "hand.xlsx",
        {
            "plan": [
                ["KH-THU", 2021, "Kế hoạch thử", "Q3", dt.date(2021, 12, 31), 2020, "Căn cứ"],
            ],
            "clauses": [["1", "Giải quyết hồ sơ đúng hạn"], ["2", "Nhiệm vụ chung"]],
            "targets": [
                [
                    "DUNG-HAN",
                    "1",
                    "Hồ sơ đúng hạn",
                    "ontime",
                    "gte",
                    99,
                    "land=80",
                    "unit_field",
                    "quarters",
                    "ward",
                    "",
                ],
            ],
            "tasks": [
                ["NV-1", "2", "Báo cáo", "NV", "wards;NV", "15/12/2021", "none"],
            ],
        },
    )


def test_a_hand_written_plan_computes_against_its_own_thresholds(plan, tmp_path):
    from tests.factories import DossierFactory

    _import(_hand_written_plan(tmp_path))
    own = Plan.objects.get(code="KH-THU")
    target = own.targets.get()
    assert target.threshold_for(None) == Decimal("99")
    assert own.tasks.get().assignments.count() == 12 + 1  # every ward and NV
    p01 = Unit.objects.get(code="P01")
    for i in range(10):  # 9 of 10 land dossiers on time in Q2: 90%
        received = dt.date(2021, 4, 1)
        resolved = dt.date(2021, 4, 5) if i < 9 else dt.date(2021, 5, 30)
        for field in ("land", "civil-status"):
            DossierFactory(
                unit=p01,
                field=ProcedureField.objects.get(code=field),
                received_on=received,
                due_on=dt.date(2021, 4, 10),
                resolved_on=resolved,
            )

    compliance_recompute(plan=own, as_of=dt.date(2021, 7, 31))

    results = ComplianceResult.objects.filter(plan=own, unit=p01, period="2021-Q2")
    land = results.get(field__code="land")
    civil = results.get(field__code="civil-status")
    assert (land.threshold, land.status) == (Decimal("80"), "met")  # its own per-field 80
    assert (civil.threshold, civil.status) == (Decimal("99"), "not_met")  # the target's 99
    assert not results.filter(unit__kind="agency").exists()


def test_roll_over_shifts_every_date_and_assigns_the_units_active_in_the_new_year(plan):
    p10, p13 = Unit.objects.get(code="P10"), Unit.objects.get(code="P13")
    p10.active_to = p13.active_to = dt.date(2024, 12, 31)
    p10.save()
    p13.save()
    p10.successors.set([Unit.objects.get(code="P09")])
    p13.successors.set([Unit.objects.get(code="P12")])
    compliance_recompute(plan=plan, as_of=dt.date(2021, 10, 25))
    old_results = list(ComplianceResult.objects.filter(plan=plan).order_by("pk").values())

    call_command(
        "roll_plan", "CCHC-2021", "--to", "2025", "--code", "CCHC-2025", stdout=io.StringIO()
    )

    new = Plan.objects.get(code="CCHC-2025")
    assert (new.year, new.baseline_year, new.deadline) == (2025, 2024, dt.date(2025, 10, 25))
    old_due = sorted(plan.tasks.values_list("code", "due_on"))
    new_due = sorted(new.tasks.values_list("code", "due_on"))
    assert [(c, d.replace(year=d.year + 4)) for c, d in old_due] == new_due
    assert new.targets.count() == plan.targets.count()
    assert not Assignment.objects.filter(task__plan=new, unit__in=[p10, p13]).exists()

    compliance_recompute(plan=new, as_of=dt.date(2025, 12, 31))

    ward_coverage = ComplianceResult.objects.get(
        plan=new, target__code="INSP-WARD", period="2025", unit=None
    )
    assert ward_coverage.denominator == 10
    assert not ComplianceResult.objects.filter(plan=new, unit__in=[p10, p13]).exists()
    assert list(ComplianceResult.objects.filter(plan=plan).order_by("pk").values()) == old_results

    before = _state()
    call_command(
        "roll_plan", "CCHC-2021", "--to", "2025", "--code", "CCHC-2025", stdout=io.StringIO()
    )
    assert _state() == before


def test_roll_over_moves_29_february_to_28_february():
    from indicators.targets.rollover import date_shift_years

    assert date_shift_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert date_shift_years(dt.date(2021, 10, 25), 4) == dt.date(2025, 10, 25)


def test_a_ward_closed_after_the_roll_loses_its_open_assignments_of_the_new_year_only(plan):
    call_command("roll_plan", "CCHC-2021", "--to", "2025", stdout=io.StringIO())
    new = Plan.objects.get(code="CCHC-2025")
    p10 = Unit.objects.get(code="P10")
    old_2021 = Assignment.objects.filter(task__plan=plan, unit=p10).count()
    assert Assignment.objects.filter(task__plan=new, unit=p10).exists()

    p10.active_to = dt.date(2024, 12, 31)
    p10.save()
    for p in (plan, new):
        plan_expand_assignments(plan=p)

    assert not Assignment.objects.filter(task__plan=new, unit=p10).exists()
    assert Assignment.objects.filter(task__plan=plan, unit=p10).count() == old_2021


def test_a_moved_due_date_moves_the_open_assignments(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    row = next(r for r in workbook["tasks"].iter_rows(min_row=2) if r[0].value == "II.1")
    row[5].value = dt.date(2021, 11, 15)
    workbook.save(tmp_path / "b.xlsx")

    _import(tmp_path / "b.xlsx")

    due = set(
        Assignment.objects.filter(task__plan=plan, task__code="II.1").values_list(
            "due_on", flat=True
        )
    )
    assert due == {dt.date(2021, 11, 15)}


def test_targets_and_tasks_must_sit_under_listed_clauses_and_have_titles(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    workbook["targets"]["B2"] = "I.1;ZZ"
    workbook["tasks"]["B3"] = "ZZ"
    workbook["tasks"]["C4"] = None
    workbook.save(tmp_path / "bad.xlsx")
    out = io.StringIO()

    with pytest.raises(CommandError, match="3 lỗi"):
        call_command("import_plan", str(tmp_path / "bad.xlsx"), stdout=out, stderr=out)

    errors = out.getvalue()
    assert "Trang “targets”, dòng 2: clause “I.1;ZZ” không có trong trang clauses." in errors
    assert "Trang “tasks”, dòng 3: clause “ZZ” không có trong trang clauses." in errors
    assert "Trang “tasks”, dòng 4: thiếu title." in errors


def test_a_targets_amber_margin_is_an_optional_column(plan, tmp_path):
    _export("CCHC-2021", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")
    sheet = workbook["targets"]
    column = [c.value for c in sheet[1]].index("amber_margin") + 1
    codes = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert sheet.cell(codes.index("SAT-OVERALL") + 2, column).value in ("2", 2)
    sheet.cell(codes.index("SAT-OVERALL") + 2, column).value = "0,5"
    workbook.save(tmp_path / "b.xlsx")
    _import(tmp_path / "b.xlsx")
    assert plan.targets.get(code="SAT-OVERALL").amber_margin == Decimal("0.5")

    sheet.cell(codes.index("SAT-OVERALL") + 2, column).value = "-1"
    workbook.save(tmp_path / "c.xlsx")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_plan", str(tmp_path / "c.xlsx"), stdout=out, stderr=out)
    assert "amber_margin “-1” phải từ 0 đến 999" in out.getvalue()


def test_a_plan_without_the_amber_margin_column_gets_the_default(plan, tmp_path):
    _import(_hand_written_plan(tmp_path))
    assert Target.objects.get(plan__code="KH-THU", code="DUNG-HAN").amber_margin == 2
