"""The rules the admin and the plan workbook import share (plans.validators,
indicators.targets.validators, units.models)."""

import datetime as dt
from decimal import Decimal

from indicators.targets.validators import target_field_thresholds_errors, target_unit_kinds_errors
from plans.validators import task_assigned_kinds_errors
from units.models import unit_dates_errors


def test_field_thresholds_need_known_codes_and_numbers():
    codes = {"land", "business"}
    assert target_field_thresholds_errors(field_thresholds={}, field_codes=codes) == []
    good = {"land": 96, "business": "97.5", "x": Decimal("1")}
    errors = target_field_thresholds_errors(field_thresholds=good, field_codes=codes)
    assert errors == ['Không có lĩnh vực TTHC mã "x" (chọn trong: business, land).']
    bad = {"land": True, "business": "nan"}
    assert len(target_field_thresholds_errors(field_thresholds=bad, field_codes=codes)) == 2
    assert target_field_thresholds_errors(field_thresholds=[96], field_codes=codes)


def test_unit_kinds_of_targets_and_tasks():
    assert target_unit_kinds_errors(unit_kinds="") == []
    assert target_unit_kinds_errors(unit_kinds="ward; agency") == []
    assert target_unit_kinds_errors(unit_kinds="ward;wards")[0].startswith(
        'Loại đơn vị không hợp lệ: "wards"'
    )
    assert task_assigned_kinds_errors(assigned_kinds="agency,public_service,ward") == []
    assert task_assigned_kinds_errors(assigned_kinds="ward;agency")


def test_unit_dates():
    assert unit_dates_errors(active_from=None, active_to=dt.date(2024, 1, 1)) == []
    assert unit_dates_errors(active_from=dt.date(2024, 1, 2), active_to=dt.date(2024, 1, 1))
