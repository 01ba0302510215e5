"""The dashboard keeps what it reads from the stored results until a recompute stores new ones."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.compliance.store import compliance_recompute
from indicators.models import ProcedureField
from tests.factories import DossierFactory
from units.models import Unit

AS_OF = dt.date(2021, 9, 30)
URL = "/tong-quan/CCHC-2021/?as_of=2021-09-30"


def _dossiers(n_late: int, n: int = 10):
    unit, land = Unit.objects.get(code="P01"), ProcedureField.objects.get(code="land")
    for i in range(n):
        DossierFactory(
            unit=unit,
            field=land,
            received_on=dt.date(2021, 5, 3),
            due_on=dt.date(2021, 5, 10),
            resolved_on=dt.date(2021, 5, 12 if i < n_late else 9),
        )


def _ontime_line(response):
    return next(
        line for line in response.context["summary"]["lines"] if line.target.code == "ONTIME"
    )


def _result_reads(queries) -> int:
    return sum("indicators_complianceresult" in q["sql"] for q in queries.captured_queries)


def test_a_second_visit_reads_the_results_from_the_cache(client, plan, noivu_user):
    _dossiers(n_late=1)
    compliance_recompute(plan=plan, as_of=AS_OF)
    client.force_login(noivu_user)

    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        client.get(URL)

    # only the matrix's page of units (bounded) still reads the results table
    assert _result_reads(second) < _result_reads(first)
    assert len(second) < len(first)


def test_a_recompute_shows_its_figures_at_the_next_visit(client, plan, noivu_user):
    _dossiers(n_late=0)  # P01's land: 10 of 10 on time, met
    compliance_recompute(plan=plan, as_of=AS_OF)
    client.force_login(noivu_user)
    before = _ontime_line(client.get(URL))

    _dossiers(n_late=5)  # now 15 of 20, not met
    compliance_recompute(plan=plan, as_of=AS_OF)
    after = _ontime_line(client.get(URL))

    assert (before.numerator, before.denominator) == (1, 1)
    assert (after.numerator, after.denominator) == (0, 1)


def test_a_page_without_results_is_not_kept_as_empty(client, plan, noivu_user, settings):
    client.force_login(noivu_user)
    assert client.get(URL).context["results_ready"] is False
    compliance_recompute(plan=plan, as_of=AS_OF)
    assert client.get(URL).context["results_ready"] is True
