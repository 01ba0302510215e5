"""What each import column is: its Vietnamese label, its type, whether it may be left blank,
what it means and, for a choice column, its codes and labels (docs/imports.md).

One home for the importer (a header cell may be a column's code or its label; a choice column
takes a code or its label) and for the downloadable templates (`templates_xlsx`). A column this
catalogue does not know is plain text labelled by its code, so a new kind still gets a template.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from indicators.evidence.models import Feedback
from inspections.models import Inspection
from units.models import Unit

# Column types: how the template formats and checks a column.
TEXT = "text"
DATE = "date"
FLAG = "flag"  # 0 or 1
COUNT = "count"  # a non-negative integer
UNIT = "unit"  # a unit code
UNITS = "units"  # unit codes separated by ";"
FIELD = "field"  # a procedure field code
PERIOD = "period"  # 2021-Q1 … 2021-Q4, 2021
QUARTER = "quarter"  # 2021-Q1 … 2021-Q4
CHOICE = "choice"  # one of `Column.choices`
URL = "url"


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    type: str = TEXT
    required: bool = True
    help: str = ""
    choices: type[models.Choices] | None = None


def _column(code: str, label, type_: str = TEXT, **kw) -> Column:
    return Column(code=code, label=label, type=type_, **kw)


_COMMON = {
    c.code: c
    for c in (
        _column("code", _("Mã"), help=_("Mã của bản ghi, duy nhất; nhập lại cùng mã là cập nhật.")),
        _column("unit", _("Mã đơn vị"), UNIT, help=_("Mã đơn vị (VD: P01, NV).")),
        _column("field", _("Mã lĩnh vực"), FIELD, help=_("Mã lĩnh vực TTHC (VD: land).")),
        _column("period", _("Kỳ"), PERIOD, help=_("Quý (2021-Q1 … 2021-Q4) hoặc năm (2021).")),
        _column("received_on", _("Ngày tiếp nhận"), DATE, help=_("Ngày nhận hồ sơ, phản ánh.")),
        _column("due_on", _("Ngày hẹn trả"), DATE, help=_("Hạn trả kết quả, hạn xử lý.")),
        _column(
            "resolved_on",
            _("Ngày giải quyết"),
            DATE,
            required=False,
            help=_("Để trống nếu chưa giải quyết."),
        ),
        _column(
            "online",
            _("Nộp trực tuyến"),
            FLAG,
            required=False,
            help=_("1: hồ sơ nộp trực tuyến; 0 hoặc để trống: không."),
        ),
        _column(
            "e_paid",
            _("Thanh toán trực tuyến"),
            FLAG,
            required=False,
            help=_("1: phí, lệ phí thanh toán trực tuyến; 0 hoặc để trống: không."),
        ),
        _column("responses", _("Số phiếu khảo sát"), COUNT, help=_("Số phiếu thu về trong kỳ.")),
        _column(
            "satisfied",
            _("Số phiếu hài lòng"),
            COUNT,
            help=_("Không lớn hơn số phiếu khảo sát."),
        ),
        _column(
            "channel", _("Kênh tiếp nhận"), CHOICE, choices=Feedback.Channel, help=_("Nơi nhận.")
        ),
        _column(
            "published_on",
            _("Ngày công khai"),
            DATE,
            required=False,
            help=_("Ngày công khai kết quả xử lý; để trống nếu chưa công khai."),
        ),
        _column("date", _("Ngày"), DATE, help=_("Ngày của bản ghi.")),
        _column("lead", _("Trưởng đoàn"), required=False, help=_("Họ tên trưởng đoàn kiểm tra.")),
        _column("conclusion", _("Kết luận"), required=False, help=_("Kết luận kiểm tra.")),
        _column("title", _("Tên"), help=_("Tên, nội dung ngắn gọn.")),
        _column(
            "url",
            _("Đường dẫn công khai"),
            URL,
            help=_("Địa chỉ trang công khai kết quả (https://…)."),
        ),
        _column("adopted_on", _("Ngày áp dụng"), DATE, help=_("Ngày bắt đầu thu phí trực tuyến.")),
        _column("name", _("Tên đơn vị"), help=_("Tên đầy đủ của đơn vị.")),
        _column(
            "sector",
            _("Ngành"),
            required=False,
            help=_("Để trống, hoặc VD: education (trường học)."),
        ),
        _column(
            "parent",
            _("Mã đơn vị cấp trên"),
            UNIT,
            required=False,
            help=_("Để trống: quận (không có cấp trên với quận, thành phố)."),
        ),
        _column(
            "active_from",
            _("Hoạt động từ ngày"),
            DATE,
            required=False,
            help=_("Để trống: từ trước đến nay."),
        ),
        _column(
            "active_to",
            _("Hoạt động đến ngày"),
            DATE,
            required=False,
            help=_("Để trống: còn hoạt động."),
        ),
        _column(
            "successors",
            _("Đơn vị kế thừa"),
            UNITS,
            required=False,
            help=_("Mã các đơn vị nhận lại nhiệm vụ, cách nhau bởi dấu ;"),
        ),
        # Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP)
        _column("received_online", _("Số hồ sơ nhận trực tuyến"), COUNT),
        _column("received_direct", _("Số hồ sơ nhận trực tiếp, qua bưu chính"), COUNT),
        _column("carried_over", _("Số hồ sơ kỳ trước chuyển qua"), COUNT),
        _column("resolved_early", _("Số hồ sơ giải quyết trước hạn"), COUNT),
        _column("resolved_on_time", _("Số hồ sơ giải quyết đúng hạn"), COUNT),
        _column("resolved_late", _("Số hồ sơ giải quyết quá hạn"), COUNT),
        _column("pending_in_time", _("Số hồ sơ đang giải quyết trong hạn"), COUNT),
        _column("pending_overdue", _("Số hồ sơ đang giải quyết quá hạn"), COUNT),
    )
}

# What a column is in one kind when it differs from `_COMMON`.
_BY_KIND = {
    "dossiers": {"code": {"label": _("Mã hồ sơ")}},
    "feedback": {"code": {"label": _("Mã phản ánh")}},
    "inspections": {
        "code": {"label": _("Mã cuộc kiểm tra")},
        "kind": {
            "label": _("Loại kiểm tra"),
            "type": CHOICE,
            "choices": Inspection.Kind,
            "help": _("Định kỳ hay đột xuất; kiểm tra công vụ đột xuất tính riêng."),
        },
        "unit": {"label": _("Mã đơn vị được kiểm tra")},
        "date": {"label": _("Ngày kiểm tra"), "help": _("Không được sau hôm nay.")},
    },
    "initiatives": {
        "code": {"label": _("Mã sáng kiến")},
        "title": {"label": _("Tên sáng kiến")},
        "date": {"label": _("Ngày công nhận")},
    },
    "outreach": {
        "code": {"label": _("Mã sản phẩm")},
        "title": {"label": _("Tên sản phẩm tuyên truyền")},
        "date": {"label": _("Ngày phát hành")},
    },
    "publications": {"published_on": {"required": True, "help": ""}},
    "units": {
        "code": {"label": _("Mã đơn vị"), "help": _("Mã mới được ghi chữ hoa.")},
        "kind": {
            "label": _("Loại đơn vị"),
            "type": CHOICE,
            "choices": Unit.Kind,
            "help": _("Cơ quan, đơn vị sự nghiệp, phường, xã; quận, thành phố: phạm vi."),
        },
    },
    "form06": {"period": {"type": QUARTER, "help": _("Một quý: 2021-Q1 … 2021-Q4.")}},
}

# The key of a kind when it is not its first column: rows are upserted by it.
_KEYS = {
    "satisfaction": ("unit", "field", "period"),
    "publications": ("unit", "period"),
    "form06": ("unit", "field", "period"),
}


def column_spec(*, kind: str, code: str) -> Column:
    override = _BY_KIND.get(kind, {}).get(code)
    base = _COMMON.get(code) or Column(code=code, label=code)
    return dataclasses.replace(base, **override) if override else base


def kind_key(*, kind: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    return _KEYS.get(kind, columns[:1])


def text_fold(value: str) -> str:
    """Lower case without accents and with single spaces: "Mã  Đơn vị" is "ma don vi"."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _labels(label) -> set[str]:
    """A label as written in Vietnamese and in the language of the request."""
    with translation.override("vi"):
        vietnamese = str(label)
    return {vietnamese, str(label)}


def header_codes(*, kind: str, columns: tuple[str, ...], header: list[str]) -> list[str]:
    """The header with every cell that is a column's label (accents and case ignored) replaced
    by that column's code; codes and unknown cells stay as they are."""
    by_label = {}
    for code in columns:
        for label in _labels(column_spec(kind=kind, code=code).label):
            by_label.setdefault(text_fold(label), code)
    return [cell if cell in columns else by_label.get(text_fold(cell), cell) for cell in header]


def choice_lookup(choices: type[models.Choices]) -> dict[str, str]:
    """Every spelling a choice column takes, folded (`text_fold`): its codes and its labels →
    the code."""
    lookup = {}
    for code, label in choices.choices:
        lookup[text_fold(code)] = code
        for text in _labels(label):
            lookup.setdefault(text_fold(text), code)
    return lookup


def choice_vietnamese(choices: type[models.Choices]) -> list[tuple[str, str]]:
    """(code, Vietnamese label) of a choice column, in its order (for the template)."""
    with translation.override("vi"):
        return [(code, str(label)) for code, label in choices.choices]
