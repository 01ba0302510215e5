"""Phòng Nội vụ's review queue (`/bao-cao-quy/`): reports waiting for review first, names, the
late badge, the missing publication link, and the bulk approval."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from indicators.models import QuarterlyReport
from indicators.reports.services import report_submit
from plans.periods import Period
from tests.factories import SatisfactionPublicationFactory, unit_head
from tests.indicators.report_helpers import report
from units.models import Unit

S = QuarterlyReport.Status
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
LIST = reverse("report_list")
pytestmark = pytest.mark.django_db


def _submitted(plan, code, at: dt.datetime, period="2021-Q2"):
    """The unit head's report submitted at a local time (2021-Q2 is due 05/07/2021)."""
    r = report(plan, code=code, period=period)
    with time_machine.travel(at, tick=False):
        return report_submit(report=r, user=unit_head(Unit.objects.get(code=code)))


def _rows(response) -> list[str]:
    return [f"{r.unit.code}-{r.period}" for r in response.context["page"]]


def _row(body: str, key: str) -> str:
    return body.split(f'data-report="{key}"')[1].split("</tr>")[0]


@pytest.fixture
def queue(plan):
    """Three reports waiting for review, submitted in the order P03, P01, P02, and two others."""
    _submitted(plan, "P01", dt.datetime(2021, 7, 3, 9, tzinfo=HCM))
    _submitted(plan, "P02", dt.datetime(2021, 7, 20, 9, tzinfo=HCM))
    _submitted(plan, "P03", dt.datetime(2021, 7, 1, 9, tzinfo=HCM))
    report(plan, code="P04", period="2021-Q2", status=S.APPROVED)
    report(plan, code="P05", period="2021-Q2", status=S.DRAFT)


def test_the_queue_opens_on_submitted_reports_oldest_submission_first(client, queue, noivu_user):
    client.force_login(noivu_user)
    response = client.get(LIST)
    assert _rows(response) == ["P03-2021-Q2", "P01-2021-Q2", "P02-2021-Q2"]
    assert 'value="submitted" selected' in response.content.decode()


def test_every_status_stays_reachable_by_the_filter(client, queue, noivu_user):
    client.force_login(noivu_user)
    everything = client.get(LIST, {"status": "all"})
    assert set(_rows(everything)) == {f"P0{i}-2021-Q2" for i in range(1, 6)}
    assert 'value="all" selected' in everything.content.decode()
    assert _rows(client.get(LIST, {"status": "approved"})) == ["P04-2021-Q2"]


def test_an_unknown_status_opens_the_queue(client, queue, noivu_user):
    client.force_login(noivu_user)
    assert len(_rows(client.get(LIST, {"status": "nonsense"}))) == 3


def test_the_list_names_the_submitter_and_the_reviewer_not_their_logins(client, plan, noivu_user):
    head = unit_head(Unit.objects.get(code="P01"))
    head.first_name, head.last_name = "Thị Lan", "Trần"
    head.save()
    noivu_user.first_name, noivu_user.last_name = "Văn Minh", "Lê"
    noivu_user.save()
    r = _submitted(plan, "P01", dt.datetime(2021, 7, 3, 9, tzinfo=HCM))
    QuarterlyReport.objects.filter(pk=r.pk).update(status=S.RETURNED, reviewed_by=noivu_user)
    client.force_login(noivu_user)
    row = _row(client.get(LIST, {"status": "all"}).content.decode(), "P01-2021-Q2")
    assert "Thị Lan Trần" in row and "Văn Minh Lê" in row
    assert "head-p01" not in row and ">noivu<" not in row


def test_a_user_without_a_name_is_shown_by_login(client, plan, noivu_user):
    _submitted(plan, "P01", dt.datetime(2021, 7, 3, 9, tzinfo=HCM))
    client.force_login(noivu_user)
    row = _row(client.get(LIST).content.decode(), "P01-2021-Q2")
    assert "head-p01" in row.split("data-submitter>")[1].split("</td>")[0]


def test_a_report_submitted_after_its_due_date_is_marked_late_with_the_days(
    client, queue, noivu_user
):
    client.force_login(noivu_user)
    body = client.get(LIST).content.decode()
    assert 'data-late="15"' in _row(body, "P02-2021-Q2")  # 20/07 against 05/07
    assert "Nộp muộn 15 ngày" in _row(body, "P02-2021-Q2")
    assert "data-late" not in _row(body, "P01-2021-Q2")
    assert "data-late" not in _row(body, "P03-2021-Q2")


@pytest.mark.parametrize(
    "local, late",
    [
        (dt.datetime(2021, 7, 5, 23, 30, tzinfo=HCM), 0),  # the due date, late in the evening
        (dt.datetime(2021, 7, 6, 0, 30, tzinfo=HCM), 1),  # still 5 July in UTC
    ],
)
def test_lateness_counts_the_local_date_of_submission(plan, local, late):
    r = _submitted(plan, "P01", local)
    assert plan.report_due_on(Period.parse("2021-Q2")) == dt.date(2021, 7, 5)
    assert r.days_late == late


def test_the_report_page_shows_the_late_badge(client, plan, noivu_user):
    _submitted(plan, "P01", dt.datetime(2021, 7, 8, 9, tzinfo=HCM))
    client.force_login(noivu_user)
    body = client.get(reverse("report_detail", args=["P01", "2021-Q2"])).content.decode()
    assert 'data-late="3"' in body and "Nộp muộn 3 ngày" in body


