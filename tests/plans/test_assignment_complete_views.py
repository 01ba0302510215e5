"""Task completion through the unit page: the date rule's message keeps the entries, and a
completion entered by Phòng Nội vụ says "nhập thay" wherever the completion is shown."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from plans.models import Assignment
from plans.services import assignment_complete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2021, 6, 15, 9), tick=False):
        yield


@pytest.fixture
def assignment(plan):
    return (
        Assignment.objects.filter(unit__code="P01")
        .select_related("task")
        .order_by("due_on", "pk")
        .first()
    )


def _post(client, assignment, **fields):
    p = f"a{assignment.pk}"
    return client.post(
        reverse("assignment_complete", args=["P01", assignment.pk]),
        {f"{p}-{name}": value for name, value in fields.items()},
    )


def test_a_date_before_the_plan_is_refused_and_the_entries_kept(client, noivu_user, assignment):
    client.force_login(noivu_user)
    response = _post(
        client,
        assignment,
        completed_on="01/01/2019",
        evidence_link="https://p01.vn/bao-cao",
        note="ghi chú của tôi",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "không được trước ngày 01/01/2021" in body
    assert "https://p01.vn/bao-cao" in body and "ghi chú của tôi" in body
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.PENDING


def test_my_unit_page_says_entered_on_behalf_by_phong_noi_vu(client, noivu_user, assignment):
    client.force_login(noivu_user)
    response = _post(
        client, assignment, completed_on="01/06/2021", evidence_link="https://p01.vn/bao-cao"
    )
    assert response.status_code == 302
    body = client.get(reverse("my_unit", args=["P01"])).content.decode()
    row = body.split(f'data-assignment="{assignment.pk}"')[1].split("</tr>")[0]
    assert "nhập thay bởi noivu" in row


def test_my_unit_page_says_nothing_when_the_unit_completed_it(client, head_p01, assignment):
    client.force_login(head_p01)
    _post(client, assignment, completed_on="01/06/2021", evidence_link="https://p01.vn/bao-cao")
    body = client.get(reverse("my_unit", args=["P01"])).content.decode()
    assert "nhập thay" not in body


def test_task_page_says_entered_on_behalf(client, plan, noivu_user, assignment):
    assignment_complete(
        assignment=assignment,
        user=noivu_user,
        completed_on=dt.date(2021, 6, 1),
        evidence_link="https://p01.vn/bao-cao",
    )
    client.force_login(noivu_user)
    url = reverse("task_detail", args=[plan.code, assignment.task.code])
    assert "nhập thay bởi noivu" in client.get(url).content.decode()
