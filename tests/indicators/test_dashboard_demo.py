"""On the demo data: the dashboard's late units are the escalation list's, and no page depends
on the plan's target codes (they are data: renaming every one changes no figure)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse

from indicators.compliance.store import compliance_recompute
from indicators.models import Target

DASHBOARD = "/tong-quan/CCHC-2021/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2021-11-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def demo(plan):
    call_command("seed_demo", "--scale", "0.02", stdout=open("/dev/null", "w"))
    return plan


def test_dashboard_late_units_are_the_escalation_list(client, noivu_user, demo):
    as_of = "2021-09-30"
    client.force_login(noivu_user)
    late = client.get(DASHBOARD, {"as_of": as_of}).context["summary"]["late"]
    escalation = client.get("/canh-bao/", {"plan": demo.code, "as_of": as_of}).context

    listed = [row.unit.code for row in escalation["page"].object_list]
    assert late["count"] == escalation["n_units"] > 0
    assert [row.unit.code for row in late["units"]] == listed[: len(late["units"])]
    assert [row.reasons for row in late["units"]] == [
        row.reasons for row in escalation["page"].object_list[: len(late["units"])]
    ]
    body = client.get(DASHBOARD, {"as_of": as_of}).content.decode()
    first = late["units"][0]
    assert f'data-late-unit="{first.unit.code}"' in body and first.reasons[0] in body


def _value(x):
    return None if x is None else str(x)


def _dashboard(client):
    context = client.get(DASHBOARD).context
    lines = [
        (
            line.target.pk,
            line.period.code,
            _value(line.value),
            line.numerator,
            line.denominator,
            line.status,
            line.n_met,
            line.n_not_met,
            line.n_no_data,
        )
        for line in context["summary"]["lines"]
    ]
    matrix = [
        (row.unit.code, [(c.target.pk, c.status, _value(c.value)) for c in row.cells])
        for row in context["matrix"]["rows"]
    ]
    return {"lines": lines, "matrix": matrix, "chart": context["chart"]}


def _chairman(client):
    context = client.get("/bao-cao-chu-tich/CCHC-2021/").context
    return [
        (
            item.clause.label,
            [(task.pk, units) for task, units in item.tasks],
            [
                (line.target.pk, _value(line.value), line.status, line.n_met, units)
                for line, units in item.targets
            ],
        )
        for item in context["clauses"]
    ]


def _coverage(client):
    coverage = client.get(reverse("inspections:coverage", args=["CCHC-2021"])).context["coverage"]
    groups = [
        (g.kind, g.numerator, g.denominator, _value(g.value), g.status) for g in coverage.groups
    ]
    quarters = [(q.period.code, q.count, q.status) for q in coverage.quarters]
    return groups, quarters


def _public(client):
    """The public page's rows as a visitor reads them (rendered afresh, not from the cache)."""
    cache.clear()
    body = client.get("/cong-khai/CCHC-2021/").content.decode()
    rows = re.findall(r'<tr data-row="([^"]+)">(.*?)</tr>', body, re.S)
    return [(key, re.findall(r"<td>(.*?)</td>", cells)) for key, cells in rows]


def _unit_home(client):
    return [
        (r.target_id, r.period, r.field_id, _value(r.value), r.status)
        for r in client.get("/don-vi-cua-toi/").context["results"]
    ]


def _figures(client, noivu_user, head):
    client.force_login(noivu_user)
    staff = {
        "dashboard": _dashboard(client),
        "chairman": _chairman(client),
        "coverage": _coverage(client),
    }
    client.logout()
    public = _public(client)
    client.force_login(head)
    return {**staff, "public": public, "unit_home": _unit_home(client)}


def test_renaming_every_target_code_changes_no_figure(client, noivu_user, demo):
    from units.models import User

    head = User.objects.get(username="head-p01")
    as_of = demo.default_as_of()
    assert as_of == dt.date(2021, 10, 25)
    compliance_recompute(plan=demo, as_of=as_of)
    before = _figures(client, noivu_user, head)
    assert any(line[2] is not None for line in before["dashboard"]["lines"])
    assert any(v is not None for v in before["dashboard"]["chart"]["satisfaction"])
    assert any(v is not None for v in before["dashboard"]["chart"]["ontime"])
    assert before["public"] and before["unit_home"]
    assert len(before["coverage"][0]) == 3 and before["coverage"][1]
    assert any(t[1] is not None for c in before["chairman"] for t in c[2])

    Target.objects.update(code=Concat(Value("X-"), "code"))
    compliance_recompute(plan=demo, as_of=as_of)
    after = _figures(client, noivu_user, head)

    assert Target.objects.exclude(code__startswith="X-").count() == 0
    assert after == before
