import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from indicators.evidence.imports import import_file
from indicators.models import (
    Dossier,
    EPaymentAdoption,
    Feedback,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from inspections.models import Inspection
from plans.models import Assignment
from tests.indicators.importfiles import GOOD, write_csv, write_xlsx
from units.models import Unit

MODELS = {
    "dossiers": Dossier,
    "satisfaction": SatisfactionSurvey,
    "feedback": Feedback,
    "inspections": Inspection,
    "initiatives": Initiative,
    "outreach": OutreachProduct,
    "publications": SatisfactionPublication,
    "epayment": EPaymentAdoption,
}


@pytest.mark.parametrize("kind", list(GOOD))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_kind_loads_and_reimport_changes_nothing(plan, tmp_path, kind, fmt):
    writer = write_csv if fmt == "csv" else write_xlsx
    path = writer(tmp_path / f"{kind}.{fmt}", GOOD[kind])
    rows = len(GOOD[kind]) - 1

    first = import_file(kind=kind, source=str(path))
    second = import_file(kind=kind, source=str(path))

    assert (first.created, first.updated, first.unchanged) == (rows, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, rows)


def test_dossier_values_are_stored(plan, tmp_path):
    import_file(kind="dossiers", source=str(write_csv(tmp_path / "d.csv", GOOD["dossiers"])))
    dossier = Dossier.objects.get(code="HS-2")
    assert dossier.unit.code == "P01"
    assert dossier.field.code == "business"
    assert dossier.received_on == dt.date(2021, 2, 3)
    assert dossier.resolved_on is None
    assert (dossier.online, dossier.e_paid) == (False, True)


def test_changed_row_counts_as_updated(plan, tmp_path):
    import_file(kind="dossiers", source=str(write_csv(tmp_path / "d.csv", GOOD["dossiers"])))
    rows = [list(r) for r in GOOD["dossiers"]]
    rows[2][5] = "2021-02-11"
    result = import_file(kind="dossiers", source=str(write_csv(tmp_path / "e.csv", rows)))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Dossier.objects.get(code="HS-2").resolved_on == dt.date(2021, 2, 11)


def test_csv_with_bom_is_read(plan, tmp_path):
    path = write_csv(tmp_path / "d.csv", GOOD["dossiers"], bom=True)
    assert import_file(kind="dossiers", source=str(path)).created == 3


def test_xlsx_real_date_cells_are_read(plan, tmp_path):
    rows = [
        GOOD["epayment"][0],
        ["P01", dt.datetime(2021, 3, 1)],
    ]
    import_file(kind="epayment", source=str(write_xlsx(tmp_path / "e.xlsx", rows)))
    assert EPaymentAdoption.objects.get(unit__code="P01").adopted_on == dt.date(2021, 3, 1)


def test_inspections_import_as_done(plan, tmp_path):
    Inspection.objects.create(
        code="KT-1",
        kind="cchc_periodic",
        unit=Unit.objects.get(code="P01"),
        date=dt.date(2021, 5, 4),
        status="planned",
    )
    result = import_file(
        kind="inspections", source=str(write_csv(tmp_path / "i.csv", GOOD["inspections"]))
    )
    assert (result.created, result.updated) == (1, 1)
    assert set(Inspection.objects.values_list("status", flat=True)) == {"done"}
    assert Inspection.objects.get(code="KT-2").plan == plan


def test_units_import_sets_parents_and_expands_assignments(plan, tmp_path):
    before = Assignment.objects.count()
    import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", GOOD["units"])))
    assert Unit.objects.get(code="TH-B").parent.code == "TH-A"
    assert Unit.objects.get(code="P15").parent.code == "Q3"
    assert Unit.objects.get(code="TH-A").sector == "education"
    assert Assignment.objects.filter(unit__code="P15").exists()
    assert Assignment.objects.count() > before


UNITS_DATED = ["code", "name", "kind", "sector", "parent", "active_from", "active_to", "successors"]
MAP = [
    UNITS_DATED,
    ["HCM", "Thành phố Hồ Chí Minh", "city", "", "", "", "", ""],
    ["Q3", "Quận 3", "district", "", "HCM", "", "", ""],
    ["P20", "Phường 20", "ward", "", "Q3", "", "31/12/2024", "P21"],  # successor defined later
    ["P21", "Phường 21", "ward", "", "Q3", "2025-01-01", "", ""],
]


def test_units_optional_columns_are_written(plan, tmp_path):
    path = write_csv(tmp_path / "u.csv", MAP)
    first = import_file(kind="units", source=str(path))
    second = import_file(kind="units", source=str(path))

    p20, p21 = Unit.objects.get(code="P20"), Unit.objects.get(code="P21")
    assert (p20.active_from, p20.active_to) == (None, dt.date(2024, 12, 31))
    assert (p21.active_from, p21.active_to) == (dt.date(2025, 1, 1), None)
    assert list(p20.successors.values_list("code", flat=True)) == ["P21"]
    assert list(p21.predecessors.values_list("code", flat=True)) == ["P20"]
    assert Unit.objects.get(code="HCM").kind == "city"
    assert Unit.objects.get(code="HCM").parent is None
    assert Unit.objects.get(code="Q3").parent.code == "HCM"
    assert (first.created, first.updated, first.unchanged) == (3, 1, 0)  # Q3 gains its city
    assert (second.created, second.updated, second.unchanged) == (0, 0, 4)


def test_units_file_builds_a_whole_map_in_a_fresh_database(db, tmp_path):
    result = import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", MAP)))
    assert (result.created, result.updated) == (4, 0)
    assert Unit.objects.get(code="P21").parent.parent.code == "HCM"
    assert list(Unit.objects.get(code="P20").successors.values_list("code", flat=True)) == ["P21"]
    again = import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", MAP)))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_units_file_without_optional_columns_keeps_dates_and_successors(plan, tmp_path):
    import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", MAP)))
    old = [["code", "name", "kind", "sector", "parent"], ["P20", "Phường Hai Mươi", "ward", "", ""]]
    result = import_file(kind="units", source=str(write_csv(tmp_path / "old.csv", old)))
    p20 = Unit.objects.get(code="P20")
    assert (result.created, result.updated) == (0, 1)
    assert p20.name == "Phường Hai Mươi"
    assert p20.active_to == dt.date(2024, 12, 31)
    assert list(p20.successors.values_list("code", flat=True)) == ["P21"]


def test_units_blank_optional_columns_clear_dates_and_successors(plan, tmp_path):
    import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", MAP)))
    rows = [UNITS_DATED, ["P20", "Phường 20", "ward", "", "Q3", "", "", ""]]
    result = import_file(kind="units", source=str(write_csv(tmp_path / "b.csv", rows)))
    p20 = Unit.objects.get(code="P20")
    assert result.updated == 1
    assert (p20.active_from, p20.active_to) == (None, None)
    assert not p20.successors.exists()


def test_units_dry_run_with_successors_writes_nothing(plan, tmp_path):
    before = Unit.objects.count()
    result = import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", MAP)), dry_run=True)
    assert result.created == 3
    assert Unit.objects.count() == before


def test_command_reports_counts(plan, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", GOOD["dossiers"])
    call_command("import_data", "dossiers", str(path))
    assert "mới 3, cập nhật 0, không đổi 0" in capsys.readouterr().out


def test_command_dry_run_writes_nothing(plan, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", GOOD["dossiers"])
    call_command("import_data", "dossiers", str(path), "--dry-run")
    assert "mới 3" in capsys.readouterr().out
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize("kind", list(GOOD))
def test_dry_run_writes_nothing_for_any_kind(plan, tmp_path, kind):
    before = Unit.objects.count()
    result = import_file(
        kind=kind, source=str(write_csv(tmp_path / "f.csv", GOOD[kind])), dry_run=True
    )
    assert result.created == len(GOOD[kind]) - 1
    assert Unit.objects.count() == before
    if kind in MODELS:
        assert MODELS[kind].objects.count() == 0


def test_command_rejects_bad_file_with_nonzero_exit(plan, tmp_path, capsys):
    rows = GOOD["dossiers"] + [["HS-9", "P99", "land", "2021-02-01", "2021-02-10", "", "0", "0"]]
    with pytest.raises(CommandError):
        call_command("import_data", "dossiers", str(write_csv(tmp_path / "d.csv", rows)))
    assert 'Dòng 5: Không có đơn vị mã "P99"' in capsys.readouterr().err
    assert Dossier.objects.count() == 0
