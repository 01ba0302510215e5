import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from indicators.models import (
    Initiative,
    QuarterlyReport,
    ReportFigure,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from plans.models import Assignment
from tests.factories import DossierFactory
from tests.indicators.report_helpers import PDF, field, pdf, report
from units.models import Unit

S = QuarterlyReport.Status
pytestmark = pytest.mark.django_db
DETAIL = reverse("report_detail", args=["P01", "2021-Q2"])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2021, 7, 2, 9), tick=False):
        yield


def _form_data(client, url=DETAIL, **changes):
    """The report form as the page renders it, with some inputs changed."""
    response = client.get(url)
    data = {}
    for bf in response.context["form"]:
        data[bf.html_name] = bf.value() if bf.value() is not None else ""
    formset = response.context["formset"]
    for key, value in formset.management_form.initial.items():
        data[f"figures-{key}"] = value
    for form in formset.forms:
        for bf in form:
            data[bf.html_name] = bf.value()
    data.update(changes)
    return data


def _civil_index(client):
    rows = client.get(DETAIL).context["figure_rows"]
    return next(i for i, (row, *_) in enumerate(rows) if row.field.code == "civil-status")


def test_unit_head_index_redirects_to_own_unit(client, head_p01):
    client.force_login(head_p01)
    response = client.get(reverse("my_unit_index"))
    assert response["Location"] == reverse("my_unit", args=["P01"])


def test_noivu_index_is_a_unit_picker(client, noivu_user):
    client.force_login(noivu_user)
    body = client.get(reverse("my_unit_index")).content.decode()
    assert reverse("my_unit", args=["P-VTS"]) in body


def test_my_unit_lists_quarters_with_status_and_due_date(client, plan, head_p01):
    report(plan, period="2021-Q1", status=S.SUBMITTED)
    client.force_login(head_p01)
    body = client.get(reverse("my_unit", args=["P01"])).content.decode()
    row = body.split('data-period="2021-Q1"')[1].split("</tr>")[0]
    assert 'data-status="submitted"' in row
    assert "05/04/2021" in row  # 31/03 + 5 days of grace
    assert "25/10/2021" in body.split('data-period="2021-Q4"')[1].split("</tr>")[0]


def test_my_unit_lists_assignments_by_due_date(client, head_p01):
    client.force_login(head_p01)
    response = client.get(reverse("my_unit", args=["P01"]))
    dues = [a.due_on for a, _, _ in response.context["rows"]]
    assert dues and dues == sorted(dues)


