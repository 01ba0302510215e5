"""Dates are typed and shown as dd/mm/yyyy whatever the browser's locale (yyyy-mm-dd too)."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from indicators.reports.forms import _date
from inspections.forms import InspectionForm
from inspections.models import Inspection
from tests.inspections.factories import ActionFactory
from units.models import Unit


@pytest.mark.parametrize("typed", ["15/09/2021", "2021-09-15", "15/9/2021"])
def test_a_date_field_takes_both_forms(typed):
    assert _date("Ngày").clean(typed) == dt.date(2021, 9, 15)


def test_a_date_is_shown_as_day_month_year_in_a_text_input_with_the_picker():
    html = str(InspectionForm(initial={"date": dt.date(2021, 9, 15)})["date"])
    assert 'type="text"' in html and 'value="15/09/2021"' in html
    assert "data-datepicker" in html and 'placeholder="dd/mm/yyyy"' in html


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_an_inspection_typed_day_first_is_stored_and_shown_back(client, noivu_user, plan):
    client.force_login(noivu_user)
    p01 = Unit.objects.get(code="P01")
    data = {
        "kind": "cchc_surprise",
        "unit": p01.pk,
        "date": "15/09/2021",
        "lead": "Trần Thị B",
        "conclusion": "Cơ bản thực hiện tốt",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("inspections:create"), data)
    assert response.status_code == 302
    assert Inspection.objects.get().date == dt.date(2021, 9, 15)
    body = client.get(response.url).content.decode()
    assert "15/09/2021" in body


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_a_rejected_date_keeps_the_users_entry(client, plan):
    action = ActionFactory(finding__inspection__unit=Unit.objects.get(code="P01"))
    from tests.factories import unit_head

    client.force_login(unit_head(action.unit))
    url = reverse("inspections:action_close", args=[action.pk])
    body = client.post(url, {"closed_on": "31/02/2021", "evidence_link": "https://p01.vn/bc"})
    body = body.content.decode()
    field = re.search(r'<input[^>]*name="closed_on"[^>]*>', body).group(0)
    assert 'value="31/02/2021"' in field
    assert "https://p01.vn/bc" in body

    ok = client.post(url, {"closed_on": "01/06/2021", "evidence_link": "https://p01.vn/bc"})
    assert ok.status_code == 302
    action.refresh_from_db()
    assert action.closed_on == dt.date(2021, 6, 1)


def test_the_as_of_form_shows_day_month_year(client, noivu_user, plan):
    client.force_login(noivu_user)
    body = client.get("/tong-quan/CCHC-2021/?as_of=2021-09-30").content.decode()
    field = re.search(r'<input[^>]*id="as_of"[^>]*>', body).group(0)
    assert 'value="30/09/2021"' in field and "data-datepicker" in field


def test_the_picker_is_vendored_and_loaded_on_every_page(client, plan):
    body = client.get(reverse("login")).content.decode()
    for name in ("flatpickr.min.js", "flatpickr.vn.js", "flatpickr.min.css"):
        assert f"/static/vendor/flatpickr/{name}" in body
