"""Public transparency page (Plan II.7, V.3.1): no login, only approved and published figures."""

import csv
import dataclasses
import hashlib
from io import BytesIO

from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.cells import cell_text
from indicators.dashboards.public import (
    PublicFilters,
    public_filters_parse,
    public_page_data,
    public_page_head,
    public_rows,
)
from indicators.reports.public_cache import public_cached
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
    download = request.GET.get("format")
    if download in ("csv", "xlsx"):
        _head, filters, _errors = _asked(request, plan=plan)
        rows = public_rows(data=public_page_data(plan=plan), filters=filters)
        return (_csv if download == "csv" else _xlsx)(plan, filters, rows)
    if not _same_for_every_visitor(request):
        return _page(request, plan=plan)
    # An anonymous visit: the whole page is kept until the next publication, with a slot for
    # the visitor's own CSRF token (the language form and htmx post with it).
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    html = public_cached(
        plan_id=plan.pk,
        part=f"page:{get_language()}:{path}",
        compute=lambda: _page(request, plan=plan, csrf_token=CSRF_SLOT).content.decode(),
    )
    return HttpResponse(html.replace(CSRF_SLOT, get_token(request)))


# Stands for the visitor's CSRF token in a page kept for every anonymous visitor.
CSRF_SLOT = "csrf-slot-for-this-visitor"


def _same_for_every_visitor(request) -> bool:
    """Anonymous, with no message waiting and only the page's own parameters: the page is
    the same for every such visitor."""
    return (
        not request.user.is_authenticated
        and set(request.GET) <= PUBLIC_QUERY
        and not len(get_messages(request))
    )


def _asked(request, *, plan: Plan) -> tuple[dict, PublicFilters, list[str]]:
    """The page's head (`public_page_head`), and the filters asked with their errors."""
    head = public_page_head(plan=plan)
    filters, errors = public_filters_parse(plan=plan, params=request.GET, fields=head["fields"])
    return head, filters, errors


def _page(request, *, plan: Plan, **context):
    # The figures frozen when each report was approved, never the live results (Plan II.7).
    head, filters, errors = _asked(request, plan=plan)

    def rows() -> dict:
        return public_rows(data=public_page_data(plan=plan), filters=filters)

    return render(
        request,
        "indicators/public/public.html",
        {
            "plan": plan,
            "figures_html": _figures_html(
                request, plan=plan, rows=rows, published_any=head["published_any"]
            ),
            "approved_at": head["approved_at"],
            "filters": filters,
            "filter_errors": errors,
            "quarters": plan.quarters(),
            "fields": head["fields"],
            "csv_query": filters.query(format="csv"),
            "xlsx_query": filters.query(format="xlsx"),
            **context,
        },
    )


# What the page's own form and links ask: its filters and the page number.
PUBLIC_QUERY = {field.name for field in dataclasses.fields(PublicFilters)} | {"page"}


def _figures_html(request, *, plan: Plan, rows, published_any: bool) -> str:
    """The figures' tables, rendered once per language, filters and page and kept until the
    next publication (`public_cached`): most of a visit's work, and the same for every visitor.
    A query with other parameters is rendered afresh (its links carry them)."""

    def render_figures() -> str:
        figures = rows()
        page = Paginator(figures["units"], PUBLIC_PAGE_SIZE).get_page(request.GET.get("page") or 1)
        context = {
            "plan": plan,
            "figures": figures,
            "page_obj": page,
            "published_any": published_any,
        }
        return render_to_string("indicators/public/partials/figures.html", context, request)

    if not set(request.GET) <= PUBLIC_QUERY:
        return render_figures()
    query = urlencode(sorted((key, request.GET[key]) for key in request.GET))
    part = f"figures:{get_language()}:{query}"
    return mark_safe(public_cached(plan_id=plan.pk, part=part, compute=render_figures))  # noqa: S308 - our template's output


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