def test_mark_assignment_done_with_link(client, head_p01):
    assignment = Assignment.objects.filter(unit__code="P01").first()
    client.force_login(head_p01)
    p = f"a{assignment.pk}"
    response = client.post(
        reverse("assignment_complete", args=["P01", assignment.pk]),
        {f"{p}-completed_on": "30/06/2021", f"{p}-evidence_link": "https://p01.vn/x"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "done" and assignment.completed_on == dt.date(2021, 6, 30)


def test_mark_assignment_done_in_future_keeps_input(client, head_p01):
    assignment = Assignment.objects.filter(unit__code="P01").first()
    client.force_login(head_p01)
    p = f"a{assignment.pk}"
    response = client.post(
        reverse("assignment_complete", args=["P01", assignment.pk]),
        {f"{p}-completed_on": "2021-07-03", f"{p}-note": "ghi chú của tôi"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "không được sau hôm nay" in body
    assert "ghi chú của tôi" in body
    assignment.refresh_from_db()
    assert assignment.status == "pending"


def test_report_page_for_new_quarter_shows_empty_form(client, head_p01):
    client.force_login(head_p01)
    response = client.get(DETAIL)
    assert response.status_code == 200
    assert 'id="report-form"' in response.content.decode()
    assert not QuarterlyReport.objects.exists()  # GET writes nothing


def test_reading_pages_of_a_new_quarter_creates_nothing_and_saving_creates_the_report(
    client, head_p01
):
    client.force_login(head_p01)
    pages = [
        DETAIL,
        reverse("report_submit", args=["P01", "2021-Q2"]),
        reverse("my_unit", args=["P01"]),
        reverse("my_unit_index"),
    ]
    for url in pages:
        assert client.get(url, follow=True).status_code == 200, url
    assert not QuarterlyReport.objects.exists()
    i = _civil_index(client)
    response = client.post(DETAIL, _form_data(client, **{f"figures-{i}-received_direct": "7"}))
    assert response.status_code == 302
    saved = QuarterlyReport.objects.get(unit__code="P01", period="2021-Q2")
    assert saved.status == S.DRAFT
    assert ReportFigure.objects.get(report=saved, field=field()).received_direct == 7


def test_saving_a_draft_writes_figures_and_survey(client, head_p01):
    client.force_login(head_p01)
    i = _civil_index(client)
    data = _form_data(
        client,
        **{
            f"figures-{i}-received_direct": "12",
            f"figures-{i}-resolved_late": "1",
            f"figures-{i}-resolved_on_time": "9",
            f"figures-{i}-responses": "40",
            f"figures-{i}-satisfied": "38",
            "feedback_received": "2",
            "feedback_handled": "2",
        },
    )
    response = client.post(DETAIL, data)
    assert response.status_code == 302
    figure = ReportFigure.objects.get(field=field())
    assert (figure.received_direct, figure.resolved_on_time) == (12, 9)
    assert SatisfactionSurvey.objects.get(field=field(), period="2021-Q2").satisfied == 38


def test_satisfied_above_responses_is_shown_next_to_the_field(client, head_p01):
    client.force_login(head_p01)
    i = _civil_index(client)
    data = _form_data(client, **{f"figures-{i}-responses": "10", f"figures-{i}-satisfied": "11"})
    response = client.post(DETAIL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-error-for="figures-{i}-satisfied"' in body
    assert "không được lớn hơn số phiếu khảo sát" in body
    assert 'value="11"' in body
    assert not QuarterlyReport.objects.exists() and not ReportFigure.objects.exists()


def test_handled_feedback_above_received_is_rejected(client, head_p01):
    client.force_login(head_p01)
    response = client.post(DETAIL, _form_data(client, feedback_received="3", feedback_handled="5"))
    assert response.status_code == 200
    assert 'data-error-for="feedback_handled"' in response.content.decode()


def test_non_number_keeps_what_was_typed(client, head_p01):
    client.force_login(head_p01)
    response = client.post(DETAIL, _form_data(client, feedback_received="mười"))
    body = response.content.decode()
    assert "Vui lòng nhập một số nguyên" in body
    assert 'value="mười"' in body


def test_publication_before_the_quarter_is_rejected(client, head_p01):
    client.force_login(head_p01)
    response = client.post(
        DETAIL,
        _form_data(client, publication_url="https://p01.vn/hl", published_on="2021-03-31"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày công khai kết quả Quý 2/2021 phải từ 01/04/2021 đến 30/07/2021" in page
    assert "https://p01.vn/hl" in page  # the entry is kept


def test_publication_just_after_the_quarter_is_accepted(client, head_p01):
    client.force_login(head_p01)
    client.post(
        DETAIL,
        _form_data(client, publication_url="https://p01.vn/hl", published_on="2021-07-01"),
    )
    assert SatisfactionPublication.objects.get(period="2021-Q2").published_on == dt.date(2021, 7, 1)


def test_fields_with_dossiers_are_read_only(client, head_p01):
    DossierFactory(
        unit=Unit.objects.get(code="P01"),
        field=field(),
        received_on=dt.date(2021, 4, 5),
        due_on=dt.date(2021, 4, 15),
        resolved_on=dt.date(2021, 4, 14),
    )
    client.force_login(head_p01)
    i = _civil_index(client)
    response = client.get(DETAIL)
    row = response.content.decode().split('data-field="civil-status"')[1].split("</tr>")[0]
    assert "từ dữ liệu hồ sơ" in row
    assert f'name="figures-{i}-received_direct"' in row and "disabled" in row
    client.post(DETAIL, _form_data(client, **{f"figures-{i}-received_direct": "50"}))
    assert client.get(DETAIL).context["figure_rows"][i][0].values["received_direct"] == 1


def test_submit_has_a_confirmation_step(client, head_p01):
    client.force_login(head_p01)
    url = reverse("report_submit", args=["P01", "2021-Q2"])
    assert "Xác nhận nộp" in client.get(url).content.decode()
    assert not QuarterlyReport.objects.exists()
    client.post(url)
    assert QuarterlyReport.objects.get().status == S.SUBMITTED


def test_submitted_report_has_no_form_for_the_unit_head(client, plan, head_p01):
    report(plan, period="2021-Q2", status=S.SUBMITTED)
    client.force_login(head_p01)
    assert 'id="report-form"' not in client.get(DETAIL).content.decode()


def test_post_to_approved_report_changes_nothing(client, plan, head_p01):
    r = report(plan, period="2021-Q2", status=S.APPROVED)
    client.force_login(head_p01)
    response = client.post(DETAIL, {"feedback_received": "9"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.feedback_received == 0


def test_noivu_return_needs_a_comment(client, plan, noivu_user):
    r = report(plan, period="2021-Q2", status=S.SUBMITTED)
    client.force_login(noivu_user)
    response = client.post(reverse("report_return", args=["P01", "2021-Q2"]), {"comment": ""})
    assert response.status_code == 200
    assert "Vui lòng nêu lý do trả lại" in response.content.decode()
    r.refresh_from_db()
    assert r.status == S.SUBMITTED


def test_noivu_returns_with_comment_shown_to_unit(client, plan, noivu_user, head_p01):
    report(plan, period="2021-Q2", status=S.SUBMITTED)
    client.force_login(noivu_user)
    client.post(reverse("report_return", args=["P01", "2021-Q2"]), {"comment": "Thiếu đất đai"})
    client.force_login(head_p01)
    body = client.get(DETAIL).content.decode()
    assert "Thiếu đất đai" in body and 'id="report-form"' in body


def test_noivu_approves_and_page_says_who(client, plan, noivu_user):
    report(plan, period="2021-Q2", status=S.SUBMITTED)
    client.force_login(noivu_user)
    client.post(reverse("report_approve", args=["P01", "2021-Q2"]))
    body = client.get(DETAIL).content.decode()
    assert "Duyệt bởi" in body and "noivu" in body and "02/07/2021" in body


def test_noivu_reopens_with_reason(client, plan, noivu_user):
    r = report(plan, period="2021-Q2", status=S.APPROVED)
    client.force_login(noivu_user)
    url = reverse("report_reopen", args=["P01", "2021-Q2"])
    assert client.post(url, {"reason": ""}).status_code == 200
    client.post(url, {"reason": "Sai số phiếu"})
    r.refresh_from_db()
    assert r.status == S.RETURNED


def test_noivu_publishes_and_unpublishes(client, plan, noivu_user):
    r = report(plan, period="2021-Q2", status=S.APPROVED)
    client.force_login(noivu_user)
    url = reverse("report_publish", args=["P01", "2021-Q2"])
    client.post(url, {"published": "1"})
    r.refresh_from_db()
    assert r.published
    client.post(url, {"published": "0"})
    r.refresh_from_db()
    assert not r.published


def test_leader_reads_without_forms(client, plan, leader_user):
    report(plan, period="2021-Q2", status=S.SUBMITTED)
    client.force_login(leader_user)
    body = client.get(DETAIL).content.decode()
    assert '<form method="post" id="report-form"' not in body
    assert "report_approve" not in body and 'id="return-form"' not in body


def test_add_initiative_with_pdf_and_download_it(client, head_p01):
    client.force_login(head_p01)
    url = reverse("report_evidence_add", args=["P01", "2021-Q2", "initiative"])
    response = client.post(
        url,
        {
            "initiative-title": "Tổ hỗ trợ",
            "initiative-date": "2021-05-03",
            "initiative-evidence_file": pdf(),
        },
    )
    assert response.status_code == 302
    item = Initiative.objects.get()
    download = client.get(reverse("evidence_file", args=["initiative", item.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    assert "Tổ hỗ trợ" in client.get(DETAIL).content.decode()


def test_file_with_wrong_content_is_rejected_and_title_kept(client, head_p01):
    client.force_login(head_p01)
    url = reverse("report_evidence_add", args=["P01", "2021-Q2", "outreach"])
    response = client.post(
        url,
        {
            "outreach-title": "Tờ rơi",
            "outreach-date": "2021-05-03",
            "outreach-evidence_file": pdf("anh.png", b"<html>not an image</html>"),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung tệp không đúng định dạng PNG" in body
    assert 'value="Tờ rơi"' in body


def test_file_of_a_forbidden_type_is_rejected(client, head_p01):
    client.force_login(head_p01)
    url = reverse("report_evidence_add", args=["P01", "2021-Q2", "outreach"])
    response = client.post(
        url,
        {
            "outreach-title": "X",
            "outreach-date": "2021-05-03",
            "outreach-evidence_file": pdf("virus.exe", b"MZ"),
        },
    )
    assert "Chỉ chấp nhận tệp" in response.content.decode()


def test_file_too_large_is_rejected(client, head_p01, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    client.force_login(head_p01)
    url = reverse("report_evidence_add", args=["P01", "2021-Q2", "outreach"])
    response = client.post(
        url, {"outreach-title": "X", "outreach-date": "2021-05-03", "outreach-evidence_file": pdf()}
    )
    assert "Tệp quá lớn" in response.content.decode()


def test_history_table_shows_old_and_new(client, head_p01):
    client.force_login(head_p01)
    i = _civil_index(client)
    client.post(DETAIL, _form_data(client, **{f"figures-{i}-received_direct": "5"}))
    client.post(DETAIL, _form_data(client, **{f"figures-{i}-received_direct": "8"}))
    table = client.get(DETAIL).content.decode().split('id="history"')[1]
    assert "head-p01" in table and "<td>5</td><td>8</td>" in table


def test_report_list_filters_and_counts(client, plan, noivu_user):
    report(plan, code="P01", period="2021-Q1", status=S.SUBMITTED)
    report(plan, code="P02", period="2021-Q1", status=S.DRAFT)
    report(plan, code="P03", period="2021-Q2", status=S.APPROVED)
    client.force_login(noivu_user)
    url = reverse("report_list")
    response = client.get(url, {"period": "2021-Q1", "status": "submitted"})
    assert [r.unit.code for r in response.context["page"]] == ["P01"]
    expected = Unit.objects.below_scope().filter(active_to=None).count()
    counts = {c["period"].code: c for c in response.context["counts"]}
    assert (counts["2021-Q1"]["submitted"], counts["2021-Q1"]["expected"]) == (1, expected)
    assert counts["2021-Q2"]["submitted"] == 1


def test_report_list_is_paginated(client, plan, noivu_user):
    for period in ("2021-Q1", "2021-Q2"):
        for unit in Unit.objects.below_scope().filter(active_to=None)[:15]:
            report(plan, code=unit.code, period=period)
    client.force_login(noivu_user)
    response = client.get(reverse("report_list"), {"status": "all"})
    assert len(response.context["page"]) == 25 and response.context["page"].has_next()


def test_report_list_empty_state(client, plan, leader_user):
    client.force_login(leader_user)
    assert "Không có báo cáo nào chờ duyệt" in client.get(reverse("report_list")).content.decode()
    body = client.get(reverse("report_list"), {"status": "all"}).content.decode()
    assert "Không có báo cáo nào phù hợp" in body


def test_report_page_query_count_is_bounded(client, plan, head_p01, django_assert_max_num_queries):
    r = report(plan, period="2021-Q2")
    for code in ("land", "civil-status", "business"):
        ReportFigure.objects.create(report=r, field=field(code), received_direct=3)
    client.force_login(head_p01)
    with django_assert_max_num_queries(25):
        client.get(DETAIL)


def test_my_unit_query_count_is_bounded(client, plan, head_p01, django_assert_max_num_queries):
    for period in ("2021-Q1", "2021-Q2"):
        report(plan, period=period)
    client.force_login(head_p01)
    with django_assert_max_num_queries(15):
        client.get(reverse("my_unit", args=["P01"]))


def test_quarter_past_due_without_submission_is_marked_overdue(client, plan, head_p01):
    report(plan, period="2021-Q2", status=S.SUBMITTED)
    client.force_login(head_p01)
    body = client.get(reverse("my_unit", args=["P01"])).content.decode()
    assert 'data-status="overdue"' in body.split('data-period="2021-Q1"')[1].split("</tr>")[0]
    assert 'data-status="submitted"' in body.split('data-period="2021-Q2"')[1].split("</tr>")[0]


def test_history_shows_status_changes_by_label(client, plan, head_p01):
    client.force_login(head_p01)
    client.post(reverse("report_submit", args=["P01", "2021-Q2"]))
    table = client.get(DETAIL).content.decode().split('id="history"')[1]
    assert "<td>Nháp</td><td>Đã nộp</td>" in table


def test_report_list_query_count_is_bounded(
    client, plan, noivu_user, django_assert_max_num_queries
):
    for unit in Unit.objects.below_scope().filter(active_to=None)[:20]:
        report(plan, code=unit.code, status=S.SUBMITTED)
    client.force_login(noivu_user)
    with django_assert_max_num_queries(11):
        client.get(reverse("report_list"))
