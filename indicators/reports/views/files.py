"""Evidence files, served only to users who may see the unit."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from common.downloads import protected_file_response
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
    if not request.user.can_see_unit(item.unit):
        raise Http404
    return protected_file_response(file=item.evidence_file)
