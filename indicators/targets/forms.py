from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PlanWorkbookForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch (.xlsx)"),
        help_text=_("Các trang plan, clauses, targets, tasks (và fields) như tệp tải xuống."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB).")
                % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class PlanRollForm(forms.Form):
    year = forms.IntegerField(label=_("Năm mới"), min_value=2000, max_value=2100)
    code = forms.CharField(
        label=_("Mã kế hoạch mới"),
        max_length=32,
        required=False,
        help_text=_("Để trống: mã cũ với năm mới, ví dụ CCHC-2022."),
    )
