"""Public transparency page (Plan II.7, V.3.1): no login, only approved and published figures."""

import csv
from io import BytesIO

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.cells import cell_text
from indicators.dashboards.public import (
    PublicFilters,
    public_filters_parse,
    public_page_data,
    public_rows,
)
from plans.models import Plan
from plans.selectors import plan_current, plan_get

PUBLIC_PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def public_current(request):
    """The current plan's page, with the query asked (`/cong-khai/?format=csv` is the CSV)."""
    plan = plan_current()
    if plan is None:
        return render(request, "plans/no_plan.html")
    url = reverse("public", args=[plan.code])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def public(request, plan_code):
    plan = plan_get(code=plan_code)
    # The figures frozen when each report was approved, never the live results (Plan II.7).
    data = public_page_data(plan=plan)
    filters, errors = public_filters_parse(plan=plan, params=request.GET, fields=data["fields"])
    rows = public_rows(data=data, filters=filters)
    download = request.GET.get("format")
    if download == "csv":
        return _csv(plan, filters, rows)
    if download == "xlsx":
        return _xlsx(plan, filters, rows)
    page_obj = Paginator(rows["units"], PUBLIC_PAGE_SIZE).get_page(request.GET.get("page") or 1)
    return render(
        request,
        "indicators/public/public.html",
        {
            "plan": plan,
            "figures": rows,
            "published_any": bool(data["district"] or data["units"]),
            "page_obj": page_obj,
            "approved_at": data["approved_at"],
            "filters": filters,
            "filter_errors": errors,
            "quarters": plan.quarters(),
            "fields": data["fields"],
            "csv_query": filters.query(format="csv"),
            "xlsx_query": filters.query(format="xlsx"),
        },
    )


def _rate_text(value) -> str:
    # as the page writes it: "93,50" in Vietnamese, "93.50" in English
    return "" if value is None else number_format(value, 2)


def _table(rows: dict, rate=lambda value: value) -> tuple[list[str], list[list]]:
    """The downloads' header and rows (district first), each rate written by `rate` (kept a
    Decimal or None by default)."""
    header = [
        _("Mã đơn vị"),
        _("Đơn vị"),
        _("Quý"),
        _("Mã lĩnh vực"),
        _("Lĩnh vực"),
        _("Tỷ lệ hài lòng (%)"),
        _("Tỷ lệ đúng hạn (%)"),
    ]
    body = [
        [
            cell_text(row.unit_code),
            cell_text(row.unit_name),
            cell_text(row.period),
            cell_text(row.field_code),
            cell_text(row.field_name or _("Tất cả lĩnh vực")),
            rate(row.satisfaction),
            rate(row.ontime),
        ]
        for row in [*rows["district"], *rows["units"]]
    ]
    return header, body


def _filename(plan: Plan, filters: PublicFilters, extension: str) -> str:
    parts = ["cong-khai", plan.code, filters.period]
    return "-".join(p for p in parts if p) + f".{extension}"


def _csv(plan, filters, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, filters, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    header, body = _table(rows, rate=_rate_text)
    writer.writerows([header, *body])
    return response


def _xlsx(plan, filters, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "Cong khai"
    header, body = _table(rows)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for line in body:
        ws.append(line)
        for cell in ws[ws.max_row][5:]:
            cell.number_format = "0.00"
    for col, width in zip("ABCDEFG", (10, 36, 10, 14, 30, 18, 18), strict=True):
        ws.column_dimensions[col].width = width
    buffer = BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, filters, "xlsx")}"'
    return response
