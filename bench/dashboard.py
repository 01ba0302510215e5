"""Dashboard benchmark: 10,000 units with results for every target and period, then the
dashboard requested N times (Django test Client, logged in as Phòng Nội vụ); prints p50/p95.

Needs PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cchc_bench).
The database is created, migrated, loaded with the plan and dropped again.
Knobs: BENCH_UNITS (10000), BENCH_REQUESTS (50).
"""

import os
import statistics
import time

from bench.database import throwaway_database


def _fill(units: int) -> None:
    """Bulk SQL: units up to `units`, then one result per target × unit (× field) × period."""
    from django.db import connection

    from indicators.compliance.models import ComplianceResult
    from indicators.targets.models import ProcedureField, Target
    from plans.models import Plan
    from plans.periods import reported_periods
    from units.models import Unit

    plan = Plan.objects.get(code="CCHC-2021")
    as_of = plan.default_as_of()
    missing = units - Unit.objects.count()
    unit_table = Unit._meta.db_table
    result_table = ComplianceResult._meta.db_table
    field_table = ProcedureField._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"""INSERT INTO {unit_table} (code, name, kind, sector, website, email)
            SELECT 'B' || lpad(i::text, 5, '0'), 'Đơn vị thử ' || i,
                   (ARRAY['agency','public_service','ward'])[1 + i %% 3], '', '', ''
            FROM generate_series(1, %s) AS i""",
            [max(missing, 0)],
        )
        for target in Target.objects.filter(plan=plan):
            periods = [
                p.code
                for p in reported_periods(
                    plan.year, as_of, quarterly=target.quarterly, yearly=target.yearly
                )
            ]
            scopes = []
            if target.district_wide:
                scopes.append(("NULL::bigint", "NULL::bigint", "0", "", "TRUE"))
            if target.per_unit:
                fields = f", {field_table} f" if target.per_field else ""
                field = "f.id" if target.per_field else "NULL::bigint"
                scopes.append(
                    ("u.id", field, "u.id", f", {unit_table} u{fields}", "u.kind <> 'district'")
                )
            for unit_col, field_col, seed, tables, where in scopes:
                # The value is random per row (the lateral refers to the row, so it is re-run).
                cur.execute(
                    f"""INSERT INTO {result_table} (plan_id, as_of, target_id, unit_id, field_id,
                        period, numerator, denominator, value, threshold, status, computed_at)
                    SELECT %s, %s, %s, {unit_col}, {field_col}, p.period, n.num, 100, n.num, %s,
                           CASE WHEN n.num >= %s THEN 'met' ELSE 'not_met' END, now()
                    FROM unnest(%s::text[]) AS p(period){tables},
                         LATERAL (SELECT (85 + floor(random() * 16 + 0 * {seed}))::int AS num) n
                    WHERE {where}""",
                    [plan.pk, as_of, target.pk, target.threshold, target.threshold, periods],
                )
        cur.execute(f"ANALYZE {unit_table}; ANALYZE {result_table}")


def run() -> None:
    n_units = int(os.environ.get("BENCH_UNITS", "10000"))
    n_requests = int(os.environ.get("BENCH_REQUESTS", "50"))
    t0 = time.perf_counter()
    with throwaway_database():
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment

        from indicators.compliance.models import ComplianceResult
        from units.models import Role, Unit, User
        from units.roles import user_set_role

        setup_test_environment()
        _fill(n_units)
        print(
            f"  setup: {Unit.objects.count():,} units, {ComplianceResult.objects.count():,} "
            f"results in {time.perf_counter() - t0:.1f}s"
        )
        user = User.objects.create(username="bench-noivu", unit=Unit.objects.get(code="NV"))
        user_set_role(user=user, role=Role.NOIVU, unit=user.unit)
        client = Client()
        client.force_login(user)
        url_path = "/tong-quan/CCHC-2021/?as_of=2021-10-25"
        assert client.get(url_path).status_code == 200  # warm-up
        connection.queries_log.clear()  # the log is a bounded deque, full after the setup
        with CaptureQueriesContext(connection) as queries:
            client.get(url_path)
        # counted now: the next request's `reset_queries` empties the log the capture reads
        n_queries = len(queries)
        if os.environ.get("BENCH_VERBOSE"):
            slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:6]
            for q in slowest:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:160]}")
        p50, p95 = _percentiles(client, url_path, n_requests)
        verdict = "PASS" if p95 < 150 else "MISS"
        print(
            f"  dashboard, {n_units:,} units: {n_queries} queries/request, "
            f"N={n_requests}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (goal p95 < 150 ms) {verdict}"
        )
        public_page(n_requests, label="public page, no report published")


def _percentiles(client, url_path: str, n: int) -> tuple[float, float]:
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url_path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    return statistics.median(timings), timings[max(0, int(round(0.95 * len(timings))) - 1)]


def public_page(n_requests: int, *, label: str = "public page") -> None:
    """The public page, anonymous, one client after another: requests per second (its figures
    cached until a report is approved, published or reopened)."""
    from django.test import Client

    client = Client()
    url_path = "/cong-khai/CCHC-2021/"
    size = len(client.get(url_path).content)  # warm-up (fills the cache)
    n = max(n_requests, 200)
    start = time.perf_counter()
    for _ in range(n):
        assert client.get(url_path).status_code == 200
    rate = n / (time.perf_counter() - start)
    verdict = "PASS" if rate >= 200 else "MISS"
    print(
        f"  {label}: {rate:.0f} req/s, one client, N={n}, {size / 1000:.0f} kB "
        f"(goal ≥ 200 req/s) {verdict}"
    )
