"""Import benchmark: N dossiers (BENCH_DOSSIERS, default 1,000,000) through `import_data`,
against a raw PostgreSQL `COPY` of the same file into a bare table with the same columns.

Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cchc_bench).
The database is created, migrated, loaded with the plan and dropped again.
"""

import csv
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from bench.database import throwaway_database


def generate(path: Path, n: int, units: list[str], fields: list[str]) -> None:
    rng = random.Random(2021)
    start = dt.date(2021, 1, 1)
    days = [(start + dt.timedelta(days=d)) for d in range(365)]
    iso = [d.isoformat() for d in days]
    dmy = [d.strftime("%d/%m/%Y") for d in days]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"]
        )
        for i in range(n):
            received = rng.randrange(300)
            due = received + rng.randrange(3, 20)
            resolved = received + rng.randrange(0, 25) if rng.random() < 0.9 else None
            text = dmy if i % 10 == 0 else iso  # a share of files use DD/MM/YYYY
            writer.writerow(
                [
                    f"HS-{i:08d}",
                    units[i % len(units)],
                    fields[(i // 7) % len(fields)],
                    text[received],
                    text[min(due, 364)],
                    "" if resolved is None else text[min(resolved, 364)],
                    "1" if rng.random() < 0.4 else "0",
                    "1" if rng.random() < 0.2 else "0",
                ]
            )


def _raw_copy(path: Path) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_dossier")
        cursor.execute(
            "CREATE TABLE bench_raw_dossier (code varchar(60), unit varchar(32), "
            "field varchar(40), received_on date, due_on date, resolved_on date, "
            "online boolean, e_paid boolean)"
        )
        cursor.execute("SET datestyle = 'ISO, DMY'")
        started = time.perf_counter()
        with open(path, encoding="utf-8") as fh:
            cursor.cursor.copy_expert(
                "COPY bench_raw_dossier FROM STDIN WITH (FORMAT csv, HEADER true)", fh
            )
        elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_raw_dossier")
    return elapsed


def _indexed_copy(tmp: Path) -> float:
    """Reference: COPY of the resolved rows into a copy of the dossier table with its indexes
    and foreign keys (what any load into the real table must pay)."""
    from django.db import connection

    cols = "code, unit_id, field_id, received_on, due_on, resolved_on, online, e_paid"
    path = tmp / "resolved.csv"
    with connection.cursor() as cursor:
        with open(path, "w", encoding="utf-8") as fh:
            cursor.cursor.copy_expert(
                f"COPY (SELECT {cols} FROM indicators_dossier) TO STDOUT WITH (FORMAT csv)", fh
            )
        cursor.execute("DROP TABLE IF EXISTS bench_indexed_dossier")
        cursor.execute("CREATE TABLE bench_indexed_dossier (LIKE indicators_dossier INCLUDING ALL)")
        cursor.execute(
            "ALTER TABLE bench_indexed_dossier "
            "ADD FOREIGN KEY (unit_id) REFERENCES units_unit (id), "
            "ADD FOREIGN KEY (field_id) REFERENCES indicators_procedurefield (id)"
        )
        started = time.perf_counter()
        with open(path, encoding="utf-8") as fh:
            cursor.cursor.copy_expert(
                f"COPY bench_indexed_dossier ({cols}) FROM STDIN WITH (FORMAT csv)", fh
            )
        elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_indexed_dossier")
    return elapsed


def run() -> None:
    n = int(os.environ.get("BENCH_DOSSIERS", "1000000"))
    with throwaway_database():
        from indicators.evidence.imports import import_file
        from indicators.evidence.models import Dossier
        from indicators.targets.models import ProcedureField
        from units.models import Unit

        units = list(Unit.objects.below_scope().values_list("code", flat=True))
        fields = list(ProcedureField.objects.values_list("code", flat=True))

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dossiers.csv"
            started = time.perf_counter()
            generate(path, n, units, fields)
            size = path.stat().st_size / 1e6
            took = time.perf_counter() - started
            print(f"  generated {n:,} dossiers ({size:.0f} MB) in {took:.1f} s")

            started = time.perf_counter()
            result = import_file(kind="dossiers", source=str(path))
            first = time.perf_counter() - started
            assert result.created == n and Dossier.objects.count() == n

            started = time.perf_counter()
            again = import_file(kind="dossiers", source=str(path))
            second = time.perf_counter() - started
            assert again.unchanged == n

            raw = _raw_copy(path)
            indexed = _indexed_copy(Path(tmp))

        ratio = raw / first
        verdict = "PASS" if ratio >= 0.5 else "MISS"
        print(f"  import_data, first load:       {first:7.1f} s  {n / first:>11,.0f} rows/s")
        print(f"  import_data, same file again:  {second:7.1f} s  {n / second:>11,.0f} rows/s")
        print(f"  raw COPY into a bare table:    {raw:7.1f} s  {n / raw:>11,.0f} rows/s")
        print(
            f"  GOAL import ≥ 50 % of raw COPY rate: {100 * ratio:5.1f} %  {verdict}"
            "  (first load vs raw COPY)"
        )
        print(
            f"  extra: COPY of the resolved rows into a table with the dossier indexes and "
            f"foreign keys: {indexed:.1f} s; import at {100 * indexed / first:.0f} % of that rate"
        )
