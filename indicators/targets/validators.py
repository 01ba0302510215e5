"""Rules on a target's fields, each in one place: the Target admin form and the plan workbook
import call the same functions. Each takes keyword arguments and returns the messages (empty:
valid)."""

from __future__ import annotations

import math
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from indicators.targets.models import ProcedureField
from units.models import unit_kinds_errors


def target_unit_kinds_errors(*, unit_kinds: str) -> list[str]:
    """`unit_kinds` is blank (every kind) or unit kinds separated by ";" (or ",")."""
    kinds = [k.strip() for k in (unit_kinds or "").replace(",", ";").split(";") if k.strip()]
    return unit_kinds_errors(kinds=kinds)


def _is_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | Decimal):
        return math.isfinite(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip()).is_finite()
        except InvalidOperation:
            return False
    return False


def target_field_thresholds_errors(
    *, field_thresholds, field_codes: Collection[str] | None = None
) -> list[str]:
    """`field_thresholds` maps procedure field codes to numbers (plan II.6: `{"land": 96}`).

    `field_codes`: the known codes, when the caller has them already (else they are read)."""
    if field_thresholds in (None, ""):
        return []
    if not isinstance(field_thresholds, dict):
        return [_('Ngưỡng riêng theo lĩnh vực phải có dạng {"mã lĩnh vực": ngưỡng}.')]
    if field_codes is None:
        field_codes = set(ProcedureField.objects.values_list("code", flat=True))
    errors = []
    for code, value in field_thresholds.items():
        if code not in field_codes:
            errors.append(
                _('Không có lĩnh vực TTHC mã "%(code)s" (chọn trong: %(choices)s).')
                % {"code": code, "choices": ", ".join(sorted(field_codes))}
            )
        if not _is_number(value):
            errors.append(
                _('Ngưỡng của lĩnh vực "%(code)s" phải là một số, không phải "%(value)s".')
                % {"code": code, "value": value}
            )
    return errors
