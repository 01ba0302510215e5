"""The matrix cell of a per-field target: how many fields meet it, and the worst field."""

import datetime as dt
import re

import pytest

from indicators.models import ProcedureField, Target
from tests.factories import compliance_result
from units.models import Unit

AS_OF = dt.date(2021, 9, 30)
URL = "/tong-quan/CCHC-2021/?as_of=2021-09-30&kind=ward&period=2021"


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


def ontime(plan, unit_code, field_code, numerator, denominator=100):
    """P01's ONTIME result of the year in a field (land's threshold is 96, the others' 98)."""
    return compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=Target.objects.get(plan=plan, code="ONTIME"),
        unit=Unit.objects.get(code=unit_code),
        field=ProcedureField.objects.get(code=field_code),
        numerator=numerator,
        denominator=denominator,
    )


def cell(client, unit_code="P01", target_code="ONTIME") -> str:
    body = client.get(URL).content.decode()
    match = re.search(rf'<a [^>]*data-cell="{unit_code}:{target_code}"[^>]*>(.*?)</a>', body, re.S)
    return " ".join(match.group(1).split())


def worst(text: str) -> tuple[str, str]:
    """(status, text) of the worst field shown in a cell."""
    match = re.search(r'data-worst-field="([^"]+)">(.*?)</span>\s*$', text)
    return match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip()


def test_the_cell_counts_the_fields_met_and_shows_the_worst(noivu, plan):
    ontime(plan, "P01", "land", 97)
    ontime(plan, "P01", "civil-status", 90)
    ontime(plan, "P01", "business", 99)
    text = cell(noivu)
    assert "2/3 lĩnh vực đạt" in text
    assert worst(text) == ("not_met", "Hộ tịch 90")


def test_the_worst_field_is_the_nearest_to_its_own_threshold_when_all_are_met(noivu, plan):
    ontime(plan, "P01", "land", 97)  # 1 point above its 96
    ontime(plan, "P01", "civil-status", 197, 200)  # 98.50: 0.5 above its 98
    text = cell(noivu)
    assert "2/2 lĩnh vực đạt" in text
    assert worst(text) == ("met", "Hộ tịch 98,50")


def test_a_field_without_data_is_not_counted(noivu, plan):
    ontime(plan, "P01", "land", 97)
    ontime(plan, "P01", "culture", 0, 0)  # no_data
    assert "1/1 lĩnh vực đạt" in cell(noivu)


def test_a_unit_without_judged_fields_shows_no_data(noivu, plan):
    ontime(plan, "P01", "culture", 0, 0)
    text = cell(noivu)
    assert "lĩnh vực đạt" not in text and 'data-status="no_data"' in text


def test_a_target_not_per_field_shows_its_value(noivu, plan):
    compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=Target.objects.get(plan=plan, code="SAT-OVERALL"),
        unit=Unit.objects.get(code="P01"),
        numerator=93,
        denominator=100,
    )
    text = cell(noivu, target_code="SAT-OVERALL")
    assert "93" in text and "lĩnh vực" not in text


def test_the_cell_opens_the_units_result_in_every_field(noivu, plan):
    ontime(plan, "P01", "land", 97)
    ontime(plan, "P01", "civil-status", 90)
    body = noivu.get(URL).content.decode()
    href = re.search(r'<a href="([^"]+)"[^>]*data-cell="P01:ONTIME"', body).group(1)
    page = noivu.get(href.replace("&amp;", "&")).content.decode()
    results = page.split('id="evidence-results"')[1].split("</table>")[0]
    assert "Đất đai" in results and "Hộ tịch" in results
