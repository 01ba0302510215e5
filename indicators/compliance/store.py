"""The compliance engine's writes: compute every target of a plan × unit (or district) × field ×
period, and replace the stored results for (plan, as_of) in ONE transaction.

Counting rules: docs/counting-rules.md. A count (rule `conduct_inspections`, `initiatives`,
`outreach`) is stored as numerator = count, denominator = 1, value = count; a count is never
`no_data`. A publication result is 1/1 (value 100) or 0/1 (value 0).
"""

import datetime as dt
import queue
import threading
from collections.abc import Iterable
from decimal import Decimal
from itertools import islice

from django.db import connection, connections, transaction
from django.utils import timezone

from indicators.compliance.base import Context, Row
from indicators.compliance.models import ComplianceResult
from indicators.compliance.results_cache import results_cache_bump
from indicators.compliance.rules import compute_by_target
from plans.models import Plan


def compliance_compute(*, plan: Plan, as_of: dt.date) -> list[Row]:
    """Every result row of the plan as of a date, computed but not stored."""
    return [row for rows in compute_by_target(Context(plan=plan, as_of=as_of)) for row in rows]


def _decimal(h: int | None) -> Decimal | None:
    return None if h is None else Decimal(h).scaleb(-2)


NULL = "\\N"
ANALYZE_AFTER = 50_000  # rows written
COPY_FROM = 1_000  # rows: fewer are INSERTed


def _text(h: int | None) -> str:
    if h is None:
        return NULL
    sign = "-" if h < 0 else ""
    h = abs(h)
    return f"{sign}{h // 100}.{h % 100:02d}"


class _Lines:
    """A file for `COPY … FROM STDIN` that formats the next lines on each `read()`: the server
    stores one chunk while Python formats the next (both cores work), and the whole text of a
    country's million rows is never held at once."""

    CHUNK_LINES = 20_000

    def __init__(self, lines):
        self.lines = lines

    def read(self, size: int = -1) -> str:
        return "".join(islice(self.lines, self.CHUNK_LINES))

    readline = read


def _copy(rows: Iterable[Row], *, plan: Plan, as_of: dt.date, now) -> None:
    """PostgreSQL: stream the rows with COPY (far faster than INSERTs for a country)."""
    head = f"{plan.pk}\t{as_of.isoformat()}\t"
    tail = f"\t{now.isoformat()}\n"
    texts = {None: NULL}  # a few thousand distinct values and thresholds: format each once

    def text(h):
        texts[h] = _text(h)
        return texts[h]

    get = texts.get
    lines = (
        f"{head}{tid}\t{NULL if uid is None else uid}\t{NULL if fid is None else fid}\t"
        f"{period}\t{num}\t{den}\t{get(value_h) or text(value_h)}\t"
        f"{get(thr_h) or text(thr_h)}\t{status}\t{NULL if b_num is None else b_num}\t"
        f"{NULL if b_den is None else b_den}{tail}"
        for tid, uid, fid, period, num, den, value_h, thr_h, status, b_num, b_den in rows
    )
    buffer = _Lines(lines)
    table = ComplianceResult._meta.db_table
    columns = (
        "plan_id, as_of, target_id, unit_id, field_id, period, numerator, denominator, value, "
        "threshold, status, base_numerator, base_denominator, computed_at"
    )
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)


def _bulk_create(rows: list[Row], *, plan: Plan, as_of: dt.date, now) -> None:
    ComplianceResult.objects.bulk_create(
        (
            ComplianceResult(
                plan_id=plan.pk,
                as_of=as_of,
                target_id=tid,
                unit_id=uid,
                field_id=fid,
                period=period,
                numerator=num,
                denominator=den,
                value=_decimal(value_h),
                threshold=_decimal(thr_h),
                status=status,
                base_numerator=b_num,
                base_denominator=b_den,
                computed_at=now,
            )
            for tid, uid, fid, period, num, den, value_h, thr_h, status, b_num, b_den in rows
        ),
        batch_size=1000,
    )


def rows_create(rows: list[Row], *, plan: Plan, as_of: dt.date, now) -> None:
    """Insert result rows of (plan, as_of), inside the caller's transaction: COPY on PostgreSQL
    for many rows, INSERTs otherwise."""
    if connection.vendor == "postgresql" and len(rows) > COPY_FROM:
        _copy(rows, plan=plan, as_of=as_of, now=now)
    elif rows:
        _bulk_create(rows, plan=plan, as_of=as_of, now=now)


