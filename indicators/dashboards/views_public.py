"""Public transparency page (Plan II.7, V.3.1): no login, only approved and published figures."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.cells import cell_text
from indicators.dashboards.public import public_approved_at, public_figures
from plans.selectors import plan_current, plan_get


def public_current(request):
    plan = plan_current()
    if plan is None:
        return render(request, "plans/no_plan.html")
    return redirect("public", plan_code=plan.code)


def public(request, plan_code):
    plan = plan_get(code=plan_code)
    # The figures frozen when each report was approved, never the live results (Plan II.7).
    figures = public_figures(plan=plan)
    if request.GET.get("format") == "csv":
        return _csv(plan, figures)
    page_obj = Paginator(figures["units"], 50).get_page(request.GET.get("page") or 1)
    return render(
        request,
        "indicators/public/public.html",
        {
            "plan": plan,
            "figures": figures,
            "page_obj": page_obj,
            "approved_at": public_approved_at(plan=plan),
        },
    )


def _csv(plan, figures):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cong-khai-{plan.code}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Mã đơn vị"),
            _("Đơn vị"),
            _("Quý"),
            _("Mã lĩnh vực"),
            _("Lĩnh vực"),
            _("Tỷ lệ hài lòng (%)"),
            _("Tỷ lệ đúng hạn (%)"),
        ]
    )
    for row in [*figures["district"], *figures["units"]]:
        writer.writerow(
            [
                cell_text(row.unit_code),
                cell_text(row.unit_name),
                cell_text(row.period),
                cell_text(row.field_code),
                cell_text(row.field_name or _("Tất cả lĩnh vực")),
                cell_text(row.satisfaction if row.satisfaction is not None else ""),
                cell_text(row.ontime if row.ontime is not None else ""),
            ]
        )
    return response
