"""What the public sees is what was approved (Plan II.7, V.3.1): the public page shows the
figures frozen at the report's approval; a later import shows there only after a new approval."""

import csv
import importlib
import io
import re
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from indicators.models import PublishedFigure, QuarterlyReport, ReportFigure, SatisfactionSurvey
from indicators.reports.selectors import report_history
from indicators.reports.services import (
    report_approve,
    report_publish,
    report_reopen,
    report_save_figures,
    report_submit,
)
from tests.factories import unit_head
from tests.indicators.importfiles import write_csv
from tests.indicators.report_helpers import approved_report, field
from units.models import Unit

URL = "/cong-khai/CCHC-2021/"
LAND = {"responses": 110, "satisfied": 109, "resolved_on_time": 97, "resolved_late": 3}
backfill = importlib.import_module(
    "indicators.migrations.0008_published_figures"
).published_figures_backfill


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2021-11-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def p05(plan, noivu_user):
    return approved_report(plan, noivu_user, code="P05", land=LAND)


def land_row(client):
    """(satisfaction, on time) of P05 2021-Q1 land on the public page (decimal comma)."""
    body = client.get(URL).content.decode()
    match = re.search(
        r'data-row="P05:2021-Q1:land"><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td>'
        r"<td>([^<]*)</td><td>([^<]*)</td>",
        body,
    )
    return match and match.groups()


def reapprove(report, noivu, reason="Số liệu mới"):
    head = unit_head(report.unit)
    report = report_reopen(report=report, user=noivu, reason=reason)
    report_submit(report=report, user=head)
    report = report_approve(report=report, user=noivu)
    return report_publish(report=report, user=noivu, published=True)


def test_approval_freezes_the_figures_the_approver_saw(p05):
    figure = PublishedFigure.objects.get(report=p05, rule="ontime", field=field("land"))
    assert (figure.numerator, figure.denominator, figure.value) == (97, 100, Decimal("97.00"))
    assert figure.threshold == Decimal("96") and figure.status == "met"
    overall = PublishedFigure.objects.get(report=p05, rule="satisfaction", field=None)
    assert (overall.numerator, overall.denominator, overall.value) == (109, 110, Decimal("99.09"))


def test_a_later_satisfaction_import_leaves_the_public_figure_as_approved(p05, client, tmp_path):
    assert land_row(client) == ("99,09", "97,00")
    rows = [
        ["unit", "field", "period", "responses", "satisfied"],
        ["P05", "land", "2021-Q1", 100, 1],
    ]
    call_command("import_data", "satisfaction", str(write_csv(tmp_path / "s.csv", rows)))
    assert SatisfactionSurvey.objects.get(unit=p05.unit, field=field("land")).satisfied == 1
    assert land_row(client) == ("99,09", "97,00")


def test_a_later_dossier_import_leaves_the_public_figure_as_approved(p05, client, tmp_path):
    call_command("import_data", "dossiers", str(write_csv(tmp_path / "d.csv", DOSSIERS)))
    assert land_row(client) == ("99,09", "97,00")


DOSSIERS = [
    ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"],
    ["HS-1", "P05", "land", "2021-02-01", "2021-02-10", "2021-02-09", "0", "0"],
    ["HS-2", "P05", "land", "2021-02-01", "2021-02-10", "2021-02-20", "0", "0"],
]


def test_a_reopened_report_leaves_the_public_page_until_approved_again(p05, client, noivu_user):
    report_reopen(report=p05, user=noivu_user, reason="Kiểm tra lại")
    assert land_row(client) is None
    assert "P05:2021-Q1" not in client.get(URL + "?format=csv").content.decode("utf-8-sig")


def test_reapproval_publishes_the_new_figures_and_the_history_says_so(
    p05, client, noivu_user, tmp_path
):
    call_command("import_data", "dossiers", str(write_csv(tmp_path / "d.csv", DOSSIERS)))
    with time_machine.travel("2021-11-20 10:00 +07:00", tick=False):
        p05 = reapprove(p05, noivu_user)
    assert land_row(client) == ("99,09", "50,00")
    assert PublishedFigure.objects.filter(report=p05, field=field("land")).count() == 2
    history = report_history(report=p05)
    reasons = [c.new for c in history if c.what == "Lý do"]
    assert "Số liệu công khai cập nhật khi duyệt lại" in reasons
    change = next(c for c in history if c.what == "số liệu công khai khi duyệt" and c.old)
    assert "đúng hạn 97.00% (97/100)" in change.old and "đúng hạn 50.00% (1/2)" in change.new