# A stored row's figures, in the order `row_values` gives a computed row's.
FIGURE_COLUMNS = (
    "numerator",
    "denominator",
    "value",
    "threshold",
    "status",
    "base_numerator",
    "base_denominator",
)


def row_values(row: Row) -> tuple:
    """A computed row's figures as the database returns them (`FIGURE_COLUMNS`), to tell a
    changed row."""
    _tid, _uid, _fid, _period, num, den, value_h, thr_h, status, b_num, b_den = row
    return (num, den, _decimal(value_h), _decimal(thr_h), status, b_num, b_den)


def compliance_store(*, plan: Plan, as_of: dt.date, rows: Iterable[Row]) -> int:
    """Replace the stored results of (plan, as_of) in one transaction: readers see the old set
    or the new one, never half; recomputes of one plan are serialised by a row lock on the plan,
    so two workers at once leave one set of results. The rows may be a stream (PostgreSQL
    stores them as they come: `compliance_recompute`)."""
    now = timezone.now()
    counted = _Counted(rows)
    with transaction.atomic():
        list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk"))
        ComplianceResult.objects.filter(plan=plan, as_of=as_of).delete()
        if connection.vendor == "postgresql":
            # Derived data: a crash may lose this commit (the old results stay, the next run
            # redoes it), never corrupt it; not waiting for the WAL flush saves a lot at scale.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
            _copy(counted, plan=plan, as_of=as_of, now=now)
        else:
            _bulk_create(counted, plan=plan, as_of=as_of, now=now)
        results_cache_bump(plan_id=plan.pk)
    if connection.vendor == "postgresql" and counted.count >= ANALYZE_AFTER:
        # Fresh statistics after a bulk load, or the planner reads a page of units through
        # the wrong index (seen at 10,000 units: 270 ms instead of a few).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ComplianceResult._meta.db_table}")
    return counted.count


class _Counted:
    """Rows passed through, counted."""

    def __init__(self, rows: Iterable[Row]):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def compliance_recompute(*, plan: Plan, as_of: dt.date) -> int:
    """Compute every result of the plan as of a date and store them; returns rows written.

    On PostgreSQL, outside a transaction (a worker's job, a command), the store runs beside the
    compute: a second connection, in a thread, streams each target's rows into its COPY while
    the next target is computed, so the server's writing overlaps Python's counting instead of
    following it (`bench/compliance.py`). Inside a transaction the rows must be written by the
    caller's connection, so they are computed first, then stored."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        rows = compliance_compute(plan=plan, as_of=as_of)
        return compliance_store(plan=plan, as_of=as_of, rows=rows)
    return _recompute_beside(plan=plan, as_of=as_of)


_END = object()


class _StoreThread(threading.Thread):
    """`compliance_store` on its own connection, fed target by target through a queue."""

    def __init__(self, *, plan: Plan, as_of: dt.date):
        super().__init__(name=f"compliance-store-{plan.pk}", daemon=True)
        self.plan, self.as_of = plan, as_of
        self.chunks: queue.SimpleQueue = queue.SimpleQueue()
        self.written = 0
        self.failure: BaseException | None = None

    def rows(self):
        while (chunk := self.chunks.get()) is not _END:
            if isinstance(chunk, BaseException):
                raise chunk  # the compute failed: the COPY, and its transaction, are abandoned
            yield from chunk

    def run(self):
        try:
            self.written = compliance_store(plan=self.plan, as_of=self.as_of, rows=self.rows())
        except BaseException as exc:  # reported by the caller's thread
            self.failure = exc
        finally:
            connections.close_all()  # this thread's connection


class _ComputeFailed(Exception):
    """Raised inside the store's COPY when the compute beside it failed: the COPY is abandoned."""


def _recompute_beside(*, plan: Plan, as_of: dt.date) -> int:
    store = _StoreThread(plan=plan, as_of=as_of)
    store.start()
    try:
        for rows in compute_by_target(Context(plan=plan, as_of=as_of)):
            if store.failure is not None:
                break
            store.chunks.put(rows)
    except BaseException:
        store.chunks.put(_ComputeFailed())
        store.join()
        raise
    store.chunks.put(_END)
    store.join()
    if store.failure is not None:
        raise store.failure
    return store.written
