"""The COPY/UPSERT engine for the evidence tables.

Clean tuples go through a staging table: PostgreSQL loads it with `COPY`, SQLite with
`executemany`; then one `INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE ... WHERE (columns) IS
DISTINCT FROM (...)` writes only new and changed rows, so a second import of the same file
changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

from django.db import connection, transaction

from indicators.evidence.validation import Validator

CHUNK_ROWS = 50_000  # rows per INSERT batch into the staging table (SQLite)
STREAM_ROWS = 2_000  # rows per COPY message (PostgreSQL)


class _Rejected(Exception):
    """Rolls a direct load back when the file turned out to have a bad row."""


class RowStream:
    """A file object for `COPY … FROM STDIN` that serialises the next clean rows on each
    `read()`, so PostgreSQL stores rows while Python is still validating the rest of the file.

    Once a bad row is seen it sends nothing more but still validates to the end (every error is
    reported); the caller then throws the copied rows away (staging table or rolled back).
    """

    def __init__(self, rows: Iterable[tuple], validator: Validator, batch: int = STREAM_ROWS):
        self.rows = iter(rows)
        self.validator = validator
        self.batch = batch
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    done = False
    sent = 0
    failure: BaseException | None = None  # raised while reading the file, inside the COPY

    def read(self, size: int = -1) -> str:
        try:
            return self._read()
        except Exception as exc:
            # psycopg2 would turn it into "COPY from stdin failed": keep it for the caller.
            self.failure, self.done = exc, True
            raise

    def _read(self) -> str:
        if self.done or self.sent >= CHUNK_ROWS:
            return ""  # ends this COPY
        chunk = list(islice(self.rows, self.batch))
        if self.validator.errors:
            for _row in self.rows:
                pass
            self.done = True
            return ""
        if not chunk:
            self.done = True
            return ""
        self.sent += len(chunk)
        buffer = self.buffer
        buffer.seek(0)
        buffer.truncate()
        self.writer.writerows(chunk)
        return buffer.getvalue()

    readline = read


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class SqlUpsert:
    """Stage clean tuples in a temporary table, then upsert them in one statement.

    `columns` are model field names in the tuple's order; `conflict` the key; `update` the
    columns compared and rewritten (others are written on insert only).
    """

    def __init__(self, model, columns, conflict, update):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in columns]
        self.columns = [f.column for f in self.fields]
        self.conflict = [model._meta.get_field(name).column for name in conflict]
        self.update = [model._meta.get_field(name).column for name in update]
        self.table = model._meta.db_table
        self.stage_table = f"import_stage_{self.table}"

    def q(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def create_stage(self, cursor) -> None:
        columns = ", ".join(f"{self.q(f.column)} {self._type(f)}" for f in self.fields)
        cursor.execute(f"DROP TABLE IF EXISTS {self.q(self.stage_table)}")
        cursor.execute(f"CREATE TEMPORARY TABLE {self.q(self.stage_table)} ({columns})")

    def _type(self, f) -> str:
        return f.rel_db_type(connection) if f.is_relation else f.db_type(connection)

    def drop_stage(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {self.q(self.stage_table)}")

    def _copy_sql(self, table: str) -> str:
        column_list = ", ".join(self.q(c) for c in self.columns)
        text_columns = [
            self.q(f.column)
            for f in self.fields
            if not f.is_relation
            and f.get_internal_type() in ("CharField", "TextField", "FileField")
        ]
        force = f", FORCE_NOT_NULL ({', '.join(text_columns)})" if text_columns else ""
        return f"COPY {self.q(table)} ({column_list}) FROM STDIN WITH (FORMAT csv{force})"

    def _copy(self, cursor, table: str, rows: Iterable[tuple], validator: Validator) -> None:
        """PostgreSQL: ONE `COPY` fed while the file is being validated (see `RowStream`), or
        of rows already checked by column (`vectorised.CleanFrame`)."""
        sql = self._copy_sql(table)
        raw = cursor.cursor
        if hasattr(rows, "csv_file"):
            with rows.csv_file() as csv_file:
                if hasattr(raw, "copy_expert"):  # psycopg2
                    raw.copy_expert(sql, csv_file, size=1 << 20)
                else:  # psycopg 3
                    with raw.copy(sql) as copy:
                        for text in iter(csv_file.read, ""):
                            copy.write(text)
            return
        stream = RowStream(rows, validator)
        while not stream.done:  # one COPY per CHUNK_ROWS rows, progress reported in between
            stream.sent = 0
            validator.copying = True
            try:
                if hasattr(raw, "copy_expert"):  # psycopg2
                    raw.copy_expert(sql, stream, size=1 << 16)
                else:  # psycopg 3
                    with raw.copy(sql) as copy:
                        while chunk := stream.read():
                            copy.write(chunk)
            except Exception:
                if stream.failure is not None:  # the file's own error (too long, too many rows)
                    raise stream.failure from None
                raise
            finally:
                validator.copying = False
            if validator.held_progress:
                validator.held_progress(validator.total)
                validator.held_progress = None

    def stage(self, cursor, rows: Iterable[tuple], validator: Validator) -> None:
        """Stage in chunks; once a bad row is seen, keep validating but stop staging."""
        if connection.vendor == "postgresql":
            self._copy(cursor, self.stage_table, rows, validator)
            return
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK_ROWS:
                if not validator.errors:
                    self._stage_batch(cursor, batch)
                batch = []
        if batch and not validator.errors:
            self._stage_batch(cursor, batch)

    def _stage_batch(self, cursor, batch: list[tuple]) -> None:
        column_list = ", ".join(self.q(c) for c in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        cursor.executemany(
            f"INSERT INTO {self.q(self.stage_table)} ({column_list}) VALUES ({marks})", batch
        )

    def _distinct(self, left: str, right: str) -> str:
        op = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
        lhs = ", ".join(f"{left}.{self.q(c)}" for c in self.update)
        rhs = ", ".join(f"{right}.{self.q(c)}" for c in self.update)
        return f"({lhs}) {op} ({rhs})"

    def count(self, cursor) -> Counts:
        """New / updated / unchanged, by joining the staged rows with the table (dry run)."""
        on = " AND ".join(f"t.{self.q(c)} = s.{self.q(c)}" for c in self.conflict)
        pk = self.q(self.model._meta.pk.column)
        cursor.execute(
            f"SELECT COUNT(*), "
            f"COALESCE(SUM(CASE WHEN t.{pk} IS NULL THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN t.{pk} IS NOT NULL AND {self._distinct('t', 's')} "
            f"THEN 1 ELSE 0 END), 0) "
            f"FROM {self.q(self.stage_table)} s LEFT JOIN {self.q(self.table)} t ON {on}"
        )
        total, created, updated = cursor.fetchone()
        return Counts(created, updated, total - created - updated)

    def upsert_sql(self) -> str:
        column_list = ", ".join(self.q(c) for c in self.columns)
        sets = ", ".join(f"{self.q(c)} = excluded.{self.q(c)}" for c in self.update)
        on = " AND ".join(f"t.{self.q(c)} = s.{self.q(c)}" for c in self.conflict)
        staged = ", ".join(f"s.{self.q(c)}" for c in self.columns)
        # Unchanged rows are dropped by one anti-join first, so a re-import rewrites nothing and
        # does not probe the unique index row by row.
        return (
            f"INSERT INTO {self.q(self.table)} AS t ({column_list}) "
            f"SELECT {staged} FROM {self.q(self.stage_table)} s WHERE NOT EXISTS ("
            f"SELECT 1 FROM {self.q(self.table)} t WHERE {on} AND NOT {self._distinct('t', 's')}) "
            f"ON CONFLICT ({', '.join(self.q(c) for c in self.conflict)}) DO UPDATE SET {sets} "
            f"WHERE {self._distinct('t', 'excluded')}"
        )

    def apply(self, cursor, total: int) -> Counts:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH up AS ({self.upsert_sql()} RETURNING (xmax = 0) AS inserted) "
                "SELECT COUNT(*) FILTER (WHERE inserted), COUNT(*) FILTER (WHERE NOT inserted) "
                "FROM up"
            )
            created, updated = cursor.fetchone()
            return Counts(created, updated, total - created - updated)
        counts = self.count(cursor)
        cursor.execute(self.upsert_sql())
        return counts

    def load_empty(self, rows: Iterable[tuple], *, validator: Validator) -> Counts | None:
        """PostgreSQL, first load: when the table is empty, COPY the rows straight into it.

        Nothing can conflict with an empty table (the validator already rejects a key repeated
        in the file), so the staging table and the upsert are skipped; and, as `pg_restore`
        does, the secondary indexes and the unique and foreign-key constraints are dropped for
        the load and built again once at the end (a sort per index and ONE join per foreign
        key instead of a check per row: 10 s → 1.2 s for a million dossiers). The empty table
        is locked (ACCESS EXCLUSIVE: readers of it wait) until the commit; everything, the
        dropped constraints included, is rolled back when a bad row turns up.
        None when the table is not empty: nothing was read.
        """
        table = self.q(self.table)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
                if cursor.fetchone()[0]:
                    return None
                # Foreign keys cannot be dropped or added while checks deferred earlier in this
                # transaction are pending on the tables they join: run those checks now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                rebuild = self._drop_secondary(cursor)
                self._copy(cursor, self.table, rows, validator)
                if validator.errors:
                    raise _Rejected
                for sql in rebuild:
                    cursor.execute(sql)
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys' default
        except _Rejected:
            return Counts()
        if validator.total:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {table}")
        return Counts(created=validator.total)

    def _drop_secondary(self, cursor) -> list[str]:
        """Drop the table's primary key (the COPY leaves ids to the column's identity), unique and
        foreign-key constraints and other indexes; return the statements that build them again
        (indexes first, foreign keys last)."""
        table = self.q(self.table)
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS ("
            "SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid "
            "AND c.conindid = i.indexrelid)",
            [self.table],
        )
        indexes = cursor.fetchall()
        # The primary key too, unless another table's foreign key hangs on it.
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint c "
            "WHERE conrelid = %s::regclass AND (contype IN ('u', 'f') OR contype = 'p' AND NOT "
            "EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = c.conrelid)) "
            "ORDER BY contype DESC",
            [self.table],
        )
        constraints = cursor.fetchall()
        for name, _definition, _kind in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {self.q(name)}")
        for _definition, name in indexes:
            cursor.execute(f"DROP INDEX {name}")
        return [definition for definition, _name in indexes] + [
            f"ALTER TABLE {table} ADD CONSTRAINT {self.q(name)} {definition}"
            for name, definition, _kind in constraints
        ]

    def run(self, rows: Iterable[tuple], *, validator: Validator, dry_run: bool) -> Counts:
        if connection.vendor == "postgresql" and not dry_run:
            counts = self.load_empty(rows, validator=validator)
            if counts is not None:
                return counts
        with connection.cursor() as cursor:
            self.create_stage(cursor)
            try:
                # A savepoint: a file error raised inside the COPY (a cell too long, too many
                # rows) aborts only it, so the staging table can still be dropped afterwards.
                with transaction.atomic():
                    self.stage(cursor, rows, validator)
                if validator.errors or not validator.total:
                    return Counts()
                if connection.vendor == "postgresql":
                    cursor.execute(f"ANALYZE {self.q(self.stage_table)}")
                if dry_run:
                    return self.count(cursor)
                with transaction.atomic():
                    return self.apply(cursor, validator.total)
            finally:
                self.drop_stage(cursor)
