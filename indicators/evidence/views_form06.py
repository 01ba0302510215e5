"""The blank Biểu số 06/VPCP/KSTT for a unit and quarter, as the import reads it back."""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from indicators.evidence.form06_sheet import form06_sheet_workbook
from plans.periods import Period
from units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def form06_sheet(request):
    """`?unit=P01&period=2021-Q3` fill the title lines; a unit head gets their own unit."""
    user = request.user
    unit = user.unit if user.is_unit_head else None
    code = (request.GET.get("unit") or "").strip()
    if code and user.sees_all_units:
        unit = Unit.objects.filter(code__iexact=code).first()
    try:
        period = Period.parse(request.GET.get("period") or "")
    except ValueError:
        period = None
    if period is not None and not period.is_quarter:
        period = None
    out = io.BytesIO()
    form06_sheet_workbook(unit=unit, period=period).save(out)
    name = "-".join(["bieu-06", *([unit.code] if unit else []), *([period.code] if period else [])])
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
