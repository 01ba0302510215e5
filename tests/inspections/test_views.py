import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from indicators.compliance.selectors import compliance_rows
from indicators.compliance.store import compliance_recompute
from indicators.followup.inspection_coverage import inspection_coverage
from inspections.models import CorrectiveAction, Finding, Inspection, RecognitionProposal
from units.models import Unit, User

from .factories import ActionFactory, FindingFactory, InspectionFactory

PDF = b"%PDF-1.4\n%test minutes\n"
ROLES = ["noivu_user", "leader_user", "admin_user_", "head_p01", "head_p02", None]


@pytest.fixture
def p01(plan):
    return Unit.objects.get(code="P01")


@pytest.fixture
def records(plan, p01):
    """A done inspection of P01 with a finding and an open action, a planned one, a proposal."""
    action = ActionFactory(finding__inspection__unit=p01)
    planned = InspectionFactory(unit=p01, status=Inspection.Status.PLANNED, plan=plan)
    proposal = RecognitionProposal.objects.create(plan=plan, unit=p01, kind="commend", reason="x")
    return {
        "inspection": action.finding.inspection,
        "finding": action.finding,
        "action": action,
        "planned": planned,
        "proposal": proposal,
    }


def _login(client, request, role):
    if role:
        client.force_login(request.getfixturevalue(role))


# (url builder, expected status per role: noivu, leader, admin, head of P01, head of P02)
PAGES = {
    "list": (lambda r: reverse("inspections:list"), [200, 200, 200, 200, 200]),
    "create": (lambda r: reverse("inspections:create"), [200, 403, 200, 403, 403]),
    "detail": (
        lambda r: reverse("inspections:detail", args=[r["inspection"].pk]),
        [200, 200, 200, 200, 404],
    ),
    "edit": (
        lambda r: reverse("inspections:edit", args=[r["inspection"].pk]),
        [200, 403, 200, 403, 404],
    ),
    "planned_detail": (
        lambda r: reverse("inspections:detail", args=[r["planned"].pk]),
        [200, 200, 200, 404, 404],
    ),
    "planned_remove": (
        lambda r: reverse("inspections:planned_remove", args=[r["planned"].pk]),
        [200, 403, 200, 404, 404],
    ),
    "my_actions": (lambda r: reverse("inspections:my_actions"), [200, 200, 200, 200, 200]),
    "action_close": (
        lambda r: reverse("inspections:action_close", args=[r["action"].pk]),
        [200, 403, 200, 200, 404],
    ),
    "planning": (
        lambda r: reverse("inspections:planning", args=["CCHC-2021"]),
        [200, 200, 200, 404, 404],
    ),
    "coverage": (
        lambda r: reverse("inspections:coverage", args=["CCHC-2021"]),
        [200, 200, 200, 404, 404],
    ),
    "proposals": (
        lambda r: reverse("inspections:proposals", args=["CCHC-2021"]),
        [200, 200, 200, 404, 404],
    ),
    "proposal_remove": (
        lambda r: reverse("inspections:proposal_remove", args=["CCHC-2021", r["proposal"].pk]),
        [200, 403, 200, 404, 404],
    ),
    "export": (
        lambda r: reverse("inspections:proposals_export", args=["CCHC-2021", "csv"]),
        [200, 200, 200, 404, 404],
    ),
}
CASES = [
    (page, role, (statuses + [302])[i])
    for page, (_, statuses) in PAGES.items()
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("page", "role", "expected"), CASES)
def test_access_by_role(client, request, records, page, role, expected):
    _login(client, request, role)
    response = client.get(PAGES[page][0](records))
    assert response.status_code == expected
    if expected == 302:
        assert reverse("login") in response["Location"]


def test_unit_head_list_shows_only_own_done_inspections(client, records, head_p02, head_p01):
    InspectionFactory(unit=Unit.objects.get(code="P02"), code="KT-P02")
    client.force_login(head_p01)
    body = client.get(reverse("inspections:list")).content.decode()
    assert records["inspection"].code in body
    assert records["planned"].code not in body
    assert "KT-P02" not in body


def test_unit_head_actions_show_only_own_unit(client, records, head_p02):
    ActionFactory(finding__inspection__unit=Unit.objects.get(code="P02"), title="Việc của P02")
    client.force_login(head_p02)
    body = client.get(reverse("inspections:my_actions")).content.decode()
    assert "Việc của P02" in body
    assert records["action"].title not in body


