"""Reads never write: a page finding no stored results for its as-of date queues their
computation (coalesced), says so and polls; nothing is computed inside the request."""

import datetime as dt
import threading
from unittest import mock

import pytest
from django.urls import reverse

from common import background
from indicators.models import ComplianceResult, RecomputeRequest

DAY = dt.date(2021, 8, 1)
PAGES = {
    "dashboard": "/tong-quan/CCHC-2021/",
    "chairman": "/bao-cao-chu-tich/CCHC-2021/",
    "coverage": reverse("inspections:coverage", args=["CCHC-2021"]),
}
POLL = "/so-lieu/CCHC-2021/trang-thai/?as_of=2021-08-01"


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_without_results_queues_them_says_so_and_shows_them_once_computed(
    noivu, plan, page, django_capture_on_commit_callbacks
):
    url = PAGES[page] + "?as_of=2021-08-01"
    with django_capture_on_commit_callbacks() as queued:
        response = noivu.get(url)

    assert response.status_code == 200
    assert not ComplianceResult.objects.filter(as_of=DAY).exists()  # nothing computed
    body = response.content.decode()
    assert (
        "Chưa có số liệu tính cho ngày 01/08/2021; hệ thống đang tính, trang sẽ tự cập nhật."
    ) in body
    assert f'hx-get="{POLL}"' in body.replace("&amp;", "&") and 'hx-trigger="every 2s"' in body
    request = RecomputeRequest.objects.get(plan=plan)
    assert request.pending and request.as_of_dates == ["2021-08-01"]
    assert len(queued) == 1  # the job, queued for after the commit

    with django_capture_on_commit_callbacks() as again:
        noivu.get(url)  # asked already and under way: nothing more is queued
        poll = noivu.get(POLL)
    assert not again
    assert 'id="results-pending"' in poll.content.decode() and "HX-Refresh" not in poll

    queued[0]()  # the job runs (after the response; inline here, see common.background)

    assert ComplianceResult.objects.filter(as_of=DAY).exists()
    assert RecomputeRequest.objects.get(plan=plan).as_of_dates == []
    assert noivu.get(POLL)["HX-Refresh"] == "true"
    body = noivu.get(url).content.decode()
    assert 'id="results-pending"' not in body
    if page == "dashboard":
        assert 'data-target="TASKS-DONE" data-status="not_met"' in body
    elif page == "chairman":
        row = body.split('data-target="TASKS-DONE"')[1].split("</tr>")[0]
        assert "Chưa có số liệu" not in row
    else:
        assert 'data-target="INSP-WARD" data-numerator="0" data-denominator="12"' in body


def test_the_unit_home_without_results_says_they_are_being_computed(client, head_p01, plan):
    client.force_login(head_p01)
    body = client.get("/don-vi-cua-toi/").content.decode()
    assert "hệ thống đang tính, trang sẽ tự cập nhật" in body
    assert not ComplianceResult.objects.exists()


def test_eager_mode_runs_the_job_in_a_thread_not_in_the_request(
    noivu, plan, settings, django_capture_on_commit_callbacks
):
    settings.BACKGROUND_SYNC = False
    with mock.patch.object(background.threading, "Thread") as thread:
        with django_capture_on_commit_callbacks(execute=True):
            response = noivu.get(PAGES["dashboard"] + "?as_of=2021-08-01")

    assert response.status_code == 200
    thread.assert_called_once()
    assert thread.call_args.kwargs["daemon"] is True
    thread.return_value.start.assert_called_once()
    assert not ComplianceResult.objects.exists()


def test_a_background_job_runs_in_a_daemon_thread_and_closes_its_connection(settings):
    settings.BACKGROUND_SYNC = False
    done = threading.Event()
    seen = {}

    def job(value):
        seen["thread"] = threading.current_thread()
        seen["value"] = value
        done.set()

    with mock.patch.object(background.connections, "close_all") as close_all:
        background.run_now(job, 42)
        assert done.wait(5)
        seen["thread"].join(5)

    assert seen["value"] == 42 and seen["thread"] is not threading.main_thread()
    assert seen["thread"].daemon
    close_all.assert_called_once()


def test_the_poll_needs_no_login_and_writes_nothing(client, plan):
    response = client.get(POLL)
    assert response.status_code == 200
    assert not RecomputeRequest.objects.exists()
