from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from indicators.evidence.validators import KIND_LABELS

IMPORT_EXTENSIONS = (".csv", ".xlsx")


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=list(KIND_LABELS.items()))
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"),
        help_text=_("Dòng đầu là tiêu đề cột; ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in IMPORT_EXTENSIONS:
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)s MB); hãy dùng lệnh import_data.")
                % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload
