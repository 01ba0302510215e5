"""Biểu số 06/VPCP/KSTT: the `form06` import and the approved quarterly report's eight numbers
count for ONTIME and ONLINE-GROWTH where a unit has no dossiers (DESIGN "Biểu 06")."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.models import Form06Figure, ProcedureField
from tests.factories import DossierFactory
from tests.indicators.importfiles import write_csv
from tests.indicators.report_helpers import approved_report
from units.models import Unit

from .compliance_utils import one, ratio

HEADER = ["unit", "field", "period", "received_online", "received_direct", "carried_over"] + [
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_in_time",
    "pending_overdue",
]
AS_OF = dt.date(2021, 10, 25)


def form(unit, field, period, *, online=0, direct=0, carried=0, early=0, on_time=0, late=0,
         pending=0, overdue=0):  # fmt: skip
    return [unit, field, period, *map(str, (online, direct, carried, early, on_time, late))] + [
        str(pending),
        str(overdue),
    ]


def load(tmp_path, *rows, name="bieu06.csv"):
    return call_command("import_data", "form06", str(write_csv(tmp_path / name, [HEADER, *rows])))


# 24 of 25 on time: 10 early + 14 on time, 0 late, 1 pending overdue
BORDERLINE = dict(early=10, on_time=14, late=0, overdue=1)


def test_24_of_25_on_time_is_met_for_land_and_not_for_construction(plan, tmp_path):
    load(
        tmp_path,
        form("P05", "land", "2021-Q2", **BORDERLINE),
        form("P05", "construction", "2021-Q2", **BORDERLINE),
    )

    land = one(plan, "ONTIME", unit="P05", field="land", period="2021-Q2")
    construction = one(plan, "ONTIME", unit="P05", field="construction", period="2021-Q2")

    assert ratio(land) == (24, 25, 96.0, "met") and land["threshold"] == 96.0
    assert ratio(construction) == (24, 25, 96.0, "not_met") and construction["threshold"] == 98.0


def test_an_approved_reports_figures_count_like_an_imported_form(plan, noivu_user):
    figures = {"resolved_early": 10, "resolved_on_time": 14, "pending_overdue": 1}
    approved_report(plan, noivu_user, code="P11", period="2021-Q2", land=figures)

    land = one(plan, "ONTIME", unit="P11", field="land", period="2021-Q2")

    assert ratio(land) == (24, 25, 96.0, "met")


def test_a_report_not_yet_approved_does_not_count(plan, head_p01):
    from indicators.reports.services import report_get_or_create, report_save_figures

    r = report_get_or_create(plan=plan, unit=Unit.objects.get(code="P01"), period="2021-Q2")
    report_save_figures(report=r, user=head_p01, figures={"land": {"resolved_on_time": 5}})

    assert one(plan, "ONTIME", unit="P01", field="land", period="2021-Q2")["status"] == "no_data"


def test_dossier_rows_win_over_the_form_for_the_same_unit_field_and_quarter(plan, tmp_path):
    land, unit = ProcedureField.objects.get(code="land"), Unit.objects.get(code="P12")
    for day in (8, 9, 12):  # 2 of 3 on time
        DossierFactory(
            unit=unit,
            field=land,
            received_on=dt.date(2021, 4, 1),
            due_on=dt.date(2021, 4, 10),
            resolved_on=dt.date(2021, 4, day),
        )
    load(
        tmp_path,
        form("P12", "land", "2021-Q2", **BORDERLINE),
        form("P12", "land", "2021-Q3", **BORDERLINE),
    )

    q2 = one(plan, "ONTIME", unit="P12", field="land", period="2021-Q2")
    q3 = one(plan, "ONTIME", unit="P12", field="land", period="2021-Q3")

    assert (q2["numerator"], q2["denominator"]) == (2, 3)  # the dossiers, not the form
    assert (q3["numerator"], q3["denominator"]) == (24, 25)  # no dossiers in Q3: the form


def test_the_year_sums_its_quarters_across_sources(plan, tmp_path, noivu_user):
    land, unit = ProcedureField.objects.get(code="land"), Unit.objects.get(code="P13")
    for n in range(10):  # Q1 from dossiers: 9 of 10 on time
        DossierFactory(
            unit=unit,
            field=land,
            received_on=dt.date(2021, 2, 1),
            due_on=dt.date(2021, 2, 10),
            resolved_on=dt.date(2021, 2, 11 if n == 0 else 9),
        )
    load(tmp_path, form("P13", "land", "2021-Q2", **BORDERLINE))  # Q2 imported: 24 of 25
    approved_report(  # Q3 from the approved report: 5 of 6
        plan,
        noivu_user,
        code="P13",
        period="2021-Q3",
        land={"resolved_on_time": 5, "resolved_late": 1},
    )

    year = one(plan, "ONTIME", unit="P13", field="land", period="2021")

    assert (year["numerator"], year["denominator"]) == (9 + 24 + 5, 10 + 25 + 6)


def test_the_approved_report_replaces_an_imported_form_for_the_same_quarter(
    plan, tmp_path, noivu_user
):
    load(tmp_path, form("P09", "land", "2021-Q2", **BORDERLINE))
    approved_report(plan, noivu_user, code="P09", period="2021-Q2", land={"resolved_on_time": 3})

    land = one(plan, "ONTIME", unit="P09", field="land", period="2021-Q2")

    assert (land["numerator"], land["denominator"]) == (3, 3)


def test_a_quarter_not_over_by_the_as_of_date_is_not_counted_from_a_form(plan, tmp_path):
    load(tmp_path, form("P05", "land", "2021-Q4", **BORDERLINE))

    assert one(plan, "ONTIME", unit="P05", field="land", period="2021-Q4")["status"] == "no_data"
    q4 = one(plan, "ONTIME", unit="P05", field="land", period="2021-Q4", as_of=dt.date(2022, 1, 5))
    assert (q4["numerator"], q4["denominator"]) == (24, 25)


def test_online_growth_from_forms_this_year_and_in_the_baseline_year(plan, tmp_path):
    load(
        tmp_path,
        form("P10", "land", "2020-Q4", online=20, direct=80),  # baseline 20 %
        form("P10", "land", "2021-Q1", online=10, direct=30),
        form("P10", "business", "2021-Q2", online=5, direct=5),  # this year 15/50 = 30 %
    )

    row = one(plan, "ONLINE-GROWTH", unit="P10")

    assert (row["numerator"], row["denominator"], row["value"], row["status"]) == (
        15,
        50,
        10.0,
        "met",
    )


def test_a_second_import_of_the_same_file_changes_nothing(plan, tmp_path, capsys):
    load(tmp_path, form("P01", "land", "2021-Q1", **BORDERLINE))
    load(tmp_path, form("P01", "land", "2021-Q1", **BORDERLINE))
    assert "không đổi 1" in capsys.readouterr().out
    assert Form06Figure.objects.count() == 1


@pytest.mark.parametrize(
    "row, message",
    [
        (form("P01", "land", "2021"), "không phải một quý"),
        (form("P01", "land", "2021-Q1", early=-1), "số nguyên không âm"),
        (form("P01", "land", "2021-Q1", late="ba"), "số nguyên không âm"),
        (form("XX", "land", "2021-Q1"), "Không có đơn vị"),
        (form("P01", "rice", "2021-Q1"), "Không có lĩnh vực"),
    ],
)
def test_a_bad_row_rejects_the_whole_file(plan, tmp_path, row, message):
    good = form("P02", "land", "2021-Q1", **BORDERLINE)
    path = write_csv(tmp_path / "bad.csv", [HEADER, good, row])
    with pytest.raises(ImportRejected) as exc:
        import_file(kind="form06", source=str(path))
    assert any(e.line == 3 and message in e.message for e in exc.value.errors)
    assert not Form06Figure.objects.exists()
    with pytest.raises(CommandError):
        call_command("import_data", "form06", str(path))


def test_a_pending_total_not_carried_over_is_a_warning_not_an_error(plan, tmp_path):
    path = write_csv(
        tmp_path / "carry.csv",
        [
            HEADER,
            form("P01", "land", "2021-Q1", pending=3, overdue=1),  # 4 pending at Q1's end
            form("P01", "land", "2021-Q2", carried=3),  # but 3 carried into Q2
            form("P01", "business", "2021-Q1", pending=2),
            form("P01", "business", "2021-Q2", carried=2),  # carried over as it should
        ],
    )

    result = import_file(kind="form06", source=str(path))

    assert result.created == 4
    assert [(w.line, w.message) for w in result.warnings] == [
        (
            2,
            "Đang giải quyết cuối 2021-Q1: 4 hồ sơ, nhưng 2021-Q2 ghi 3 hồ sơ từ kỳ trước "
            "chuyển qua.",
        )
    ]


def test_the_carry_over_warning_compares_with_a_quarter_already_stored(plan, tmp_path):
    load(tmp_path, form("P01", "land", "2021-Q1", pending=5), name="q1.csv")
    path = write_csv(tmp_path / "q2.csv", [HEADER, form("P01", "land", "2021-Q2", carried=4)])

    result = import_file(kind="form06", source=str(path), dry_run=True)

    assert [w.line for w in result.warnings] == [2]
    assert "2021-Q1: 5 hồ sơ" in result.warnings[0].message


def test_the_evidence_drill_down_says_which_source_counted(client, plan, tmp_path, noivu_user):
    land, unit = ProcedureField.objects.get(code="land"), Unit.objects.get(code="P12")
    DossierFactory(
        unit=unit,
        field=land,
        received_on=dt.date(2021, 4, 1),
        due_on=dt.date(2021, 4, 10),
        resolved_on=dt.date(2021, 4, 8),
    )
    load(
        tmp_path,
        form("P12", "land", "2021-Q2", **BORDERLINE),  # ignored: Q2 has dossiers
        form("P12", "land", "2021-Q3", **BORDERLINE),  # counted
    )
    client.force_login(noivu_user)

    body = client.get(
        "/tong-quan/CCHC-2021/bang-chung/",
        {
            "target": "ONTIME",
            "unit": "P12",
            "field": "land",
            "period": "2021",
            "as_of": "2021-10-25",
        },
    ).content.decode()

    forms = body.split('id="evidence-forms"')[1].split("</table>")[0]
    assert 'data-form="P12:land:2021-Q3"' in forms and "Biểu 06 đã nhập" in forms
    assert "2021-Q2" not in forms
