"""Evidence files, served only to users who may see the unit."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from indicators.evidence.models import Initiative, OutreachProduct
from plans.models import Assignment

EVIDENCE_KINDS = {"initiative": Initiative, "outreach": OutreachProduct, "assignment": Assignment}


@login_required
def evidence_file(request, kind, pk):
    """Serve an evidence file to a user who may see its unit, always as a download."""
    model = EVIDENCE_KINDS.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model.objects.select_related("unit"), pk=pk)
    if not request.user.can_see_unit(item.unit) or not item.evidence_file:
        raise Http404
    try:
        handle = item.evidence_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=Path(item.evidence_file.name).name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