def test_list_filters_by_kind_and_quarter(client, noivu_user, p01):
    InspectionFactory(unit=p01, code="KT-Q2", date=dt.date(2021, 5, 1))
    InspectionFactory(unit=p01, code="KT-Q3", date=dt.date(2021, 8, 1))
    InspectionFactory(unit=p01, code="KT-CONDUCT", kind="conduct_surprise")
    client.force_login(noivu_user)
    body = client.get(
        reverse("inspections:list"), {"quarter": 2, "kind": "cchc_periodic"}
    ).content.decode()
    assert "KT-Q2" in body and "KT-Q3" not in body and "KT-CONDUCT" not in body


def test_list_is_paginated_with_bounded_queries(
    client, noivu_user, p01, django_assert_max_num_queries
):
    for n in range(30):
        InspectionFactory(unit=p01, code=f"KT-P-{n:02d}")
    client.force_login(noivu_user)
    with django_assert_max_num_queries(8):
        body = client.get(reverse("inspections:list")).content.decode()
    assert body.count('data-inspection="') == 25
    assert "Trang 1/2" in body


def test_list_empty_state(client, noivu_user):
    client.force_login(noivu_user)
    assert "Chưa có cuộc kiểm tra nào" in client.get(reverse("inspections:list")).content.decode()


# --- recording ---------------------------------------------------------------------------------


def _record_data(p01, **extra):
    data = {
        "kind": "cchc_surprise",
        "unit": p01.pk,
        "date": "2021-09-15",
        "lead": "Trần Thị B",
        "team": "Nguyễn Văn C",
        "scope": "Công tác CCHC",
        "head_responsibility": "on",
        "conclusion": "Cơ bản thực hiện tốt",
        "findings-TOTAL_FORMS": "2",
        "findings-INITIAL_FORMS": "0",
        "findings-MIN_NUM_FORMS": "0",
        "findings-MAX_NUM_FORMS": "1000",
        "findings-0-text": "Chưa công khai kết quả hài lòng quý 2",
        "findings-1-text": "",
    }
    data.update(extra)
    return data


