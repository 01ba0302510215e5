"""The trend section shows the baseline year's online share beside this year's (Plan II.4)."""

import datetime as dt
import re
from decimal import Decimal

from indicators.dashboards.trends import online_baseline
from indicators.models import Target
from tests.factories import compliance_result
from units.models import Unit

AS_OF = dt.date(2021, 9, 30)
URL = "/tong-quan/CCHC-2021/?as_of=2021-09-30"


def growth(plan, unit=None, online=285, received=1000, value="3.50"):
    """ONLINE-GROWTH of the year: this year's online / received, and the growth in points."""
    return compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=Target.objects.get(plan=plan, code="ONLINE-GROWTH"),
        unit=unit,
        numerator=online,
        denominator=received,
        value=Decimal(value),
        status="met",
    )


def test_the_baseline_is_this_years_share_minus_the_growth(plan):
    growth(plan)
    baseline = online_baseline(plan=plan, as_of=AS_OF)
    assert (baseline["baseline_year"], baseline["baseline"]) == (2020, Decimal("25.00"))
    assert (baseline["year"], baseline["current"]) == (2021, Decimal("28.50"))


def test_a_chosen_unit_reads_its_own_result(plan):
    p01 = Unit.objects.get(code="P01")
    growth(plan)
    growth(plan, unit=p01, online=40, received=100, value="10.00")
    assert online_baseline(plan=plan, as_of=AS_OF, unit=p01)["baseline"] == Decimal("30.00")


def test_no_result_no_baseline(plan):
    assert online_baseline(plan=plan, as_of=AS_OF) is None


def test_the_dashboard_shows_the_baseline_year_beside_the_trend(client, noivu_user, plan):
    growth(plan)
    client.force_login(noivu_user)
    body = client.get(URL).content.decode()
    text = re.sub(r"<[^>]+>", "", re.search(r'id="trend-baseline".*?</p>', body, re.S).group(0))
    assert "Năm gốc 2020: 25,00%" in text and "Năm 2021: 28,50%" in text
    assert "+3,50 điểm" in text
