import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from plans.models import Assignment

PLAN_URL = reverse("plan_detail", args=["CCHC-2021"])


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(PLAN_URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_page_is_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert "Đăng nhập" in response.content.decode()


def test_demo_login_and_logout(client, noivu_user):
    response = client.post(reverse("login"), {"username": "noivu", "password": "demo-2021"})
    assert response.status_code == 302
    assert client.get(PLAN_URL).status_code == 200
    client.post(reverse("logout"))
    assert client.get(PLAN_URL).status_code == 302


@pytest.mark.parametrize("fixture", ["noivu_user", "leader_user", "admin_user_", "head_p01"])
def test_plan_page_shows_outline_for_each_role(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    body = client.get(PLAN_URL).content.decode()
    for label in ("clause-I.2.1a", "clause-V.2.2", "clause-V.6"):
        assert f'id="{label}"' in body
    assert "INSP-CONDUCT-Q" in body
    assert "Phường Võ Thị Sáu thực hiện chuyển đổi" in body


def test_plan_page_shows_each_threshold_with_the_unit_of_its_rule(client, noivu_user):
    """The unit follows the target's rule, not its code."""
    from indicators.targets.models import Target

    for rule in ("initiatives", "online_growth", "ontime"):
        target = Target.objects.filter(rule=rule).first()
        target.code = f"RENAMED-{rule}"
        target.save()
    client.force_login(noivu_user)
    body = client.get(PLAN_URL).content.decode()

    def line(rule):
        return body.split(f"RENAMED-{rule}</code>")[1].split("</li>")[0]

    assert "%" not in line("initiatives")
    assert "điểm %;" in line("online_growth")
    assert "%;" in line("ontime") and "điểm" not in line("ontime")


def test_plan_page_shows_task_progress_for_noivu(client, noivu_user):
    Assignment.objects.filter(task__code="V.3.4", unit__code="VP").update(
        status="done", completed_on=dt.date(2021, 8, 20)
    )
    client.force_login(noivu_user)
    body = client.get(PLAN_URL, {"as_of": "2021-09-01"}).content.decode()
    row = body.split('data-task="V.3.4"')[1].split("</tr>")[0]
    assert "1/3" in row
    assert "2 quá hạn" in row


def test_as_of_before_completion_counts_task_as_not_done(client, noivu_user):
    Assignment.objects.filter(task__code="V.3.4").update(
        status="done", completed_on=dt.date(2021, 8, 20)
    )
    client.force_login(noivu_user)
    body = client.get(PLAN_URL, {"as_of": "2021-08-01"}).content.decode()
    assert "0/3" in body.split('data-task="V.3.4"')[1].split("</tr>")[0]


def test_unit_head_sees_only_own_assignments(client, head_p01):
    client.force_login(head_p01)
    body = client.get(PLAN_URL).content.decode()
    assert 'data-task="V.2.2"' not in body  # assigned to P-VTS only
    assert 'data-task="II.9"' in body


def test_unit_head_gets_404_on_task_not_assigned_to_them(client, head_p01):
    client.force_login(head_p01)
    url = reverse("task_detail", args=["CCHC-2021", "V.2.2"])
    assert client.get(url).status_code == 404


def test_task_page_lists_unit_statuses(client, noivu_user):
    client.force_login(noivu_user)
    url = reverse("task_detail", args=["CCHC-2021", "V.2.2"])
    body = client.get(url, {"as_of": "2021-07-01"}).content.decode()
    assert "Phường Võ Thị Sáu" in body
    assert 'data-status="overdue"' in body


@time_machine.travel(dt.datetime(2021, 5, 3, 9, 0), tick=False)
def test_default_as_of_is_today_during_the_plan(client, noivu_user):
    client.force_login(noivu_user)
    assert client.get(PLAN_URL).context["as_of"] == dt.date(2021, 5, 3)


def test_default_as_of_is_the_deadline_once_passed(client, noivu_user):
    client.force_login(noivu_user)
    assert client.get(PLAN_URL).context["as_of"] == dt.date(2021, 10, 25)


def test_unknown_plan_is_404(client, noivu_user):
    client.force_login(noivu_user)
    assert client.get(reverse("plan_detail", args=["NOPE"])).status_code == 404


def test_bad_as_of_falls_back_to_default(client, noivu_user):
    client.force_login(noivu_user)
    response = client.get(PLAN_URL, {"as_of": "31/02/2021"})
    assert response.status_code == 200
    assert response.context["as_of"] == dt.date(2021, 10, 25)
