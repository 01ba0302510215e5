"""Plan V.2.5: one decision per unit (indicators.followup.proposals) and its one page."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.compliance.store import compliance_recompute
from indicators.followup.lateness import units_lateness
from indicators.followup.proposals import proposal_candidates
from indicators.models import ComplianceResult, Target
from inspections.models import RecognitionProposal
from plans.models import Assignment
from tests.plans.test_escalation import AS_OF, _on_time
from units.models import Unit

from .factories import ActionFactory, FindingFactory, InspectionFactory

D = dt.date
PROPOSALS = reverse("inspections:proposals", args=["CCHC-2021"])


def _results(plan, code, statuses, as_of=AS_OF):
    """Store results for one unit (so the engine is not run): one target per status."""
    unit = Unit.objects.get(code=code)
    targets = Target.objects.filter(plan=plan).order_by("code")[: len(statuses)]
    for target, status in zip(targets, statuses, strict=True):
        ComplianceResult.objects.create(
            plan=plan,
            as_of=as_of,
            target=target,
            unit=unit,
            period="2021",
            threshold=1,
            status=status,
            computed_at=dt.datetime(2021, 10, 6, tzinfo=dt.UTC),
        )


def _get(candidates, code):
    found = [c for c in candidates.all if c.unit.code == code]
    assert len(found) <= 1, "one decision per unit"
    return found[0] if found else None


@pytest.fixture
def results(plan):
    _results(plan, "P01", ["met"])


def test_exemplary_unit_is_proposed_for_commendation(plan, results):
    _on_time(plan, "P01")
    p01 = _get(proposal_candidates(plan=plan, as_of=AS_OF), "P01")
    assert p01.kind == "commend"
    assert any("Hoàn thành đúng hạn" in r for r in p01.reasons)
    assert any("Đạt toàn bộ" in r for r in p01.reasons)


def test_unit_with_a_task_done_late_is_reminded_not_commended(plan, results):
    """Changed: one late item used to propose nothing; it is now a reminder (V.2.5)."""
    _on_time(plan, "P01")
    Assignment.objects.filter(unit__code="P01", task__code="II.7", period="2021-Q1").update(
        completed_on=D(2021, 4, 20)
    )
    p01 = _get(proposal_candidates(plan=plan, as_of=AS_OF), "P01")
    assert p01.kind == "remind"  # one late item is not "many"
    assert any("trễ hạn" in r for r in p01.reasons)


def test_unit_with_many_late_items_is_proposed_for_criticism(plan, results):
    row = _get(proposal_candidates(plan=plan, as_of=AS_OF), "P02")
    assert row.kind == "criticise"
    assert row.late_items >= 3
    assert row.reasons


def test_criticism_for_an_overdue_corrective_action(plan, results):
    _on_time(plan, "P01")
    action = ActionFactory(finding__inspection__unit=Unit.objects.get(code="P01"))
    p01 = _get(proposal_candidates(plan=plan, as_of=AS_OF), "P01")
    assert p01.kind == "criticise"
    assert p01.inspection == action.finding.inspection
    assert any("biện pháp khắc phục quá hạn" in r for r in p01.reasons)


def test_closed_or_not_yet_due_actions_are_not_criticised(plan, results):
    for code in ("P01", "P03"):
        _on_time(plan, code)
    ActionFactory(
        finding__inspection__unit=Unit.objects.get(code="P01"),
        status="closed",
        closed_on=D(2021, 6, 20),
    )
    ActionFactory(finding__inspection__unit=Unit.objects.get(code="P03"), due_on=AS_OF)
    candidates = proposal_candidates(plan=plan, as_of=AS_OF)
    assert _get(candidates, "P01").kind == "commend"
    assert _get(candidates, "P03").kind == "commend"


def test_inspection_without_findings_is_a_reason_to_commend(plan, results):
    for code in ("P03", "P04"):
        _on_time(plan, code)
    clean = InspectionFactory(unit=Unit.objects.get(code="P03"))
    FindingFactory(inspection__unit=Unit.objects.get(code="P04"))
    candidates = proposal_candidates(plan=plan, as_of=AS_OF)
    p03, p04 = _get(candidates, "P03"), _get(candidates, "P04")
    assert p03.kind == "commend" and p03.inspection == clean
    assert any("không có phát hiện sai sót" in r for r in p03.reasons)
    assert not any("kiểm tra" in r for r in p04.reasons)


def test_a_clean_inspection_does_not_outweigh_lateness(plan, results):
    """The contradiction a user saw: commended for an inspection, criticised for lateness."""
    InspectionFactory(unit=Unit.objects.get(code="P02"))
    p02 = _get(proposal_candidates(plan=plan, as_of=AS_OF), "P02")
    assert p02.kind == "criticise"
    assert any("không có phát hiện sai sót" in n for n in p02.notes)


def test_existing_proposal_is_not_suggested_again(plan, results):
    unit = _on_time(plan, "P03")
    RecognitionProposal.objects.create(plan=plan, unit=unit, kind="commend", reason="x")
    assert _get(proposal_candidates(plan=plan, as_of=AS_OF), "P03") is None


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["met", "met"], "commend"),
        (["not_met", "met"], "commend"),  # a few targets not met are shown, not decisive
        (["not_met", "not_met", "not_met", "met"], "remind"),
    ],
)
def test_decision_from_compliance_results(plan, statuses, expected):
    _on_time(plan, "P05")
    _results(plan, "P05", statuses)
    p05 = _get(proposal_candidates(plan=plan, as_of=AS_OF), "P05")
    assert p05.kind == expected
    if "not_met" in statuses:
        assert any("chỉ tiêu chưa đạt" in t for t in p05.reasons + p05.notes)


def test_proposals_run_a_bounded_number_of_queries(plan, results, django_assert_max_num_queries):
    for unit in Unit.objects.wards():
        ActionFactory(finding__inspection__unit=unit)
    with django_assert_max_num_queries(9):
        proposal_candidates(plan=plan, as_of=AS_OF)


# --- the demo data ----------------------------------------------------------------------------


@pytest.fixture
def demo(plan):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    compliance_recompute(plan=plan, as_of=plan.default_as_of())
    return plan


def test_demo_no_unit_is_both_commended_and_criticised(demo, client, noivu_user):
    as_of = demo.default_as_of()
    candidates = proposal_candidates(plan=demo, as_of=as_of)
    commended = {c.unit.code for c in candidates.commend}
    criticised = {c.unit.code for c in candidates.criticise}
    assert commended and criticised
    assert not commended & criticised
    assert len({c.unit.code for c in candidates.all}) == len(candidates.all)
    taken = set(RecognitionProposal.objects.values_list("unit__code", "kind"))
    for row in units_lateness(plan=demo, as_of=as_of):
        if row.late_items >= 3 and (row.unit.code, "criticise") not in taken:
            assert row.unit.code in criticised
        if row.late_items:
            assert row.unit.code not in commended

    client.force_login(noivu_user)
    body = client.get(PROPOSALS, {"as_of": as_of.isoformat()}).content.decode()
    worst = candidates.criticise[0]
    row = body.split(f'data-suggestion="{worst.unit.code}-criticise"')[1].split("</tr>")[0]
    assert all(reason in row for reason in worst.reasons)
    assert f'data-suggestion="{worst.unit.code}-commend"' not in body
    best = candidates.commend[0]
    row = body.split(f'data-suggestion="{best.unit.code}-commend"')[1].split("</tr>")[0]
    assert all(reason in row for reason in best.reasons)


# --- the page ---------------------------------------------------------------------------------


def test_page_takes_the_as_of_date(client, noivu_user, plan, results):
    client.force_login(noivu_user)
    response = client.get(PROPOSALS, {"as_of": "06/10/2021"})
    assert response.context["as_of"] == AS_OF
    assert 'data-suggestion="P02-criticise"' in response.content.decode()


def test_old_address_redirects_with_plan_and_as_of(client, noivu_user):
    client.force_login(noivu_user)
    response = client.get(reverse("recognition_candidates"), {"as_of": "2021-10-06"})
    assert response.status_code == 302
    assert response["Location"] == f"{PROPOSALS}?as_of=2021-10-06"
    response = client.get(reverse("recognition_candidates"), {"plan": "CCHC-2021"})
    assert response["Location"] == PROPOSALS


def test_escalation_page_links_to_the_proposals_page(client, noivu_user):
    client.force_login(noivu_user)
    body = client.get(reverse("escalation"), {"as_of": "2021-10-06"}).content.decode()
    assert f'href="{PROPOSALS}?as_of=2021-10-06"' in body
