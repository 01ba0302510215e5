"""The pages' cache of what they read from a plan's stored results (dashboard, matrix, trends),
on `common.versioned_cache`: storing or dropping results bumps it, so a page shows the new
figures at the first read after a recompute (issue "fresh figures without waiting")."""

from django.utils.translation import get_language

from common.versioned_cache import cache_bump, versioned_cached

NAMESPACE = "results"
# A safety net for what the pages read besides results (a unit renamed in the admin).
RESULTS_CACHE_SECONDS = 15 * 60


def results_cached(*, plan_id: int, part: str, compute):
    """`compute()` kept until the plan's results change; `part` names the reading and its
    arguments (the as-of date, the filters), the language is added (labels are translated)."""
    return versioned_cached(
        namespace=NAMESPACE,
        owner=plan_id,
        part=f"{get_language()}:{part}",
        compute=compute,
        seconds=RESULTS_CACHE_SECONDS,
    )


def results_cache_bump(*, plan_id: int) -> None:
    cache_bump(namespace=NAMESPACE, owner=plan_id)
