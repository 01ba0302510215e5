import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from common.cells import cell_text
from inspections.models import CorrectiveAction, Inspection, RecognitionProposal
from inspections.services import (
    corrective_action_add,
    corrective_action_close,
    inspection_code_next,
    inspection_plan_add,
    inspection_planned_remove,
    proposal_add,
    proposal_rows,
    proposals_csv,
    proposals_xlsx,
)
from units.models import Unit

from .factories import ActionFactory, FindingFactory, InspectionFactory

TODAY = dt.date(2021, 9, 30)


@pytest.fixture
def p01(plan):
    return Unit.objects.get(code="P01")


def test_plan_add_creates_a_planned_inspection_in_the_quarter(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 6, 15, 9), tick=False)  # Q3 not over (next test too)
    inspection = inspection_plan_add(plan=plan, unit=p01, kind="cchc_periodic", quarter=3)
    assert inspection.status == Inspection.Status.PLANNED
    assert inspection.date == dt.date(2021, 7, 1)
    assert inspection.plan == plan
    assert inspection.code == "KT-2021-0001"


def test_plan_add_rejects_a_date_outside_the_quarter(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 6, 15, 9), tick=False)
    with pytest.raises(ValidationError) as error:
        inspection_plan_add(
            plan=plan, unit=p01, kind="cchc_periodic", quarter=3, date=dt.date(2021, 10, 1)
        )
    assert "Quý 3/2021" in str(error.value)
    assert not Inspection.objects.exists()


def test_plan_add_accepts_the_current_quarter_on_its_last_day(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 9, 30, 16), tick=False)
    inspection = inspection_plan_add(
        plan=plan, unit=p01, kind="cchc_periodic", quarter=3, date=dt.date(2021, 9, 30)
    )
    assert inspection.status == Inspection.Status.PLANNED


def test_plan_add_rejects_a_quarter_already_over(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 10, 1, 8), tick=False)
    with pytest.raises(ValidationError) as error:
        inspection_plan_add(plan=plan, unit=p01, kind="cchc_periodic", quarter=3)
    assert error.value.message_dict["quarter"] == [
        "Quý 3/2021 đã kết thúc ngày 30/09/2021: không lập kế hoạch kiểm tra cho quý đã qua."
    ]
    assert not Inspection.objects.exists()


def test_plan_add_rejects_the_same_unit_kind_and_quarter_twice(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 6, 15, 9), tick=False)
    first = inspection_plan_add(plan=plan, unit=p01, kind="cchc_periodic", quarter=3)
    with pytest.raises(ValidationError) as error:
        inspection_plan_add(
            plan=plan, unit=p01, kind="cchc_periodic", quarter=3, date=dt.date(2021, 8, 2)
        )
    assert error.value.messages == [
        f"{p01.name} đã có cuộc kiểm tra CCHC định kỳ trong Quý 3/2021: {first.code}, ngày "
        "01/07/2021 (dự kiến). Không thêm lần thứ hai."
    ]
    assert list(Inspection.objects.all()) == [first]


def test_plan_add_rejects_a_quarter_where_the_inspection_is_already_done(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 8, 15, 9), tick=False)
    done = InspectionFactory(unit=p01, kind="cchc_periodic", date=dt.date(2021, 7, 20))
    with pytest.raises(ValidationError) as error:
        inspection_plan_add(plan=plan, unit=p01, kind="cchc_periodic", quarter=3)
    assert f"{done.code}, ngày 20/07/2021 (đã kiểm tra)" in error.value.messages[0]


def test_plan_add_allows_another_kind_or_quarter_for_the_same_unit(plan, p01, time_machine):
    time_machine.move_to(dt.datetime(2021, 6, 15, 9), tick=False)
    inspection_plan_add(plan=plan, unit=p01, kind="cchc_periodic", quarter=3)
    inspection_plan_add(plan=plan, unit=p01, kind="conduct_surprise", quarter=3)
    inspection_plan_add(plan=plan, unit=p01, kind="cchc_periodic", quarter=4)
    assert Inspection.objects.count() == 3


def test_codes_are_sequential_per_year(plan, p01):
    InspectionFactory(code="KT-2021-0041", unit=p01)
    assert inspection_code_next(year=2021) == "KT-2021-0042"
    assert inspection_code_next(year=2022) == "KT-2022-0001"


def test_only_planned_inspections_can_be_removed(plan, p01):
    done = InspectionFactory(unit=p01)
    with pytest.raises(ValidationError):
        inspection_planned_remove(inspection=done)
    planned = InspectionFactory(unit=p01, status=Inspection.Status.PLANNED)
    inspection_planned_remove(inspection=planned)
    assert list(Inspection.objects.all()) == [done]


def test_action_due_before_inspection_is_rejected(plan, p01):
    finding = FindingFactory(inspection__unit=p01)
    with pytest.raises(ValidationError):
        corrective_action_add(finding=finding, unit=p01, title="x", due_on=dt.date(2021, 1, 1))
    assert not CorrectiveAction.objects.exists()


def test_close_action_with_link(plan, p01):
    action = ActionFactory(finding__inspection__unit=p01)
    corrective_action_close(
        action=action,
        closed_on=dt.date(2021, 6, 1),
        evidence_link="https://q3.example.vn/bc",
        today=TODAY,
    )
    action.refresh_from_db()
    assert (action.status, action.closed_on) == ("closed", dt.date(2021, 6, 1))


def test_close_action_with_file_stores_it(plan, p01, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    action = ActionFactory(finding__inspection__unit=p01)
    upload = SimpleUploadedFile("bc.pdf", b"%PDF-1.4 test")
    corrective_action_close(
        action=action, closed_on=dt.date(2021, 6, 1), evidence_file=upload, today=TODAY
    )
    action.refresh_from_db()
    assert action.evidence_file.read() == b"%PDF-1.4 test"


@pytest.mark.parametrize(
    ("closed_on", "message"),
    [(dt.date(2021, 5, 9), "trước ngày kiểm tra"), (dt.date(2021, 10, 1), "tương lai")],
)
def test_close_date_must_be_between_inspection_and_today(plan, p01, closed_on, message):
    action = ActionFactory(finding__inspection__unit=p01)  # inspected 10/05/2021
    with pytest.raises(ValidationError) as error:
        corrective_action_close(
            action=action, closed_on=closed_on, evidence_link="https://x.vn", today=TODAY
        )
    assert message in str(error.value)
    action.refresh_from_db()
    assert action.status == "open"


def test_close_needs_evidence(plan, p01):
    action = ActionFactory(finding__inspection__unit=p01)
    with pytest.raises(ValidationError):
        corrective_action_close(action=action, closed_on=dt.date(2021, 6, 1), today=TODAY)


def test_close_happens_only_once(plan, p01):
    action = ActionFactory(finding__inspection__unit=p01)
    kwargs = {"closed_on": dt.date(2021, 6, 1), "evidence_link": "https://x.vn", "today": TODAY}
    corrective_action_close(action=action, **kwargs)
    with pytest.raises(ValidationError):
        corrective_action_close(action=action, **{**kwargs, "closed_on": dt.date(2021, 7, 1)})
    action.refresh_from_db()
    assert action.closed_on == dt.date(2021, 6, 1)


def test_proposal_needs_a_reason(plan, p01):
    with pytest.raises(ValidationError):
        proposal_add(plan=plan, unit=p01, kind="commend", reason="")
    assert not RecognitionProposal.objects.exists()


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd"])
def test_formula_cells_are_neutralised(text):
    assert cell_text(text) == "'" + text


def test_plain_cells_are_kept():
    assert cell_text("Phường 1") == "Phường 1"


def _rows(plan, p01):
    proposal_add(plan=plan, unit=p01, kind="criticise", reason="=HYPERLINK(x)", person="@a")
    return proposal_rows(
        proposals=RecognitionProposal.objects.all(), evidence_url=lambda p: "https://e.vn"
    )


def test_csv_export_has_header_and_neutralised_rows(plan, p01):
    content = proposals_csv(rows=_rows(plan, p01)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["STT", "Mã đơn vị", "Đơn vị"]
    assert rows[1][3:6] == ["'@a", "Phê bình", "'=HYPERLINK(x)"]


def test_xlsx_export_keeps_formulas_as_text(plan, p01):
    workbook = load_workbook(io.BytesIO(proposals_xlsx(rows=_rows(plan, p01), title="T")))
    sheet = workbook.active
    assert sheet["F3"].value == "'=HYPERLINK(x)"
    assert sheet["F3"].data_type == "s"
