"""Every page with figures says when they were computed; Phòng Nội vụ can ask for a recompute
("Tính lại"), which is queued, shown as "đang tính" and polled, never run inside the request."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from common.commit import after_commit_batches_close
from indicators.compliance.selectors import results_computed_at
from indicators.compliance.store import compliance_recompute
from indicators.models import ComplianceResult
from tests.factories import unit_head
from tests.indicators.report_helpers import approved_report
from units.models import Unit

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2021, 10, 25)
DASHBOARD = "/tong-quan/CCHC-2021/?as_of=2021-10-25"
RECOMPUTE = "/tong-quan/CCHC-2021/tinh-lai/"
POLL = "/so-lieu/CCHC-2021/trang-thai/?as_of=2021-10-25"
LINE = "Số liệu tính lúc 07:02 ngày 25/10/2021"


@pytest.fixture
def computed(plan, time_machine):
    """Results of 25/10/2021 stored at 07:02 that morning (00:02 UTC); the clock then moves on."""
    time_machine.move_to(dt.datetime(2021, 10, 25, 7, 2, tzinfo=HCM))
    compliance_recompute(plan=plan, as_of=DAY)
    time_machine.move_to(dt.datetime(2021, 10, 25, 9, 30, tzinfo=HCM))
    after_commit_batches_close()
    return plan


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


def test_the_selector_gives_the_snapshots_latest_computed_at(computed):
    at = results_computed_at(plan=computed, as_of=DAY)
    assert at == dt.datetime(2021, 10, 25, 7, 2, tzinfo=HCM)
    assert results_computed_at(plan=computed, as_of=dt.date(2021, 5, 1)) is None


@pytest.mark.parametrize(
    "url",
    [
        DASHBOARD,
        "/bao-cao-chu-tich/CCHC-2021/?as_of=2021-10-25",
        "/don-vi-cua-toi/",
    ],
)
def test_pages_with_figures_show_when_they_were_computed(computed, client, noivu_user, url):
    user = unit_head(Unit.objects.get(code="P01")) if "don-vi" in url else noivu_user
    client.force_login(user)
    body = client.get(url).content.decode()
    assert LINE in body


def test_the_matrix_partial_shows_when_it_was_computed(computed, noivu):
    body = noivu.get(
        DASHBOARD + "&partial=matrix&period=2021", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="matrix-computed-at"' in body and LINE in body


def test_the_public_page_says_when_its_figures_were_approved(computed, client, noivu_user):
    # it shows the figures frozen at approval, not the computed results
    approved_report(computed, noivu_user, land={"responses": 10, "satisfied": 9})
    body = client.get("/cong-khai/CCHC-2021/").content.decode()
    assert "Số liệu công khai duyệt lần gần nhất lúc 09:30 ngày 25/10/2021" in body
    assert LINE not in body


def test_the_plan_page_says_its_figures_are_computed_now(computed, noivu):
    body = noivu.get(reverse("plan_detail", args=["CCHC-2021"])).content.decode()
    assert "Số liệu tính lúc 09:30 ngày 25/10/2021" in body


def test_a_page_without_a_snapshot_says_so(plan, noivu, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        body = noivu.get("/tong-quan/CCHC-2021/?as_of=2021-08-01").content.decode()
    assert "Chưa có số liệu tính" in body
    assert "Số liệu tính lúc" not in body


def test_the_computed_at_line_is_in_english_too(computed, noivu):
    body = noivu.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Figures computed at 07:02 on 25/10/2021" in body


def test_the_recompute_button_is_for_phong_noi_vu_only(computed, client, noivu_user, leader_user):
    client.force_login(noivu_user)
    body = client.get(DASHBOARD).content.decode()
    assert f'action="{RECOMPUTE}"' in body and "csrfmiddlewaretoken" in body
    client.force_login(leader_user)
    assert RECOMPUTE not in client.get(DASHBOARD).content.decode()


def test_unit_heads_leaders_and_anonymous_users_cannot_recompute(
    computed, client, head_p01, leader_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        anonymous = client.post(RECOMPUTE, {"as_of": "2021-10-25"})
        client.force_login(head_p01)
        head = client.post(RECOMPUTE, {"as_of": "2021-10-25"})
        client.force_login(leader_user)
        leader = client.post(RECOMPUTE, {"as_of": "2021-10-25"})

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    assert head.status_code == 403 and leader.status_code == 403
    assert not queued


def test_recompute_needs_a_post_with_csrf(computed, noivu_user):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(noivu_user)
    assert strict.get(RECOMPUTE).status_code == 405
    assert strict.post(RECOMPUTE, {"as_of": "2021-10-25"}).status_code == 403


def test_the_button_queues_a_recompute_shows_progress_then_the_new_time(
    computed, noivu, time_machine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        response = noivu.post(RECOMPUTE, {"as_of": "2021-10-25"}, follow=True)

    assert response.redirect_chain == [(DASHBOARD, 302)]
    body = response.content.decode()
    assert len(queued) == 1  # queued for after the commit, not run in the request
    assert "Đã yêu cầu tính lại số liệu đến ngày 25/10/2021" in body
    assert 'id="results-pending"' in body and "Đang tính lại số liệu đến ngày 25/10/2021" in body
    assert LINE in body  # the old figures stay on show meanwhile
    poll = noivu.get(POLL)
    assert "HX-Refresh" not in poll and 'id="results-pending"' in poll.content.decode()

    time_machine.move_to(dt.datetime(2021, 10, 25, 9, 31, tzinfo=HCM))
    queued[0]()  # the job runs (inline here; a thread or a worker in production)

    assert noivu.get(POLL)["HX-Refresh"] == "true"
    body = noivu.get(DASHBOARD).content.decode()
    assert 'id="results-pending"' not in body
    assert "Số liệu tính lúc 09:31 ngày 25/10/2021" in body
    assert ComplianceResult.objects.filter(as_of=DAY).exists()
