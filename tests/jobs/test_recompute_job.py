import datetime as dt

from indicators.models import ComplianceResult, ProcedureField
from indicators.tasks import recompute_compliance_task
from tests.factories import DossierFactory
from tests.jobs.conftest import wait_until
from units.models import Unit


def test_real_worker_recomputes_compliance(plan, start_worker):
    DossierFactory(
        unit=Unit.objects.get(code="P01"),
        field=ProcedureField.objects.get(code="land"),
        received_on=dt.date(2021, 2, 1),
        due_on=dt.date(2021, 2, 10),
        resolved_on=dt.date(2021, 2, 9),
    )
    start_worker("w1")

    recompute_compliance_task.delay(plan.code, "2021-06-30")

    stored = ComplianceResult.objects.filter(plan=plan, as_of=dt.date(2021, 6, 30))
    assert wait_until(stored.exists)
    row = stored.get(target__code="ONTIME", unit__code="P01", field__code="land", period="2021-Q1")
    assert (row.numerator, row.denominator, row.status) == (1, 1, "met")
    assert not stored.filter(period="2021-Q3").exists()
