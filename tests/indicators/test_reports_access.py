"""Every URL of the unit/report module × every role → the expected status.

Unit heads get 404 on anything of another unit; leaders read only (403 on writes); Phòng Nội vụ
and admins see everything; anonymous users are sent to the login page.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from indicators.models import Initiative, QuarterlyReport
from plans.models import Assignment
from tests.indicators.report_helpers import pdf, report
from units.models import Unit

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "head_p01", "head_p02", "noivu_user", "leader_user", "admin_user_"]


@pytest.fixture(autouse=True)
def setup(settings, tmp_path, plan):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(dt.datetime(2021, 7, 2, 9), tick=False):
        report(plan, code="P01", period="2021-Q1", status=QuarterlyReport.Status.SUBMITTED)
        report(plan, code="P01", period="2021-Q3", status=QuarterlyReport.Status.APPROVED)
        for code in ("P01", "P02"):
            Initiative.objects.create(
                code=f"SK-{code}",
                unit=Unit.objects.get(code=code),
                title="Sáng kiến",
                date=dt.date(2021, 5, 1),
                evidence_file=pdf(),
            )
        a = Assignment.objects.filter(unit__code="P01").first()
        a.evidence_file = pdf()
        a.save()
        yield


def _assignment_pk(code="P01"):
    return Assignment.objects.filter(unit__code=code).first().pk


def _initiative_pk(code):
    return Initiative.objects.get(code=f"SK-{code}").pk


# (name, method, url builder, expected by role in ROLES order)
LOGIN = "login"
CASES = [
    ("index", "get", lambda: reverse("my_unit_index"), [LOGIN, 302, 302, 200, 200, 200]),
    ("unit P01", "get", lambda: reverse("my_unit", args=["P01"]), [LOGIN, 200, 404, 200, 200, 200]),
    ("unit P02", "get", lambda: reverse("my_unit", args=["P02"]), [LOGIN, 404, 200, 200, 200, 200]),
    ("unit Q3", "get", lambda: reverse("my_unit", args=["Q3"]), [LOGIN, 404, 404, 404, 404, 404]),
    (
        "unit unknown",
        "get",
        lambda: reverse("my_unit", args=["XX"]),
        [LOGIN, 404, 404, 404, 404, 404],
    ),
    (
        "complete task",
        "post",
        lambda: reverse("assignment_complete", args=["P01", _assignment_pk()]),
        [LOGIN, 200, 404, 200, 403, 200],
    ),
    (
        "report view",
        "get",
        lambda: reverse("report_detail", args=["P01", "2021-Q2"]),
        [LOGIN, 200, 404, 200, 200, 200],
    ),
    (
        "report docx",
        "get",
        lambda: reverse("report_docx", args=["P01", "2021-Q1"]),
        [LOGIN, 200, 404, 200, 200, 200],
    ),
    (
        "report bad period",
        "get",
        lambda: reverse("report_detail", args=["P01", "2020-Q2"]),
        [LOGIN, 404, 404, 404, 404, 404],
    ),
    (
        "report save",
        "post",
        lambda: reverse("report_detail", args=["P01", "2021-Q2"]),
        [LOGIN, 200, 404, 200, 403, 200],
    ),
    (
        "report submit confirm",
        "get",
        lambda: reverse("report_submit", args=["P01", "2021-Q2"]),
        [LOGIN, 200, 404, 200, 403, 200],
    ),
    (
        "report submit",
        "post",
        lambda: reverse("report_submit", args=["P01", "2021-Q2"]),
        [LOGIN, 302, 404, 302, 403, 302],
    ),
    (
        "evidence add",
        "post",
        lambda: reverse("report_evidence_add", args=["P01", "2021-Q2", "initiative"]),
        [LOGIN, 200, 404, 200, 403, 200],
    ),
    (
        "return",
        "post",
        lambda: reverse("report_return", args=["P01", "2021-Q1"]),
        [LOGIN, 403, 404, 200, 403, 200],
    ),
    (
        "approve",
        "post",
        lambda: reverse("report_approve", args=["P01", "2021-Q1"]),
        [LOGIN, 403, 404, 302, 403, 302],
    ),
    (
        "reopen",
        "post",
        lambda: reverse("report_reopen", args=["P01", "2021-Q3"]),
        [LOGIN, 403, 404, 200, 403, 200],
    ),
    (
        "publish",
        "post",
        lambda: reverse("report_publish", args=["P01", "2021-Q3"]),
        [LOGIN, 403, 404, 302, 403, 302],
    ),
    ("review list", "get", lambda: reverse("report_list"), [LOGIN, 404, 404, 200, 200, 200]),
    (
        "bulk approve",
        "post",
        lambda: reverse("report_approve_many"),
        [LOGIN, 403, 403, 302, 403, 302],
    ),
    (
        "file P01",
        "get",
        lambda: reverse("evidence_file", args=["initiative", _initiative_pk("P01")]),
        [LOGIN, 200, 404, 200, 200, 200],
    ),
    (
        "file P02",
        "get",
        lambda: reverse("evidence_file", args=["initiative", _initiative_pk("P02")]),
        [LOGIN, 404, 200, 200, 200, 200],
    ),
    (
        "task file P01",
        "get",
        lambda: reverse("evidence_file", args=["assignment", _assignment_pk()]),
        [LOGIN, 200, 404, 200, 200, 200],
    ),
    (
        "file unknown kind",
        "get",
        lambda: reverse("evidence_file", args=["dossier", 1]),
        [LOGIN, 404, 404, 404, 404, 404],
    ),
]

MATRIX = [
    pytest.param(name, method, url, role, expected[i], id=f"{name}-{role}")
    for name, method, url, expected in CASES
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize("name, method, url, role, expected", MATRIX)
def test_url_role_status(client, request, name, method, url, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    with time_machine.travel(dt.datetime(2021, 7, 2, 9), tick=False):
        response = getattr(client, method)(url())
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ["head_p02", "leader_user"])
def test_forbidden_writes_change_nothing(client, request, role):
    client.force_login(request.getfixturevalue(role))
    client.post(reverse("report_approve", args=["P01", "2021-Q1"]))
    client.post(reverse("report_detail", args=["P01", "2021-Q2"]), {"feedback_received": "3"})
    assert QuarterlyReport.objects.get(period="2021-Q1").status == "submitted"
    assert not QuarterlyReport.objects.filter(period="2021-Q2").exists()


def test_unit_head_nav_shows_my_unit_and_noivu_nav_shows_reports(client, head_p01, noivu_user):
    client.force_login(head_p01)
    body = client.get(reverse("my_unit", args=["P01"])).content.decode()
    assert reverse("my_unit_index") in body and reverse("report_list") not in body
    client.force_login(noivu_user)
    assert reverse("report_list") in client.get(reverse("my_unit_index")).content.decode()
