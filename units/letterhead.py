"""How a unit heads and signs an administrative document, after Nghị định 30/2020/NĐ-CP,
Phụ lục I: its issuing body (with the direct parent above it), the place on the date line, the
symbol after the number and the signer's position. Everything comes from the unit's name, kind
and parent, so a plan whose scope is a ward, a district or a city heads its documents alike.
"""

from units.models import Unit

# A people's committee (UBND) issues in its own name: NĐ 30 writes no governing body above it.
COMMITTEE_KINDS = (Unit.Kind.CITY, Unit.Kind.DISTRICT, Unit.Kind.WARD, Unit.Kind.COMMUNE)
COMMITTEE = "Ủy ban nhân dân"
# A committee's name may already start with its body ("Ủy ban nhân dân Quận 3").
COMMITTEE_PREFIXES = ("ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd ")
# The head's title of an office under a committee, from the first words of its name.
HEAD_TITLES = (
    ("văn phòng", "CHÁNH VĂN PHÒNG"),
    ("thanh tra", "CHÁNH THANH TRA"),
    ("phòng", "TRƯỞNG PHÒNG"),
    ("trường", "HIỆU TRƯỞNG"),
    ("ban", "TRƯỞNG BAN"),
    ("trung tâm", "GIÁM ĐỐC"),
)
HEAD_TITLE_DEFAULT = "THỦ TRƯỞNG ĐƠN VỊ"


def unit_is_committee(unit: Unit) -> bool:
    return unit.kind in COMMITTEE_KINDS


def _committee_place(unit: Unit) -> str:
    name = unit.name.strip()
    for prefix in COMMITTEE_PREFIXES:
        if name.lower().startswith(prefix):
            return name[len(prefix) :].strip()
    return name


def unit_place(unit: Unit) -> str:
    """The place on the date line: the administrative unit where the body sits (NĐ 30, Phụ lục
    I, II.4): "Quận 3" for UBND Quận 3 and for its offices, "Phường 1" for UBND Phường 1."""
    seen = set()
    while not unit_is_committee(unit) and unit.parent_id and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.parent
    return _committee_place(unit) if unit_is_committee(unit) else unit.name.strip()


def unit_body_title(unit: Unit) -> str:
    """The body's full name as written in a sentence: "Ủy ban nhân dân Quận 3", "Phòng Nội vụ"."""
    if unit_is_committee(unit):
        return f"{COMMITTEE} {_committee_place(unit)}"
    return unit.name.strip()


def unit_body_lines(unit: Unit) -> tuple[str, ...]:
    """The issuing body, in full and upper case, under its direct parent where it has one (NĐ
    30, Phụ lục I, II.3): ("ỦY BAN NHÂN DÂN QUẬN 3",) for the committee itself, ("ỦY BAN NHÂN
    DÂN QUẬN 3", "PHÒNG NỘI VỤ") for one of its offices. A ward's committee is a committee: it
    issues in its own name."""
    body = unit_body_title(unit).upper()
    if unit_is_committee(unit) or unit.parent is None:
        return (body,)
    return (unit_body_title(unit.parent).upper(), body)


def unit_symbol(unit: Unit) -> str:
    """The issuing body's abbreviation after the document kind ("BC-UBND"): a committee is
    "UBND"; an office uses its unit code ("BC-NV")."""
    return "UBND" if unit_is_committee(unit) else unit.code.upper()


def unit_signature_position(unit: Unit) -> tuple[str, ...]:
    """The signature's position lines: a committee's chairman signs on behalf of the committee
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"); an office's head signs with their title."""
    if unit_is_committee(unit):
        return (f"TM. {COMMITTEE.upper()}", "CHỦ TỊCH")
    name = unit.name.strip().lower()
    for start, title in HEAD_TITLES:
        if name.startswith(start):
            return (title,)
    return (HEAD_TITLE_DEFAULT,)