def test_reapproval_with_the_same_figures_says_nothing_changed(p05, noivu_user):
    p05 = reapprove(p05, noivu_user)
    reasons = [c.new for c in report_history(report=p05) if c.what == "Lý do"]
    assert "Số liệu công khai cập nhật khi duyệt lại" not in reasons


def test_the_csv_matches_the_page(p05, client, plan, noivu_user):
    approved_report(plan, noivu_user, code="P01", land={"responses": 10, "satisfied": 9})
    body = client.get(URL).content.decode()
    page = re.findall(
        r'<tr data-row="([^"]*)"><td>[^<]*</td>(?:<td>[^<]*</td>)?<td>(?:<strong>)?[^<]*'
        r"(?:</strong>)?</td><td>([^<]*)</td><td>([^<]*)</td></tr>",
        body,
    )
    rows = list(
        csv.reader(io.StringIO(client.get(URL + "?format=csv").content.decode("utf-8-sig")))
    )
    from_csv = []
    for code, _name, period, fcode, _fname, sat, ontime in rows[1:]:
        key = f"{period}:{fcode}" if code == "Q3" else f"{code}:{period}:{fcode}"
        from_csv.append((key, sat.replace(".", ",") or "—", ontime.replace(".", ",") or "—"))
    assert sorted(page) == sorted(from_csv) and len(from_csv) == 6


def test_an_unpublished_report_shows_nothing(p05, client, noivu_user):
    report_publish(report=p05, user=noivu_user, published=False)
    body = client.get(URL).content.decode()
    assert "P05:2021-Q1" not in body and "Chưa có số liệu được công khai." in body


def test_an_unapproved_report_with_figures_shows_nothing(plan, client):
    unit = Unit.objects.get(code="P05")
    report = QuarterlyReport.objects.create(plan=plan, unit=unit, period="2021-Q1")
    report_save_figures(report=report, user=unit_head(unit), figures={"land": LAND})
    QuarterlyReport.objects.filter(pk=report.pk).update(published=True)
    assert "P05:2021-Q1" not in client.get(URL).content.decode()


def _approved_before_the_upgrade(plan, code, published=True):
    report = QuarterlyReport.objects.create(
        plan=plan,
        unit=Unit.objects.get(code=code),
        period="2021-Q1",
        status="approved",
        published=published,
    )
    ReportFigure.objects.create(report=report, field=field("land"), **LAND)
    return report


def test_the_upgrade_freezes_reports_already_approved_and_published(plan, client):
    report = _approved_before_the_upgrade(plan, "P05")
    hidden = _approved_before_the_upgrade(plan, "P01", published=False)
    backfill(apps, None)
    assert land_row(client) == ("99,09", "97,00")
    assert not PublishedFigure.objects.filter(report=hidden).exists()
    report.refresh_from_db()
    assert "Đất đai: hài lòng 99.09% (109/110)" in report.published_summary


def test_the_upgrade_leaves_frozen_reports_alone(p05):
    before = list(PublishedFigure.objects.values_list("pk", flat=True))
    backfill(apps, None)
    assert list(PublishedFigure.objects.values_list("pk", flat=True)) == before


def test_the_report_page_shows_the_published_figures_and_their_change(
    p05, client, noivu_user, tmp_path
):
    call_command("import_data", "dossiers", str(write_csv(tmp_path / "d.csv", DOSSIERS)))
    reapprove(p05, noivu_user)
    client.force_login(noivu_user)
    body = client.get("/don-vi/P05/bao-cao/2021-Q1/").content.decode()
    assert 'id="published-summary"' in body and "đúng hạn 50.00% (1/2)" in body
    history = body.split('id="history"')[1]
    assert "Số liệu công khai cập nhật khi duyệt lại" in history
    assert "đúng hạn 97.00% (97/100)" in history


def test_the_admin_shows_the_frozen_figures_read_only(p05, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    body = client.get(f"/admin/indicators/quarterlyreport/{p05.pk}/change/").content.decode()
    assert "published_figures" in body and "99.09" in body.replace(",", ".")
