import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.compliance.results_cache import results_cache_bump
from indicators.models import ComplianceResult, ProcedureField, Target
from tests.factories import DossierFactory, compliance_result
from units.models import Unit

AS_OF = dt.date(2021, 9, 30)
URL = "/tong-quan/CCHC-2021/"


def target(plan, code):
    return Target.objects.get(plan=plan, code=code)


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


def test_unit_head_is_sent_to_their_home(client, head_p01):
    client.force_login(head_p01)
    response = client.get(URL)
    assert response.status_code == 302 and response.url == "/don-vi-cua-toi/"


def test_unit_head_cannot_open_cell_evidence(client, head_p01):
    client.force_login(head_p01)
    response = client.get(URL + "bang-chung/?target=ONTIME&unit=P02&period=2021")
    assert response.status_code == 302 and response.url == "/don-vi-cua-toi/"


@pytest.mark.parametrize("who", ["noivu_user", "leader_user"])
def test_staff_and_leaders_see_the_dashboard(client, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL + "?as_of=2021-09-30")
    assert response.status_code == 200
    assert b'id="matrix"' in response.content and b"trend-data" in response.content


def test_home_sends_staff_to_the_dashboard(noivu):
    assert noivu.get("/").url == URL


def test_home_sends_unit_head_to_their_home(client, head_p01):
    client.force_login(head_p01)
    assert client.get("/").url == "/don-vi-cua-toi/"


def test_dashboard_shows_the_results_of_the_chosen_as_of(noivu, plan):
    sat = target(plan, "SAT-OVERALL")
    compliance_result(
        plan=plan, as_of=dt.date(2021, 6, 30), target=sat, numerator=811, denominator=1000
    )
    compliance_result(plan=plan, as_of=AS_OF, target=sat, numerator=955, denominator=1000)
    body = noivu.get(URL + "?as_of=30/06/2021").content.decode()
    assert 'data-target="SAT-OVERALL" data-status="not_met" data-value="81.10"' in body
    assert 'data-as-of="2021-06-30"' in body


def test_countdown_counts_days_to_the_deadline_from_the_as_of(noivu, plan):
    body = noivu.get(URL + "?as_of=2021-10-15").content.decode()
    assert "Tính đến 15/10/2021: còn <strong>10</strong> ngày" in body


def test_bad_as_of_shows_a_message_and_keeps_the_page(noivu, plan):
    response = noivu.get(URL + "?as_of=31/02/2021")
    assert response.status_code == 200
    assert "Ngày “31/02/2021” không hợp lệ" in response.content.decode()


def test_matrix_filter_through_htmx_returns_only_the_partial(noivu, plan):
    response = noivu.get(
        URL + "?as_of=2021-09-30&kind=agency&period=2021-Q2&partial=matrix", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'data-matrix-period="2021-Q2"' in body and 'data-unit="TP"' in body
    assert 'data-unit="P01"' not in body


def test_matrix_cell_links_to_its_evidence(noivu, plan):
    compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "INITIATIVE"),
        unit=Unit.objects.get(code="P01"),
        value=0,
        status="not_met",
    )
    body = noivu.get(URL + "?as_of=2021-09-30&kind=ward").content.decode()
    assert 'data-cell="P01:INITIATIVE"' in body
    assert "bang-chung/?target=INITIATIVE&amp;unit=P01&amp;period=2021&amp;as_of=2021-09-30" in body


def test_cell_evidence_lists_exactly_the_counted_dossiers(noivu, plan):
    p01, land = Unit.objects.get(code="P01"), ProcedureField.objects.get(code="land")
    counted = DossierFactory(unit=p01, field=land, resolved_on=dt.date(2021, 7, 5))
    other_unit = DossierFactory(
        unit=Unit.objects.get(code="P02"), field=land, resolved_on=dt.date(2021, 7, 5)
    )
    other_quarter = DossierFactory(unit=p01, field=land, resolved_on=dt.date(2021, 6, 5))
    body = noivu.get(
        URL + "bang-chung/?target=ONTIME&unit=P01&field=land&period=2021-Q3&as_of=2021-09-30"
    ).content.decode()
    assert f'data-record="{counted.code}"' in body
    assert other_unit.code not in body and other_quarter.code not in body


def test_cell_evidence_with_an_unknown_target_says_so(noivu, plan):
    response = noivu.get(URL + "bang-chung/?target=NOPE&period=2021")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Không có chỉ tiêu “NOPE”" in body and 'value="NOPE"' in body


def test_cell_evidence_with_a_bad_period_says_so(noivu, plan):
    response = noivu.get(URL + "bang-chung/?target=ONTIME&period=2021-Q9")
    assert response.status_code == 400
    assert "Kỳ “2021-Q9” không hợp lệ" in response.content.decode()


def _bulk_units_and_results(plan, count, start=0):
    units = Unit.objects.bulk_create(
        Unit(code=f"X{i:05d}", name=f"Phường thử {i}", kind=Unit.Kind.WARD)
        for i in range(start, start + count)
    )
    land = ProcedureField.objects.get(code="land")
    now = timezone.now()
    rows = []
    for code, field in (("INITIATIVE", None), ("ONTIME", land), ("SAT-OVERALL", None)):
        t = target(plan, code)
        for i, unit in enumerate(units):
            rows.append(
                ComplianceResult(
                    plan=plan,
                    as_of=AS_OF,
                    target=t,
                    unit=unit,
                    field=field,
                    period="2021",
                    numerator=i % 3,
                    denominator=2,
                    value=50 * (i % 3),
                    threshold=t.threshold_for(field),
                    status="met" if i % 3 == 2 else "not_met",
                    computed_at=now,
                )
            )
    ComplianceResult.objects.bulk_create(rows, batch_size=2000)


def test_dashboard_runs_the_same_queries_for_40_and_10000_units(
    noivu, plan, django_assert_num_queries
):
    existing = Unit.objects.count()
    _bulk_units_and_results(plan, 40 - existing)
    url = URL + "?as_of=2021-09-30&kind=ward&period=2021"
    noivu.get(url)  # warm the session and caches
    results_cache_bump(plan_id=plan.pk)  # both counts read the results, none from the cache
    with CaptureQueriesContext(connection) as at_40:
        assert noivu.get(url).status_code == 200
    _bulk_units_and_results(plan, 10_000 - 40, start=40)
    results_cache_bump(plan_id=plan.pk)  # as storing results does (written here by bulk SQL)
    assert Unit.objects.count() == 10_000
    with django_assert_num_queries(len(at_40)):
        response = noivu.get(url)
    assert response.content.decode().count("data-unit=") == 50


def test_unknown_trend_unit_says_so_and_keeps_what_was_typed(noivu, plan):
    body = noivu.get(URL + "?unit=P99X").content.decode()
    assert "Không có đơn vị “P99X”" in body and 'value="P99X"' in body


def test_trend_for_a_chosen_unit_reads_its_rows(noivu, plan):
    compliance_result(
        plan=plan,
        as_of=AS_OF,
        target=target(plan, "SAT-OVERALL"),
        unit=Unit.objects.get(code="P01"),
        period="2021-Q2",
        numerator=77,
        denominator=100,
    )
    response = noivu.get(URL + "?as_of=2021-09-30&unit=P01")
    assert response.context["chart"]["satisfaction"] == [None, 77.0, None]


def test_htmx_history_restore_gets_the_whole_page(noivu, plan):
    response = noivu.get(
        URL + "?kind=ward&partial=matrix",
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()
