"""Forms of the quarterly report and the unit's tasks; the rules come from `services.py`."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.files import evidence_file_validate
from common.forms import DATE_INPUT_FORMATS, DateInput
from indicators.reports.selectors import DOSSIER_KEYS
from indicators.reports.services import (
    MAX_FIGURE,
    date_in_quarter_error,
    feedback_errors,
    figure_errors,
    publication_date_error,
)

_NUMBER_ERRORS = {
    "required": _("Vui lòng nhập số (0 nếu không có)."),
    "invalid": _("Vui lòng nhập một số nguyên."),
    "min_value": _("Số liệu không được âm."),
    "max_value": _("Số liệu quá lớn (tối đa 1.000.000.000)."),
}


def _number(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_FIGURE,
        initial=0,
        error_messages=_NUMBER_ERRORS,
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm", "min": 0, "max": MAX_FIGURE}
        ),
    )


def _date(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Vui lòng nhập ngày."),
            "invalid": _("Ngày không hợp lệ (dd/mm/yyyy)."),
        },
        widget=DateInput(attrs={"class": "form-control"}),
    )


class _MarkInvalid:
    """Bootstrap's `is-invalid` and `aria-invalid` on the inputs that failed validation."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"


class FigureForm(_MarkInvalid, forms.Form):
    """One procedure field's figures; dossier counts are read-only when computed from dossiers."""

    # Biểu số 06/VPCP/KSTT's columns, in its order
    received_online = _number(_("Tiếp nhận trực tuyến"))
    received_direct = _number(_("Tiếp nhận trực tiếp, bưu chính"))
    carried_over = _number(_("Từ kỳ trước chuyển qua"))
    resolved_early = _number(_("Giải quyết trước hạn"))
    resolved_on_time = _number(_("Giải quyết đúng hạn"))
    resolved_late = _number(_("Giải quyết quá hạn"))
    pending_in_time = _number(_("Đang giải quyết trong hạn"))
    pending_overdue = _number(_("Đang giải quyết quá hạn"))
    responses = _number(_("Số phiếu"))
    satisfied = _number(_("Hài lòng"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for bound in self:
            bound.field.widget.attrs["aria-label"] = str(bound.label)

    def lock_dossier_counts(self):
        for key in DOSSIER_KEYS:
            self.fields[key].disabled = True

    def clean(self):
        data = super().clean()
        for key, message in figure_errors(data).items():
            if key not in self.errors:
                self.add_error(key, message)
        return data


FigureFormSet = forms.formset_factory(FigureForm, extra=0)


class ReportForm(_MarkInvalid, forms.Form):
    feedback_received = _number(_("Phản ánh, kiến nghị tiếp nhận"))
    feedback_handled = _number(_("Phản ánh, kiến nghị đã xử lý"))
    publication_url = forms.URLField(
        label=_("Đường dẫn công khai kết quả khảo sát hài lòng"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Đường dẫn không hợp lệ (cần dạng https://…).")},
        widget=forms.URLInput(attrs={"class": "form-control"}),
    )
    published_on = _date(_("Ngày công khai"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean(self):
        data = super().clean()
        if "feedback_received" in data and "feedback_handled" in data:
            errors = feedback_errors(data["feedback_received"], data["feedback_handled"])
            for key, message in errors.items():
                self.add_error(key, message)
        if data.get("publication_url") and "published_on" not in self.errors:
            message = publication_date_error(data.get("published_on"), self.period)
            if message:
                self.add_error("published_on", message)
        return data


class _EvidenceMixin:
    def clean_evidence_file(self):
        file = self.cleaned_data.get("evidence_file")
        if file:
            evidence_file_validate(file)
        return file

    def _require_evidence(self, data):
        if not data.get("evidence_file") and not data.get("evidence_link"):
            if "evidence_file" not in self.errors and "evidence_link" not in self.errors:
                self.add_error("evidence_link", _("Cần tệp minh chứng hoặc đường dẫn minh chứng."))


def _evidence_fields():
    return {
        "evidence_file": forms.FileField(
            label=_("Tệp minh chứng (PDF, ảnh, văn bản)"),
            required=False,
            widget=forms.ClearableFileInput(
                attrs={
                    "class": "form-control",
                    "accept": ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.odt,.ods",
                }
            ),
        ),
        "evidence_link": forms.URLField(
            label=_("hoặc đường dẫn minh chứng"),
            required=False,
            assume_scheme="https",
            error_messages={"invalid": _("Đường dẫn không hợp lệ (cần dạng https://…).")},
            widget=forms.URLInput(attrs={"class": "form-control"}),
        ),
    }


class EvidenceForm(_MarkInvalid, _EvidenceMixin, forms.Form):
    """An initiative or outreach product of the quarter."""

    title = forms.CharField(
        label=_("Tên"),
        max_length=500,
        error_messages={"required": _("Vui lòng nhập tên.")},
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    date = _date(_("Ngày"))
    evidence_file = _evidence_fields()["evidence_file"]
    evidence_link = _evidence_fields()["evidence_link"]

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean(self):
        data = super().clean()
        if "date" in data:
            message = date_in_quarter_error(data["date"], self.period)
            if message:
                self.add_error("date", message)
        self._require_evidence(data)
        return data


class AssignmentCompleteForm(_MarkInvalid, _EvidenceMixin, forms.Form):
    completed_on = _date(_("Ngày hoàn thành"))
    evidence_file = _evidence_fields()["evidence_file"]
    evidence_link = _evidence_fields()["evidence_link"]
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Ngày hoàn thành không được sau hôm nay."))
        return day

    def clean(self):
        data = super().clean()
        self._require_evidence(data)
        return data


class ReturnForm(_MarkInvalid, forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại"),
        error_messages={"required": _("Vui lòng nêu lý do trả lại báo cáo.")},
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class ReopenForm(_MarkInvalid, forms.Form):
    reason = forms.CharField(
        label=_("Lý do mở lại"),
        error_messages={"required": _("Vui lòng nêu lý do mở lại báo cáo.")},
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
