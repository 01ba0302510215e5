from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import upload_check


class PlanWorkbookForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kế hoạch (.xlsx)"),
        help_text=_("Các trang plan, clauses, targets, tasks (và fields) như tệp tải xuống."),
    )

    def clean_file(self):
        return upload_check(self.cleaned_data["file"], extensions=(".xlsx",))


class PlanRollForm(forms.Form):
    year = forms.IntegerField(label=_("Năm mới"), min_value=2000, max_value=2100)
    code = forms.CharField(
        label=_("Mã kế hoạch mới"),
        max_length=32,
        required=False,
        help_text=_("Để trống: mã cũ với năm mới, ví dụ CCHC-2022."),
    )
