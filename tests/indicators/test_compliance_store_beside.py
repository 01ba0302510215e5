"""A full recompute outside a transaction (a worker's job, a command): on PostgreSQL the store
runs beside the compute on a second connection; either way it stores exactly the computed rows,
in one transaction, and a compute that fails leaves the previous figures in place."""

import random
from unittest import mock

import pytest
from django.db import connection

from indicators.compliance import store
from indicators.compliance.models import ComplianceResult
from indicators.compliance.store import FIGURE_COLUMNS, compliance_compute, row_values
from indicators.evidence.models import Dossier
from tests.indicators.test_compliance_incremental import TODAY, _seed

pytestmark = pytest.mark.django_db(transaction=True)


def _stored(plan) -> dict:
    key = ("target_id", "unit_id", "field_id", "period")
    rows = ComplianceResult.objects.at(plan, TODAY).values_list(*key, *FIGURE_COLUMNS)
    return {tuple(r[:4]): tuple(r[4:]) for r in rows}


@pytest.fixture
def seeded(plan):
    _seed(plan, random.Random(11))
    return plan


def test_a_recompute_stores_every_computed_row_once(seeded):
    beside = mock.patch.object(store, "_recompute_beside", wraps=store._recompute_beside)
    with beside as spy:
        written = store.compliance_recompute(plan=seeded, as_of=TODAY)

    assert spy.called == (connection.vendor == "postgresql")  # SQLite: compute, then store
    computed = {tuple(r[:4]): row_values(r) for r in compliance_compute(plan=seeded, as_of=TODAY)}
    assert written == len(computed) == ComplianceResult.objects.at(seeded, TODAY).count()
    assert _stored(seeded) == computed


def test_a_compute_that_fails_halfway_leaves_the_previous_figures(seeded):
    store.compliance_recompute(plan=seeded, as_of=TODAY)
    before = _stored(seeded)
    Dossier.objects.filter(resolved_on__isnull=False).update(resolved_on=None)
    real = store.compute_by_target

    def fails_after_two_targets(ctx):
        for i, rows in enumerate(real(ctx)):
            if i == 2:
                raise RuntimeError("the database went away")
            yield rows

    with mock.patch.object(store, "compute_by_target", fails_after_two_targets):
        with pytest.raises(RuntimeError, match="went away"):
            store.compliance_recompute(plan=seeded, as_of=TODAY)

    assert _stored(seeded) == before
    assert store.compliance_recompute(plan=seeded, as_of=TODAY) > 0
    assert _stored(seeded) != before  # the next run stores the new figures
