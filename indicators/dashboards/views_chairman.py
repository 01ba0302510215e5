"""The Chairman's report on the plan: web, printable, Word (DOCX) and XLSX."""

from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from common.official_document import DOCX, MOTTO, NATION
from indicators.compliance.selectors import results_computed_at
from indicators.compliance.services import results_request
from indicators.dashboards.chairman import chairman_report
from indicators.dashboards.chairman_docx import chairman_report_docx
from indicators.dashboards.views import current_plan_redirect, parse_as_of, staff_only
from plans.selectors import plan_get
from plans.statuses import status_label, task_status

TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {year}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


chairman_report_current = current_plan_redirect("chairman_report")


@staff_only
def chairman_report_view(request, plan_code):
    plan = plan_get(code=plan_code)
    as_of, as_of_error = parse_as_of(request.GET.get("as_of"), plan=plan)
    results_ready = results_request(plan=plan, as_of=as_of)
    report = chairman_report(plan=plan, as_of=as_of)
    if request.GET.get("format") == "xlsx" and results_ready:
        buffer = BytesIO()
        chairman_report_xlsx(report).save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="bao-cao-chu-tich-{plan.code}-{as_of:%Y%m%d}.xlsx"'
        )
        return response
    if request.GET.get("format") == "docx" and results_ready:
        response = HttpResponse(chairman_report_docx(report), content_type=DOCX)
        response["Content-Disposition"] = (
            f'attachment; filename="bao-cao-chu-tich-{plan.code}-{as_of:%Y%m%d}.docx"'
        )
        return response
    return render(
        request,
        "indicators/chairman/report.html",
        {
            **report,
            "as_of_error": as_of_error,
            "results_ready": results_ready,
            "computed_at": results_computed_at(plan=plan, as_of=as_of),
        },
    )


def chairman_report_xlsx(report) -> Workbook:
    """One sheet: every clause, its tasks (done/total, overdue) and targets, with the units
    behind each shortfall."""
    plan, as_of = report["plan"], report["as_of"]
    wb = Workbook()
    ws = wb.active
    ws.title = "Bao cao"
    letterhead = report["letterhead"]
    ws.append([report["issuing_body"], "", "", NATION])
    ws.append([letterhead.number, "", "", MOTTO])
    ws.append(["", "", "", letterhead.date_line])
    ws.append([TITLE.format(year=plan.year)])
    ws["A4"].font = Font(bold=True, size=13)
    ws.append([_("Tính đến ngày %(date)s") % {"date": f"{as_of:%d/%m/%Y}"}])
    ws.append([])
    header = [
        _("Mục"),
        _("Loại"),
        _("Nội dung"),
        _("Kết quả"),
        _("Ngưỡng"),
        _("Đánh giá"),
        _("Quá hạn / chưa đạt"),
        _("Đơn vị chưa đạt, quá hạn"),
    ]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for item in report["clauses"]:
        c = item.clause
        ws.append([c.label, _("Mục"), c.heading or c.text])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for task, units in item.tasks:
            ws.append(
                [
                    c.label,
                    _("Nhiệm vụ"),
                    task.title,
                    f"{task.n_done}/{task.n_assignments}",
                    "",
                    status_label(
                        task_status(
                            n_assignments=task.n_assignments,
                            n_done=task.n_done,
                            n_overdue=task.n_overdue,
                        )
                    ),
                    task.n_overdue,
                    ", ".join(units),
                ]
            )
        for line, units in item.targets:
            value = "" if line.value is None else float(line.value)
            ws.append(
                [
                    c.label,
                    _("Chỉ tiêu"),
                    f"{line.target.code} – {line.target.title} ({line.period.label})",
                    value,
                    f"{line.target.comparator_sign} {line.threshold}",
                    status_label(line.status),
                    len(units),
                    ", ".join(units),
                ]
            )
    for col, width in zip("ABCDEFGH", (10, 12, 70, 12, 10, 16, 12, 50), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=8):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
        row[7].alignment = Alignment(wrap_text=True, vertical="top")
    return wb
