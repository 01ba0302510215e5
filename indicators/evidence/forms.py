from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import upload_check
from indicators.evidence.validators import KIND_LABELS

IMPORT_EXTENSIONS = (".csv", ".xlsx")


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=list(KIND_LABELS.items()))
    file = forms.FileField(
        label=_("Tệp CSV hoặc XLSX"),
        help_text=_("Dòng đầu là tiêu đề cột; ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY."),
    )

    def clean_file(self):
        return upload_check(
            self.cleaned_data["file"],
            extensions=IMPORT_EXTENSIONS,
            too_big_hint=_("hãy dùng lệnh import_data."),
        )
