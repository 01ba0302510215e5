import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from plans.models import Assignment
from plans.services import assignment_complete
from tests.indicators.report_helpers import PDF, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2021, 6, 15, 9), tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assignment(plan):
    return Assignment.objects.filter(unit__code="P01").order_by("due_on").first()


def test_completes_with_link(assignment, head_p01):
    done = assignment_complete(
        assignment=assignment,
        user=head_p01,
        completed_on=dt.date(2021, 6, 1),
        evidence_link="https://p01.quan3.gov.vn/bao-cao",
        note="Đã ban hành",
    )
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.DONE
    assert (assignment.completed_on, assignment.completed_by) == (dt.date(2021, 6, 1), head_p01)
    assert done.note == "Đã ban hành"


def test_completes_with_file_stored_under_media_root(assignment, head_p01, tmp_path):
    assignment_complete(
        assignment=assignment, user=head_p01, completed_on=dt.date(2021, 6, 1), evidence_file=pdf()
    )
    assignment.refresh_from_db()
    assert (tmp_path / assignment.evidence_file.name).read_bytes() == PDF


def test_future_date_is_rejected(assignment, head_p01):
    with pytest.raises(ValidationError) as exc:
        assignment_complete(
            assignment=assignment,
            user=head_p01,
            completed_on=dt.date(2021, 6, 16),
            evidence_link="https://x.vn",
        )
    assert "completed_on" in exc.value.message_dict
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PENDING


def test_evidence_is_required(assignment, head_p01):
    with pytest.raises(ValidationError) as exc:
        assignment_complete(assignment=assignment, user=head_p01, completed_on=dt.date(2021, 6, 1))
    assert "evidence_link" in exc.value.message_dict


def test_file_whose_content_is_not_pdf_is_rejected(assignment, head_p01):
    with pytest.raises(ValidationError) as exc:
        assignment_complete(
            assignment=assignment,
            user=head_p01,
            completed_on=dt.date(2021, 6, 1),
            evidence_file=pdf("gia.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert "evidence_file" in exc.value.message_dict


def test_done_twice_is_rejected(assignment, head_p01):
    kwargs = {"completed_on": dt.date(2021, 6, 1), "evidence_link": "https://x.vn"}
    assignment_complete(assignment=assignment, user=head_p01, **kwargs)
    with pytest.raises(ValidationError):
        assignment_complete(assignment=assignment, user=head_p01, **kwargs)


@pytest.mark.parametrize("who", ["head_p02", "leader_user"])
def test_other_unit_head_and_leader_cannot_complete(assignment, request, who):
    with pytest.raises(PermissionDenied):
        assignment_complete(
            assignment=assignment,
            user=request.getfixturevalue(who),
            completed_on=dt.date(2021, 6, 1),
            evidence_link="https://x.vn",
        )


@pytest.mark.parametrize("day", [dt.date(2019, 1, 1), dt.date(2020, 12, 31)])
def test_date_before_the_plans_year_is_rejected(assignment, head_p01, day):
    with pytest.raises(ValidationError) as exc:
        assignment_complete(
            assignment=assignment, user=head_p01, completed_on=day, evidence_link="https://x.vn"
        )
    assert exc.value.message_dict["completed_on"] == [
        "Ngày hoàn thành không được trước ngày 01/01/2021, ngày bắt đầu kế hoạch năm 2021."
    ]
    assignment.refresh_from_db()
    assert (assignment.status, assignment.completed_on) == (Assignment.Status.PENDING, None)


@pytest.mark.parametrize("day", [dt.date(2021, 1, 1), dt.date(2021, 6, 15)])
def test_first_day_of_the_plans_year_and_today_are_accepted(assignment, head_p01, day):
    assignment_complete(
        assignment=assignment, user=head_p01, completed_on=day, evidence_link="https://x.vn"
    )
    assignment.refresh_from_db()
    assert (assignment.status, assignment.completed_on) == (Assignment.Status.DONE, day)


def test_completion_by_phong_noi_vu_is_entered_on_behalf(assignment, noivu_user):
    noivu_user.first_name, noivu_user.last_name = "Lan", "Nguyễn"
    noivu_user.save()
    kwargs = {"completed_on": dt.date(2021, 6, 1), "evidence_link": "https://x.vn"}
    done = assignment_complete(assignment=assignment, user=noivu_user, **kwargs)
    assert done.entered_on_behalf_by == noivu_user.get_full_name()


def test_completion_by_the_units_head_is_not_on_behalf(assignment, head_p01):
    kwargs = {"completed_on": dt.date(2021, 6, 1), "evidence_link": "https://x.vn"}
    done = assignment_complete(assignment=assignment, user=head_p01, **kwargs)
    assert done.entered_on_behalf_by == ""
    assert Assignment(unit=assignment.unit).entered_on_behalf_by == ""  # not completed
