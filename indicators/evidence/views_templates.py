"""The downloadable template of each import kind (Phòng Nội vụ, who imports)."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.utils import timezone

from indicators.evidence.templates_xlsx import import_template_write
from indicators.evidence.validators import KINDS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def import_template(request, kind):
    if not request.user.is_noivu or kind not in KINDS:
        raise Http404
    target = tempfile.TemporaryFile()
    import_template_write(kind=kind, target=target, today=timezone.localdate())
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=f"mau-nhap-{kind}.xlsx", content_type=XLSX
    )
