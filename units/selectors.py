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