def test_noivu_records_an_inspection_with_findings_and_minutes(
    client, noivu_user, p01, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(noivu_user)
    data = _record_data(p01, minutes=SimpleUploadedFile("bb.pdf", PDF, "application/pdf"))
    response = client.post(reverse("inspections:create"), data)
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert (inspection.status, inspection.head_responsibility) == ("done", True)
    assert inspection.code == "KT-2021-0001"
    assert [f.text for f in inspection.findings.all()] == ["Chưa công khai kết quả hài lòng quý 2"]
    download = client.get(reverse("inspections:minutes", args=[inspection.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bb.docx", PDF, "phải là tệp PDF"),
        ("bb.pdf", b"MZ not a pdf", "không phải là PDF"),
    ],
)
def test_minutes_must_be_a_real_pdf(client, noivu_user, p01, name, content, message):
    client.force_login(noivu_user)
    data = _record_data(p01, minutes=SimpleUploadedFile(name, content))
    response = client.post(reverse("inspections:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Chưa công khai kết quả hài lòng quý 2" in body  # what the user typed is kept
    assert not Inspection.objects.exists()


def test_minutes_over_the_size_limit_are_rejected(client, noivu_user, p01, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    client.force_login(noivu_user)
    data = _record_data(p01, minutes=SimpleUploadedFile("bb.pdf", PDF))
    body = client.post(reverse("inspections:create"), data).content.decode()
    assert "Tệp quá lớn" in body
    assert not Inspection.objects.exists()


def test_future_inspection_date_is_rejected(client, noivu_user, p01):
    client.force_login(noivu_user)
    with time_machine.travel(dt.datetime(2021, 9, 1, 9), tick=False):
        body = client.post(reverse("inspections:create"), _record_data(p01)).content.decode()
    assert "không được ở tương lai" in body
    assert not Inspection.objects.exists()


def test_planned_inspection_is_turned_into_done(client, noivu_user, p01, plan):
    planned = InspectionFactory(unit=p01, status="planned", plan=plan, code="KT-2021-0005")
    client.force_login(noivu_user)
    response = client.post(reverse("inspections:edit", args=[planned.pk]), _record_data(p01))
    planned.refresh_from_db()
    assert response.status_code == 302
    assert (planned.status, planned.code, planned.kind) == ("done", "KT-2021-0005", "cchc_surprise")


def test_leader_cannot_record(client, leader_user, p01):
    client.force_login(leader_user)
    assert client.post(reverse("inspections:create"), _record_data(p01)).status_code == 403
    assert not Inspection.objects.exists()


def test_minutes_of_another_unit_are_404(client, head_p02, p01, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inspection = InspectionFactory(unit=p01, minutes=SimpleUploadedFile("bb.pdf", PDF))
    client.force_login(head_p02)
    assert client.get(reverse("inspections:minutes", args=[inspection.pk])).status_code == 404


def test_minutes_missing_from_disk_are_404_not_500(client, noivu_user, p01, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inspection = InspectionFactory(unit=p01, minutes=SimpleUploadedFile("bb.pdf", PDF))
    Path(inspection.minutes.path).unlink()
    client.force_login(noivu_user)
    assert client.get(reverse("inspections:minutes", args=[inspection.pk])).status_code == 404


def test_noivu_adds_an_action_to_a_finding_with_htmx(client, noivu_user, p01):
    finding = FindingFactory(inspection__unit=p01)
    client.force_login(noivu_user)
    prefix = f"f{finding.pk}"
    response = client.post(
        reverse("inspections:action_add", args=[finding.pk]),
        {
            f"{prefix}-title": "Công khai kết quả",
            f"{prefix}-unit": p01.pk,
            f"{prefix}-due_on": "2021-06-30",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Công khai kết quả" in response.content.decode()
    assert CorrectiveAction.objects.get().unit == p01


def test_action_without_title_shows_error_and_changes_nothing(client, noivu_user, p01):
    finding = FindingFactory(inspection__unit=p01)
    client.force_login(noivu_user)
    prefix = f"f{finding.pk}"
    response = client.post(
        reverse("inspections:action_add", args=[finding.pk]),
        {f"{prefix}-title": "", f"{prefix}-unit": p01.pk, f"{prefix}-due_on": "30/06/2021"},
    )
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not CorrectiveAction.objects.exists()


def test_head_cannot_add_actions(client, head_p01, p01):
    finding = FindingFactory(inspection__unit=p01)
    client.force_login(head_p01)
    response = client.post(reverse("inspections:action_add", args=[finding.pk]), {})
    assert response.status_code == 403
    assert Finding.objects.count() == 1 and not CorrectiveAction.objects.exists()


# --- follow-up ---------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_head_closes_own_action_with_a_link(client, records, head_p01):
    client.force_login(head_p01)
    url = reverse("inspections:action_close", args=[records["action"].pk])
    response = client.post(url, {"closed_on": "2021-06-01", "evidence_link": "https://p01.vn/bc"})
    assert response.status_code == 302
    records["action"].refresh_from_db()
    assert records["action"].status == "closed"


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_closing_in_the_future_is_refused_and_keeps_input(client, records, head_p01):
    client.force_login(head_p01)
    url = reverse("inspections:action_close", args=[records["action"].pk])
    body = client.post(url, {"closed_on": "2021-10-02", "evidence_link": "https://p01.vn/bc"})
    body = body.content.decode()
    assert "không được ở tương lai" in body
    assert "https://p01.vn/bc" in body
    records["action"].refresh_from_db()
    assert records["action"].status == "open"


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_evidence_file_type_is_checked(client, records, head_p01):
    client.force_login(head_p01)
    url = reverse("inspections:action_close", args=[records["action"].pk])
    upload = SimpleUploadedFile("virus.exe", b"MZ")
    body = client.post(url, {"closed_on": "2021-06-01", "evidence_file": upload}).content.decode()
    assert "Định dạng tệp không được chấp nhận" in body


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_other_head_cannot_close(client, records, head_p02):
    client.force_login(head_p02)
    url = reverse("inspections:action_close", args=[records["action"].pk])
    response = client.post(url, {"closed_on": "2021-06-01", "evidence_link": "https://x.vn"})
    assert response.status_code == 404
    records["action"].refresh_from_db()
    assert records["action"].status == "open"


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_action_evidence_download_checks_access(
    client, records, head_p01, head_p02, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(head_p01)
    url = reverse("inspections:action_close", args=[records["action"].pk])
    client.post(
        url, {"closed_on": "2021-06-01", "evidence_file": SimpleUploadedFile("bc.pdf", PDF)}
    )
    download = reverse("inspections:action_evidence", args=[records["action"].pk])
    assert client.get(download)["Content-Disposition"].startswith("attachment")
    client.force_login(head_p02)
    assert client.get(download).status_code == 404


@time_machine.travel(dt.datetime(2021, 9, 30, 9), tick=False)
def test_action_evidence_missing_from_disk_is_404_not_500(
    client, records, head_p01, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(head_p01)
    url = reverse("inspections:action_close", args=[records["action"].pk])
    client.post(
        url, {"closed_on": "2021-06-01", "evidence_file": SimpleUploadedFile("bc.pdf", PDF)}
    )
    records["action"].refresh_from_db()
    Path(records["action"].evidence_file.path).unlink()
    download = reverse("inspections:action_evidence", args=[records["action"].pk])
    assert client.get(download).status_code == 404


# --- planning ----------------------------------------------------------------------------------

PLANNING = reverse("inspections:planning", args=["CCHC-2021"])


def test_planning_adds_a_unit_and_htmx_updates_the_projection(
    client, noivu_user, p01, time_machine
):
    time_machine.move_to(dt.datetime(2021, 10, 5, 9), tick=False)  # Q4 not over
    client.force_login(noivu_user)
    response = client.post(
        PLANNING, {"kind": "cchc_periodic", "quarter": "4", "unit": p01.pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'id="planning-panel"' in body and "<html" not in body
    assert 'data-target="INSP-WARD" data-numerator="1" data-denominator="12"' in body
    assert 'data-planned="P01"' in body
    assert Inspection.objects.get().date == dt.date(2021, 10, 1)


def test_planning_a_quarter_already_over_is_refused_and_keeps_the_entries(
    client, noivu_user, p01, time_machine
):
    time_machine.move_to(dt.datetime(2021, 10, 5, 9), tick=False)
    client.force_login(noivu_user)
    response = client.post(
        PLANNING,
        {"kind": "conduct_surprise", "quarter": "3", "unit": p01.pk, "date": "2021-09-20"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Quý 3/2021 đã kết thúc ngày 30/09/2021" in body
    form = response.context["form"]
    assert (form["kind"].value(), form["quarter"].value(), form["date"].value()) == (
        "conduct_surprise",
        "3",
        "2021-09-20",
    )
    assert str(form["unit"].value()) == str(p01.pk)
    assert not Inspection.objects.exists()


def test_planning_the_same_inspection_twice_names_the_first_and_keeps_the_entries(
    client, noivu_user, p01, time_machine
):
    time_machine.move_to(dt.datetime(2021, 10, 5, 9), tick=False)
    client.force_login(noivu_user)
    entries = {"kind": "cchc_periodic", "quarter": "4", "unit": p01.pk}
    client.post(PLANNING, entries)
    first = Inspection.objects.get()
    response = client.post(PLANNING, {**entries, "date": "2021-11-15"})
    body = response.content.decode()
    assert f"{first.code}, ngày 01/10/2021 (dự kiến). Không thêm lần thứ hai." in body
    assert response.context["form"]["date"].value() == "2021-11-15"
    assert Inspection.objects.count() == 1


def test_planning_suggests_units_not_yet_inspected(client, noivu_user, p01):
    InspectionFactory(unit=p01)
    client.force_login(noivu_user)
    body = client.get(PLANNING).content.decode()
    wards = body.split('data-suggest="ward"')[1].split("</div>")[0]
    assert "+ P02" in wards and "+ P01" not in wards


def test_planning_bad_unit_shows_message(client, noivu_user):
    client.force_login(noivu_user)
    body = client.post(PLANNING, {"kind": "cchc_periodic", "quarter": "2", "unit": "999999"})
    assert "Đơn vị không hợp lệ" in body.content.decode()
    assert not Inspection.objects.exists()


def test_leader_cannot_plan(client, leader_user, p01):
    client.force_login(leader_user)
    response = client.post(PLANNING, {"kind": "cchc_periodic", "quarter": "2", "unit": p01.pk})
    assert response.status_code == 403
    assert not Inspection.objects.exists()


def test_planned_inspection_is_removed_after_confirmation(client, noivu_user, records):
    client.force_login(noivu_user)
    url = reverse("inspections:planned_remove", args=[records["planned"].pk])
    assert "Xoá cuộc kiểm tra dự kiến" in client.get(url).content.decode()
    assert Inspection.objects.filter(pk=records["planned"].pk).exists()
    assert client.post(url).status_code == 302
    assert not Inspection.objects.filter(pk=records["planned"].pk).exists()


def test_done_inspection_cannot_be_removed(client, noivu_user, records):
    client.force_login(noivu_user)
    url = reverse("inspections:planned_remove", args=[records["inspection"].pk])
    assert client.post(url).status_code == 404


# --- coverage ----------------------------------------------------------------------------------


def test_coverage_page_figures_equal_the_selector(client, noivu_user, plan):
    wards = list(Unit.objects.wards().order_by("code"))
    for unit in wards[:4]:
        InspectionFactory(unit=unit, date=dt.date(2021, 3, 1))
    InspectionFactory(unit=wards[4], date=dt.date(2021, 9, 1))  # after the as-of date
    for unit in wards[:5]:
        InspectionFactory(unit=unit, kind="conduct_surprise", date=dt.date(2021, 2, 1))
    client.force_login(noivu_user)
    url = reverse("inspections:coverage", args=["CCHC-2021"])
    compliance_recompute(plan=plan, as_of=dt.date(2021, 8, 31))  # pages never compute
    body = client.get(url, {"as_of": "2021-08-31"}).content.decode()
    coverage = inspection_coverage(plan=plan, as_of=dt.date(2021, 8, 31))
    for group in coverage.groups:
        assert (
            f'data-target="{group.target}" data-numerator="{group.numerator}" '
            f'data-denominator="{group.denominator}"'
        ) in body
    assert 'data-target="INSP-WARD" data-numerator="4" data-denominator="12"' in body
    assert "33,33%" in body  # Vietnamese decimal comma
    assert 'data-period="2021-Q1" data-count="5"' in body
    assert 'data-period="2021-Q4"' not in body
    not_covered = body.split('data-not-covered="ward"')[1].split("</div>")[0]
    assert wards[4].name in not_covered and wards[0].name not in not_covered


def test_coverage_page_figures_equal_the_compliance_report(client, noivu_user, plan):
    agencies = list(Unit.objects.filter(kind=Unit.Kind.AGENCY).order_by("code"))
    InspectionFactory(unit=agencies[0], kind="cchc_surprise", date=dt.date(2021, 4, 2))
    InspectionFactory(unit=agencies[1], date=dt.date(2021, 6, 30))
    InspectionFactory(unit=agencies[2], date=dt.date(2021, 7, 1))  # after the as-of date
    InspectionFactory(unit=agencies[3], kind="conduct_surprise", date=dt.date(2021, 5, 5))
    as_of = dt.date(2021, 6, 30)
    client.force_login(noivu_user)
    url = reverse("inspections:coverage", args=["CCHC-2021"])
    compliance_recompute(plan=plan, as_of=as_of)  # pages never compute
    body = client.get(url, {"as_of": as_of.isoformat()}).content.decode()
    rows = [r for r in compliance_rows(plan=plan, as_of=as_of) if r["target"].startswith("INSP")]

    for r in rows:
        if r["target"] == "INSP-CONDUCT-Q":
            assert f'data-period="{r["period"]}" data-count="{r["numerator"]}"' in body
        else:
            assert (
                f'data-target="{r["target"]}" data-numerator="{r["numerator"]}" '
                f'data-denominator="{r["denominator"]}"'
            ) in body
    assert 'data-target="INSP-AGENCY" data-numerator="2" data-denominator="12"' in body


@time_machine.travel(dt.datetime(2021, 5, 20, 9), tick=False)
def test_coverage_defaults_to_the_plan_as_of(client, noivu_user, plan):
    compliance_recompute(plan=plan, as_of=dt.date(2021, 5, 20))  # pages never compute
    client.force_login(noivu_user)
    body = client.get(reverse("inspections:coverage", args=["CCHC-2021"])).content.decode()
    assert 'value="20/05/2021"' in body
    assert 'data-period="2021-Q2"' in body and 'data-period="2021-Q3"' not in body


# --- proposals ---------------------------------------------------------------------------------

PROPOSALS = reverse("inspections:proposals", args=["CCHC-2021"])


def test_noivu_adds_a_proposal_from_a_suggestion(client, noivu_user, plan):
    """Changed: P03 is late on its tasks, so the one V.2.5 rule criticises it (with the
    inspection whose corrective action is overdue) where it used to be commended."""
    action = ActionFactory(finding__inspection__unit=Unit.objects.get(code="P03"))
    inspection = action.finding.inspection
    client.force_login(noivu_user)
    body = client.get(PROPOSALS).content.decode()
    assert 'data-suggestion="P03-criticise"' in body
    assert f'name="inspection" value="{inspection.pk}"' in body
    response = client.post(
        PROPOSALS,
        {
            "unit": inspection.unit.pk,
            "kind": "criticise",
            "reason": "Khắc phục quá hạn",
            "inspection": inspection.pk,
        },
    )
    assert response.status_code == 302
    assert RecognitionProposal.objects.get().inspection == inspection
    assert 'data-suggestion="P03-criticise"' not in client.get(PROPOSALS).content.decode()


def test_proposal_without_reason_keeps_input(client, noivu_user, p01):
    client.force_login(noivu_user)
    body = client.post(
        PROPOSALS, {"unit": p01.pk, "kind": "remind", "reason": "", "person": "Ông Lê Văn D"}
    ).content.decode()
    assert "Ông Lê Văn D" in body and "invalid-feedback" in body
    assert not RecognitionProposal.objects.exists()


def test_proposal_is_removed_after_confirmation(client, noivu_user, records):
    client.force_login(noivu_user)
    url = reverse("inspections:proposal_remove", args=["CCHC-2021", records["proposal"].pk])
    assert client.get(url).status_code == 200
    assert RecognitionProposal.objects.exists()
    client.post(url)
    assert not RecognitionProposal.objects.exists()


def test_export_xlsx_and_csv(client, noivu_user, plan, p01):
    inspection = InspectionFactory(unit=p01, code="KT-2021-0009")
    RecognitionProposal.objects.create(
        plan=plan, unit=p01, kind="criticise", reason="=cmd|' /C calc'!A0", inspection=inspection
    )
    client.force_login(noivu_user)
    xlsx = client.get(reverse("inspections:proposals_export", args=["CCHC-2021", "xlsx"]))
    assert xlsx["Content-Disposition"] == 'attachment; filename="de-xuat-CCHC-2021.xlsx"'
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["C3"].value == p01.name
    assert sheet["F3"].value.startswith("'=")
    assert sheet["G3"].value.startswith("KT-2021-0009 http")
    csv_body = client.get(reverse("inspections:proposals_export", args=["CCHC-2021", "csv"]))
    assert "'=cmd" in csv_body.content.decode("utf-8-sig")


def test_export_unknown_format_is_404(client, noivu_user):
    client.force_login(noivu_user)
    url = reverse("inspections:proposals_export", args=["CCHC-2021", "pdf"])
    assert client.get(url).status_code == 404


def test_nav_shows_inspections_for_noivu_and_actions_for_heads(client, noivu_user, head_p01):
    client.force_login(noivu_user)
    assert (
        f'href="{reverse("inspections:list")}"'
        in client.get(reverse("inspections:list")).content.decode()
    )
    client.force_login(head_p01)
    body = client.get(reverse("inspections:my_actions")).content.decode()
    assert f'<a class="nav-link" href="{reverse("inspections:my_actions")}">' in body


@pytest.mark.parametrize("name", ["planning", "coverage", "proposals"])
def test_district_pages_run_bounded_queries(
    client, noivu_user, plan, name, django_assert_max_num_queries
):
    for unit in Unit.objects.wards():
        ActionFactory(finding__inspection__unit=unit)
        InspectionFactory(unit=unit, status="planned")
    compliance_recompute(plan=plan, as_of=plan.default_as_of())  # pages read stored results
    client.force_login(noivu_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse(f"inspections:{name}", args=["CCHC-2021"])).status_code == 200


@time_machine.travel(dt.datetime(2021, 7, 5, 9), tick=False)
def test_an_overdue_action_reads_the_same_on_every_page(client, noivu_user, records):
    """The inspection page and the follow-up list both use plans.statuses.action_status."""
    action = records["action"]  # due 30/06/2021, still open on 05/07/2021
    client.force_login(noivu_user)
    detail = client.get(reverse("inspections:detail", args=[records["inspection"].pk]))
    listed = client.get(reverse("inspections:my_actions"))
    for body in (detail.content.decode(), listed.content.decode()):
        row = body.split(f'data-action="{action.pk}"')[1].split("</tr>")[0]
        assert 'data-status="overdue"' in row and "Quá hạn" in row
        assert "Đang khắc phục" not in row


@time_machine.travel(dt.datetime(2021, 7, 5, 9), tick=False)
def test_the_unit_home_shows_the_same_action_status(client, records):
    """The unit head's home page shows the action's status from the same rule."""
    action = records["action"]
    head = User.objects.create_user("head-action", password="x", unit=action.unit, role="unit_head")
    client.force_login(head)
    body = client.get(reverse("unit_home")).content.decode()
    item = body.split(f'data-item="action-{action.pk}"')[1].split("</li>")[0]
    assert action.title in item and "Quá hạn" in item and "Đang khắc phục" not in item
