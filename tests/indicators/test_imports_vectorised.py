"""A large clean dossier file is checked by column (polars) and written exactly as the
row-by-row validator would write it; any file outside the narrow checks, a bad one above all,
is read row by row and refused with the usual messages."""

import csv
import datetime as dt
from unittest import mock

import pytest

from indicators.evidence import imports, vectorised
from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.evidence.models import Dossier
from indicators.evidence.validators import DossierValidator
from indicators.evidence.vectorised import MIN_ROWS
from units.models import Unit

HEADER = ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"]
UNITS = ["P01", "P02", "NV", "P-VTS"]
FIELDS = ["land", "business", "civil-status"]


def _rows(n: int) -> list[list[str]]:
    start = dt.date(2021, 1, 1)
    rows = []
    for i in range(n):
        received = start + dt.timedelta(days=i % 300)
        due = received + dt.timedelta(days=3 + i % 11)
        resolved = received + dt.timedelta(days=i % 17)
        text = (lambda d: d.strftime("%d/%m/%Y")) if i % 10 == 0 else dt.date.isoformat
        rows.append(
            [
                f"HS-{i:07d}",
                UNITS[i % len(UNITS)],
                FIELDS[(i // 7) % len(FIELDS)],
                text(received),
                text(due),
                "" if i % 9 == 0 else text(resolved),
                "1" if i % 3 == 0 else "0",
                "1" if i % 5 == 0 else "",
            ]
        )
    return rows


def _write(path, rows, header=HEADER, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def _stored() -> list[tuple]:
    return list(
        Dossier.objects.order_by("code").values_list(
            "code",
            "unit__code",
            "field__code",
            "received_on",
            "due_on",
            "resolved_on",
            "online",
            "e_paid",
        )
    )


@pytest.fixture
def by_column():
    """Counts the files the column path was asked to read."""
    with mock.patch.object(imports, "dossiers_read", wraps=vectorised.dossiers_read) as spy:
        yield spy


def _row_by_row():
    return mock.patch.object(imports, "dossiers_read", return_value=None)


def _never_row_by_row():
    return mock.patch.object(
        DossierValidator, "rows", side_effect=AssertionError("read row by row")
    )


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_large_clean_file_is_written_as_the_row_by_row_reading_writes_it(
    plan, tmp_path, by_column, delimiter
):
    path = _write(tmp_path / "d.csv", _rows(MIN_ROWS + 500), delimiter=delimiter)
    with _row_by_row():
        slow = import_file(kind="dossiers", source=path)
    expected = _stored()
    Dossier.objects.all().delete()

    with _never_row_by_row():
        fast = import_file(kind="dossiers", source=path)

    assert (fast.created, fast.total) == (slow.created, slow.total) == (MIN_ROWS + 500,) * 2
    assert _stored() == expected
    again = import_file(kind="dossiers", source=path)
    assert again.unchanged == MIN_ROWS + 500


def test_the_column_path_fills_the_preview_and_the_changed_units(plan, tmp_path):
    path = _write(tmp_path / "d.csv", _rows(MIN_ROWS))
    read = vectorised.dossiers_read(source=path)
    assert read is not None
    validator, rows = read
    assert validator.total == MIN_ROWS and len(list(rows)) == MIN_ROWS
    assert validator.preview[0] == (2, _rows(1)[0])
    assert validator.unit_ids == set(
        Unit.objects.filter(code__in=UNITS).values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "line, cell, value, message",
    [
        (15_002, 1, "P99", 'Không có đơn vị mã "P99".'),
        (3_002, 3, "2021-02-30", 'Ngày không hợp lệ ở cột "received_on": "2021-02-30"'),
        (20_300, 0, "HS-0000001", 'Trùng mã hồ sơ "HS-0000001" với một dòng trước trong tệp.'),
        (9_002, 6, "2", 'Cột "online" phải là 0 hoặc 1, không phải "2".'),
        (12_002, 4, "2020-01-01", 'Ngày hẹn trả "due_on" trước ngày nhận "received_on".'),
    ],
)
def test_a_large_file_with_one_bad_row_is_refused_with_its_line_and_writes_nothing(
    plan, tmp_path, by_column, line, cell, value, message
):
    rows = _rows(MIN_ROWS + 500)
    rows[line - 2][cell] = value
    path = _write(tmp_path / "d.csv", rows)

    with pytest.raises(ImportRejected) as rejected:
        import_file(kind="dossiers", source=path)

    errors = rejected.value.errors
    assert len(errors) == 1 and errors[0].line == line
    assert errors[0].message.startswith(message)
    assert by_column.call_count == 1 and not Dossier.objects.exists()


def test_what_only_the_row_by_row_reading_accepts_is_still_imported(plan, tmp_path, by_column):
    rows = _rows(MIN_ROWS + 10)
    rows[5][1] = "p01"  # a unit code in lower case
    rows[6][2] = " business "  # spaces around a value
    rows[7][3] = "2021-1-4"  # month and day without their zero
    path = _write(tmp_path / "d.csv", rows)

    result = import_file(kind="dossiers", source=path)

    assert result.created == MIN_ROWS + 10 and by_column.call_count == 1
    stored = {d.code: d for d in Dossier.objects.filter(code__in=[r[0] for r in rows[5:8]])}
    assert stored[rows[5][0]].unit.code == "P01"
    assert stored[rows[6][0]].field.code == "business"
    assert stored[rows[7][0]].received_on == dt.date(2021, 1, 4)


def _frame(n: int):
    import polars as pl

    return pl.DataFrame({"code": [f"HS-{i}" for i in range(n)], "n": list(range(n))})


def test_the_copy_reads_the_whole_frame_slice_by_slice_in_order():
    frame = _frame(25)
    with vectorised.FrameCsv(frame, rows=10) as csv_file:
        parts = list(iter(csv_file.read, ""))
        assert csv_file.read() == ""  # and nothing after the end
    assert len(parts) == 3
    assert "".join(parts) == frame.write_csv(include_header=False)


def test_a_copy_that_ends_early_stops_the_writer():
    with vectorised.FrameCsv(_frame(100), rows=1, ahead=1) as csv_file:
        csv_file.read()
    assert not csv_file.writer.is_alive()


def test_a_writer_failure_reaches_the_copy():
    class Broken:
        height = 5

        def slice(self, offset, rows):
            raise ValueError("cannot write")

    with vectorised.FrameCsv(Broken(), rows=2) as csv_file, pytest.raises(ValueError):
        csv_file.read()
