"""Form helpers shared by every page with a form."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Typed and shown as dd/mm/yyyy; yyyy-mm-dd (links, older bookmarks, a browser's date input) too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    """A date as dd/mm/yyyy whatever the browser's locale: a text input that static/js/portal.js
    turns into the vendored date picker (`data-datepicker`); without script it is typed. A
    browser's own `type="date"` shows mm/dd/yyyy in an English-locale browser and drops a
    rejected entry it cannot parse."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {
            "data-datepicker": "",
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%d/%m/%Y")


def form_errors_apply(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else on top.

    The form keeps the user's entries; only the messages are added.
    """
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def upload_check(upload, *, extensions: tuple[str, ...], too_big_hint: str = ""):
    """An uploaded import file: one of the extensions, and no larger than IMPORT_MAX_BYTES
    (`too_big_hint` says what to do instead)."""
    if Path(upload.name).suffix.lower() not in extensions:
        raise ValidationError(
            _("Chỉ nhận tệp %(extensions)s.") % {"extensions": " hoặc ".join(extensions)}
        )
    if upload.size > settings.IMPORT_MAX_BYTES:
        limit = _("Tệp quá lớn (tối đa %(mb)s MB)") % {
            "mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)
        }
        raise ValidationError(f"{limit}; {too_big_hint}" if too_big_hint else f"{limit}.")
    return upload
