import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from units.selectors import unit_lineage


@pytest.fixture
def merger(db):
    """P10 went into P09 on 01/01/2025 (DESIGN "Plans and units through time")."""
    p09 = UnitFactory(code="X09", name="Phường 9", active_from=dt.date(2021, 1, 1))
    p10 = UnitFactory(code="X10", name="Phường 10", active_to=dt.date(2024, 12, 31))
    p10.successors.set([p09])
    return p09, p10


def test_lineage_lists_predecessors_and_successors_with_dates(merger, django_assert_num_queries):
    p09, p10 = merger
    with django_assert_num_queries(2):
        lineage = unit_lineage(unit=p10)
    assert lineage["active_to"] == dt.date(2024, 12, 31)
    assert lineage["predecessors"] == []
    assert [(u.code, u.active_from) for u in lineage["successors"]] == [
        ("X09", dt.date(2021, 1, 1))
    ]
    assert [u.code for u in unit_lineage(unit=p09)["predecessors"]] == ["X10"]


def test_unit_page_shows_dates_and_lineage_links(client, noivu_user):
    from units.models import Unit

    p09, p10 = Unit.objects.get(code="P09"), Unit.objects.get(code="P10")
    p10.active_to = dt.date(2024, 12, 31)
    p10.save()
    p10.successors.set([p09])
    Unit.objects.filter(pk=p09.pk).update(active_from=dt.date(2021, 1, 1))
    client.force_login(noivu_user)
    html = client.get(reverse("my_unit", args=["P09"])).content.decode()
    assert "Hoạt động từ 01/01/2021" in html
    assert f'href="{reverse("my_unit", args=["P10"])}"' in html
    assert "đến 31/12/2024" in html
