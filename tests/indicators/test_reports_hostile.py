"""Report figures out of range are form errors shown next to the field, never a 500."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from indicators.models import QuarterlyReport, ReportFigure
from indicators.reports.services import report_save_figures
from tests.indicators.test_reports_views import _civil_index, _form_data

pytestmark = pytest.mark.django_db
DETAIL = reverse("report_detail", args=["P01", "2021-Q2"])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2021, 7, 2, 9), tick=False):
        yield


@pytest.mark.parametrize("value", ["2147483648", "99999999999999999999", "1000000001"])
@pytest.mark.parametrize("key", ["received_direct", "resolved_late", "responses", "satisfied"])
def test_huge_figure_is_shown_next_to_the_field(client, head_p01, key, value):
    client.force_login(head_p01)
    i = _civil_index(client)
    response = client.post(DETAIL, _form_data(client, **{f"figures-{i}-{key}": value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-error-for="figures-{i}-{key}"' in body
    assert "Số liệu quá lớn (tối đa 1.000.000.000)." in body
    assert f'value="{value}"' in body  # the entry is kept
    assert not QuarterlyReport.objects.exists() and not ReportFigure.objects.exists()


@pytest.mark.parametrize("key", ["feedback_received", "feedback_handled"])
def test_huge_feedback_count_is_a_form_error(client, head_p01, key):
    client.force_login(head_p01)
    response = client.post(DETAIL, _form_data(client, **{key: "2147483648"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Số liệu quá lớn" in body and 'value="2147483648"' in body
    assert not QuarterlyReport.objects.exists()


def test_the_service_bounds_figures_too(plan, head_p01):
    from django.core.exceptions import ValidationError

    from tests.indicators.report_helpers import report

    draft = report(plan, period="2021-Q2")
    with pytest.raises(ValidationError) as info:
        report_save_figures(
            report=draft, user=head_p01, figures={"civil-status": {"received_direct": 2**31}}
        )
    assert "quá lớn" in str(info.value)
    assert not ReportFigure.objects.exists()
