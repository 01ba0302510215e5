"""Nghị định 30/2020/NĐ-CP headings from a unit's name, kind and parent, whatever the map."""

import pytest

from units.letterhead import (
    unit_body_lines,
    unit_place,
    unit_signature_position,
    unit_symbol,
)
from units.models import Unit

pytestmark = pytest.mark.django_db


def unit(code, name, kind, parent=None):
    return Unit.objects.create(code=code, name=name, kind=kind, parent=parent)


@pytest.fixture
def city():
    return unit("HCM", "Thành phố Hồ Chí Minh", Unit.Kind.CITY)


def test_a_district_committee_issues_in_its_full_name_with_no_line_above(city):
    district = unit("D3", "Ủy ban nhân dân Quận 3", Unit.Kind.DISTRICT, city)
    assert unit_body_lines(district) == ("ỦY BAN NHÂN DÂN QUẬN 3",)
    assert unit_place(district) == "Quận 3"
    assert unit_symbol(district) == "UBND"
    assert unit_signature_position(district) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")


def test_a_city_committee_is_named_from_the_city(city):
    assert unit_body_lines(city) == ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",)
    assert unit_place(city) == "Thành phố Hồ Chí Minh"


def test_a_ward_committee_is_a_committee_not_an_office_of_its_parent(city):
    ward = unit("BC", "Phường Bàn Cờ", Unit.Kind.WARD, city)
    assert unit_body_lines(ward) == ("ỦY BAN NHÂN DÂN PHƯỜNG BÀN CỜ",)
    assert unit_place(ward) == "Phường Bàn Cờ"


def test_an_office_is_written_under_its_committee_and_dated_at_its_place(city):
    ward = unit("XH", "Phường Xuân Hòa", Unit.Kind.WARD, city)
    office = unit("VH-XH", "Phòng Văn hóa - Xã hội", Unit.Kind.AGENCY, ward)
    assert unit_body_lines(office) == ("ỦY BAN NHÂN DÂN PHƯỜNG XUÂN HÒA", "PHÒNG VĂN HÓA - XÃ HỘI")
    assert unit_place(office) == "Phường Xuân Hòa"
    assert unit_symbol(office) == "VH-XH"
    assert unit_signature_position(office) == ("TRƯỞNG PHÒNG",)


def test_a_school_under_an_office_has_the_office_above_and_the_committees_place(city):
    office = unit("GD", "Phòng Giáo dục và Đào tạo", Unit.Kind.AGENCY, city)
    school = unit("TH1", "Trường Tiểu học Lê Văn Tám", Unit.Kind.PUBLIC_SERVICE, office)
    assert unit_body_lines(school) == (
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "TRƯỜNG TIỂU HỌC LÊ VĂN TÁM",
    )
    assert unit_place(school) == "Thành phố Hồ Chí Minh"
    assert unit_signature_position(school) == ("HIỆU TRƯỞNG",)
