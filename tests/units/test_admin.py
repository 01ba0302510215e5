"""The units admin: its file import is `import_data units` (every bad row listed, nothing
written), its export re-imports unchanged, and a new unit is active from today."""

import csv
import datetime as dt
import html as htmllib
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.evidence.imports import import_file
from units.models import Unit

HEADER = ["code", "name", "kind", "sector", "parent", "active_from", "active_to", "successors"]


def csv_upload(rows, name="units.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def post_import(client, rows, button="import"):
    return client.post(reverse("admin:units_unit_import"), {"file": csv_upload(rows), button: "1"})


@pytest.fixture
def admin_client_(client, admin_user_):
    client.force_login(admin_user_)
    return client


def test_import_page_is_in_vietnamese(admin_client_):
    html = admin_client_.get(reverse("admin:units_unit_import")).content.decode()
    assert "Nhập đơn vị từ tệp" in html
    assert "Kiểm tra và nhập" in html


def test_changelist_links_to_the_file_import_and_export(admin_client_):
    html = admin_client_.get(reverse("admin:units_unit_changelist")).content.decode()
    assert reverse("admin:units_unit_import") in html
    assert reverse("admin:units_unit_export", args=["csv"]) in html


def test_bad_file_lists_every_bad_row_in_vietnamese_and_writes_nothing(admin_client_):
    before = Unit.objects.count()
    response = post_import(
        admin_client_,
        [
            HEADER,
            ["X1", "", "ward", "", "", "", "", ""],
            ["X2", "Hai", "badkind", "", "", "", "", ""],
            ["X3", "Ba", "ward", "", "NOPE", "", "", ""],
            ["X4", "Bốn", "ward", "", "", "2025-06-01", "2025-01-01", ""],
            ["X5", "Năm", "ward", "", "", "", "", ""],
        ],
    )
    assert response.status_code == 400
    html = htmllib.unescape(response.content.decode())
    assert 'Dòng 2: Thiếu giá trị cột "name".' in html
    assert 'Dòng 3: Giá trị "badkind" không hợp lệ ở cột "kind"' in html
    assert 'Dòng 4: Không có đơn vị cấp trên mã "NOPE"' in html
    assert 'Dòng 5: Ngày "hoạt động đến ngày" (active_to) trước' in html
    assert "Dòng 6" not in html
    assert "Tệp bị từ chối, không ghi dòng nào: 4 lỗi." in html
    assert Unit.objects.count() == before


def test_good_file_with_dated_columns_imports(admin_client_):
    response = post_import(
        admin_client_,
        [
            HEADER,
            ["P20", "Phường 20", "ward", "", "", "", "31/12/2024", "P21"],
            ["P21", "Phường 21", "ward", "", "", "2025-01-01", "", ""],
        ],
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:units_unit_changelist")
    p20, p21 = Unit.objects.get(code="P20"), Unit.objects.get(code="P21")
    assert (p20.active_from, p20.active_to) == (None, dt.date(2024, 12, 31))
    assert p21.active_from == dt.date(2025, 1, 1)
    assert list(p20.successors.values_list("code", flat=True)) == ["P21"]
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages and messages[0].startswith("Đã nhập units: 2 dòng")


def test_check_only_writes_nothing(admin_client_):
    response = post_import(
        admin_client_, [HEADER, ["P20", "Phường 20", "ward", "", "", "", "", ""]], button="check"
    )
    assert response.status_code == 200
    assert "Kiểm tra (không ghi) units: 1 dòng — mới 1" in response.content.decode()
    assert not Unit.objects.filter(code="P20").exists()


@time_machine.travel(dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
def test_unit_added_without_active_from_is_active_from_today(admin_client_):
    form = admin_client_.get(reverse("admin:units_unit_add")).content.decode()
    assert 'value="04/03/2025"' in form
    response = admin_client_.post(
        reverse("admin:units_unit_add"),
        {"code": "P30", "name": "Phường 30", "kind": "ward", "active_from": ""},
    )
    assert response.status_code == 302, response.content.decode()
    assert Unit.objects.get(code="P30").active_from == dt.date(2025, 3, 4)


def test_unit_form_rejects_active_to_before_active_from(admin_client_):
    response = admin_client_.post(
        reverse("admin:units_unit_add"),
        {
            "code": "P30",
            "name": "Phường 30",
            "kind": "ward",
            "active_from": "01/06/2025",
            "active_to": "01/01/2025",
        },
    )
    assert response.status_code == 200
    assert "(active_to) trước ngày" in response.content.decode()
    assert not Unit.objects.filter(code="P30").exists()


def test_unit_form_rejects_itself_as_successor(admin_client_):
    p01 = Unit.objects.get(code="P01")
    response = admin_client_.post(
        reverse("admin:units_unit_change", args=[p01.pk]),
        {"code": "P01", "name": p01.name, "kind": "ward", "successors": [p01.pk]},
    )
    assert response.status_code == 200
    assert "Đơn vị không thể là đơn vị kế thừa của chính nó." in htmllib.unescape(
        response.content.decode()
    )


def test_active_filter_lists_only_units_active_today(admin_client_):
    Unit.objects.filter(code="P02").update(active_to=dt.date(2020, 1, 1))
    url = reverse("admin:units_unit_changelist") + "?dang_hoat_dong=1"
    html = admin_client_.get(url).content.decode()
    assert "P01 –" in html or ">P01<" in html
    assert ">P02<" not in html


def test_admin_export_has_dates_and_successors_and_reimports_unchanged(admin_client_, tmp_path):
    p10, p09 = Unit.objects.get(code="P10"), Unit.objects.get(code="P09")
    p10.active_to = dt.date(2024, 12, 31)
    p10.save()
    p10.successors.set([p09])
    Unit.objects.filter(code="P09").update(active_from=dt.date(2021, 1, 1))
    response = admin_client_.get(reverse("admin:units_unit_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == HEADER
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["P10"][5:] == ["", "2024-12-31", "P09"]
    assert by_code["P09"][5:] == ["2021-01-01", "", ""]
    path = tmp_path / "units.csv"
    path.write_text(body, encoding="utf-8")
    result = import_file(kind="units", source=str(path))
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == len(rows) - 1
