from units.models import Unit


def units_visible_to(*, user):
    """Units a user may see: all for Phòng Nội vụ and leaders, their own for a unit head."""
    if not user.is_authenticated:
        return Unit.objects.none()
    if user.sees_all_units:
        return Unit.objects.all()
    if user.is_unit_head:
        return Unit.objects.filter(pk=user.unit_id)
    return Unit.objects.none()


def unit_scope_ids(*, scope: Unit) -> set[int]:
    """The units under a plan's scope unit (a district or a city), at any depth, and the units
    with no parent (a map with one scope: files and tests that leave `parent` blank).

    One query over (id, parent): the tree is walked in memory, ~10,000 units at most.
    """
    children: dict[int | None, list[int]] = {}
    other_scopes = set()
    rows = Unit.objects.order_by().values_list("pk", "parent_id", "kind")
    for pk, parent_id, kind in rows:
        children.setdefault(parent_id, []).append(pk)
        if parent_id is None and kind in Unit.SCOPE_KINDS and pk != scope.pk:
            other_scopes.add(pk)  # another district's units are not this plan's
    found, stack = set(), [scope.pk, None]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found and child != scope.pk and child not in other_scopes:
                found.add(child)
                stack.append(child)
    return found


def units_in_scope(*, scope: Unit, on, scope_ids: set[int] | None = None):
    """What the plan calls "each unit" for a period ending on `on`: the units under the scope
    that are active that day, the scope unit and other districts or cities left out
    (DESIGN "Plans and units through time"). `scope_ids`: `unit_scope_ids` already walked, for
    a caller asking about many days."""
    if scope_ids is None:
        scope_ids = unit_scope_ids(scope=scope)
    return Unit.objects.active_on(on).below_scope().filter(pk__in=scope_ids)


def unit_lineage(*, unit: Unit) -> dict:
    """A unit's dates and the units it came from and went into, each with its own dates, for
    the unit page (`templates/units/_lineage.html`). Two queries."""
    fields = ("pk", "code", "name", "active_from", "active_to")
    return {
        "active_from": unit.active_from,
        "active_to": unit.active_to,
        "predecessors": list(unit.predecessors.order_by("code").only(*fields)),
        "successors": list(unit.successors.order_by("code").only(*fields)),
    }