def test_approving_without_a_publication_link_warns_in_the_confirmation(client, plan, noivu_user):
    _submitted(plan, "P01", dt.datetime(2021, 7, 3, 9, tzinfo=HCM))
    client.force_login(noivu_user)
    body = client.get(reverse("report_detail", args=["P01", "2021-Q2"])).content.decode()
    form = body.split('action="/don-vi/P01/bao-cao/2021-Q2/duyet/"')[1].split(">")[0]
    assert "chưa có đường dẫn công khai" in form and "SAT-PUBLISH" in form


def test_approving_with_a_publication_link_does_not_warn(client, plan, noivu_user):
    _submitted(plan, "P01", dt.datetime(2021, 7, 3, 9, tzinfo=HCM))
    SatisfactionPublicationFactory(unit=Unit.objects.get(code="P01"), period="2021-Q2")
    client.force_login(noivu_user)
    body = client.get(reverse("report_detail", args=["P01", "2021-Q2"])).content.decode()
    form = body.split('action="/don-vi/P01/bao-cao/2021-Q2/duyet/"')[1].split(">")[0]
    assert "SAT-PUBLISH" not in form and "data-no-publication" not in body


def test_the_queue_badges_reports_without_a_publication_link_and_lists_them(
    client, queue, noivu_user
):
    SatisfactionPublicationFactory(unit=Unit.objects.get(code="P01"), period="2021-Q2")
    client.force_login(noivu_user)
    body = client.get(LIST).content.decode()
    assert "data-no-publication" not in _row(body, "P01-2021-Q2")
    assert "Chưa có đường dẫn công khai" in _row(body, "P02-2021-Q2")
    confirm = body.split('id="approve-selected"')[1].split(">")[0]
    assert "P02 Quý 2/2021" in confirm and "P03 Quý 2/2021" in confirm
    assert "P01 Quý 2/2021" not in confirm


def test_checkboxes_only_on_submitted_rows_and_only_for_noivu(
    client, queue, noivu_user, leader_user
):
    client.force_login(noivu_user)
    body = client.get(LIST, {"status": "all"}).content.decode()
    assert 'name="report"' in _row(body, "P01-2021-Q2")
    assert 'name="report"' not in _row(body, "P04-2021-Q2")
    client.force_login(leader_user)
    body = client.get(LIST).content.decode()
    assert 'name="report"' not in body and "approve-selected" not in body


def test_bulk_approve_approves_the_checked_and_skips_one_not_submitted(
    client, plan, queue, noivu_user
):
    ids = list(
        QuarterlyReport.objects.filter(unit__code__in=["P01", "P02", "P04"]).values_list(
            "pk", flat=True
        )
    )
    client.force_login(noivu_user)
    with time_machine.travel(dt.datetime(2021, 7, 21, 9, tzinfo=HCM), tick=False):
        response = client.post(
            reverse("report_approve_many") + "?period=2021-Q2", {"report": ids}, follow=True
        )
    assert response.redirect_chain[0][0] == LIST + "?period=2021-Q2"
    statuses = dict(QuarterlyReport.objects.values_list("unit__code", "status"))
    assert (statuses["P01"], statuses["P02"], statuses["P03"]) == (
        S.APPROVED,
        S.APPROVED,
        S.SUBMITTED,
    )
    body = response.content.decode()
    assert "Đã duyệt 2 báo cáo; 1 bỏ qua: P04 Quý 2/2021 (Chỉ xét duyệt được báo cáo đã nộp" in body
    assert _rows(response) == ["P03-2021-Q2"]  # back on the queue


def test_bulk_approve_with_nothing_checked_says_so(client, queue, noivu_user):
    client.force_login(noivu_user)
    response = client.post(reverse("report_approve_many"), {"report": ["x", ""]}, follow=True)
    assert "Chưa chọn báo cáo nào để duyệt" in response.content.decode()
    assert QuarterlyReport.objects.filter(status=S.SUBMITTED).count() == 3


def test_bulk_approve_ignores_hostile_ids(client, queue, noivu_user):
    client.force_login(noivu_user)
    hostile = {"report": ["²", "-1", "9" * 40, "1 OR 1=1", "0x1"]}
    response = client.post(reverse("report_approve_many") + "?status=<b>", hostile, follow=True)
    assert response.status_code == 200
    assert "Chưa chọn báo cáo nào để duyệt" in response.content.decode()


@pytest.mark.parametrize("role", ["leader_user", "head_p01"])
def test_only_noivu_may_bulk_approve(client, request, queue, role):
    client.force_login(request.getfixturevalue(role))
    ids = list(QuarterlyReport.objects.values_list("pk", flat=True))
    assert client.post(reverse("report_approve_many"), {"report": ids}).status_code == 403
    assert QuarterlyReport.objects.filter(status=S.SUBMITTED).count() == 3


def test_the_queue_query_count_is_bounded(client, plan, noivu_user, django_assert_max_num_queries):
    for unit in Unit.objects.below_scope().filter(active_to=None)[:20]:
        _submitted(plan, unit.code, dt.datetime(2021, 7, 10, 9, tzinfo=HCM))
    client.force_login(noivu_user)
    with django_assert_max_num_queries(11):
        client.get(LIST)
