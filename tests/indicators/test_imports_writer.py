"""The staging writer: COPY on PostgreSQL, executemany on SQLite (.ci/run runs both)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.evidence import upsert
from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.models import Dossier
from tests.factories import DossierFactory
from tests.indicators.importfiles import GOOD, write_csv


def test_staging_uses_the_vendors_bulk_path(plan, tmp_path):
    DossierFactory(code="HS-OLD")  # not a first load: the rows are staged, then upserted
    path = write_csv(tmp_path / "d.csv", GOOD["dossiers"])
    with CaptureQueriesContext(connection) as queries:
        result = import_file(kind="dossiers", source=str(path))
    sql = [q["sql"] for q in queries.captured_queries]
    staged_by_insert = any('INSERT INTO "import_stage_indicators_dossier"' in s for s in sql)
    if connection.vendor == "postgresql":
        assert not staged_by_insert  # rows went in by COPY, which Django does not log
        assert any(s.startswith("WITH up AS (INSERT INTO") for s in sql)
    else:
        assert staged_by_insert
    assert result.created == Dossier.objects.count() - 1 == 3


def test_first_load_into_an_empty_table_skips_staging_and_upsert(plan, tmp_path):
    path = write_csv(tmp_path / "d.csv", GOOD["dossiers"])
    with CaptureQueriesContext(connection) as queries:
        result = import_file(kind="dossiers", source=str(path))
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    if connection.vendor == "postgresql":
        assert "import_stage_" not in sql and "ON CONFLICT" not in sql
    assert result.created == Dossier.objects.count() == 3


def test_bad_row_rolls_back_a_first_load(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(upsert, "CHUNK_ROWS", 2)  # rows copied by earlier COPYs go too
    rows = [GOOD["dossiers"][0]] + [
        [f"HS-{i}", "P01", "land", "2021-02-01", "2021-02-10", "", "0", "0"] for i in range(5)
    ]
    rows.append(["HS-BAD", "P01", "land", "2021-02-31", "2021-02-10", "", "0", "0"])
    with pytest.raises(ImportRejected):
        import_file(kind="dossiers", source=str(write_csv(tmp_path / "d.csv", rows)))
    assert not Dossier.objects.exists()


def test_rows_staged_in_several_chunks(plan, tmp_path, monkeypatch):
    monkeypatch.setattr(upsert, "CHUNK_ROWS", 2)
    rows = [GOOD["dossiers"][0]] + [
        [f"HS-{i}", "P01", "land", "2021-02-01", "2021-02-10", "", "0", "0"] for i in range(7)
    ]
    result = import_file(kind="dossiers", source=str(write_csv(tmp_path / "d.csv", rows)))
    assert result.created == Dossier.objects.count() == 7


def test_unchanged_rows_are_not_rewritten(plan, tmp_path):
    path = write_csv(tmp_path / "d.csv", GOOD["dossiers"])
    import_file(kind="dossiers", source=str(path))
    ids = dict(Dossier.objects.values_list("code", "id"))
    result = import_file(kind="dossiers", source=str(path))
    assert result.unchanged == 3
    assert dict(Dossier.objects.values_list("code", "id")) == ids


def test_stage_table_is_dropped(plan, tmp_path):
    import_file(kind="dossiers", source=str(write_csv(tmp_path / "d.csv", GOOD["dossiers"])))
    tables = connection.introspection.table_names(include_views=False)
    assert "import_stage_indicators_dossier" not in tables


def _constraints() -> dict:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Dossier._meta.db_table)
    return {
        tuple(c["columns"]): (c["primary_key"], c["unique"], c["foreign_key"], c["index"])
        for c in found.values()
    }


def test_a_first_load_leaves_every_key_and_index_as_it_found_them(plan, tmp_path):
    before = _constraints()
    import_file(kind="dossiers", source=str(write_csv(tmp_path / "d.csv", GOOD["dossiers"])))
    assert _constraints() == before
    assert ("id",) in before and ("code",) in before and ("unit_id",) in before
    new = DossierFactory(code="HS-NEW")  # the id sequence carries on after the loaded rows
    assert new.pk > max(Dossier.objects.exclude(pk=new.pk).values_list("pk", flat=True))
