"""The public page's cache per plan (Plan II.7, V.3.1), on `common.versioned_cache`: the report
services that change what the public sees (approve, publish, unpublish, reopen) bump it, so the
next visit reads the new figures at once."""

from common.versioned_cache import cache_bump, cache_version, versioned_cached

NAMESPACE = "public"
# A safety net for changes made outside the report services (a unit renamed in the admin): what
# the public sees is at most this old.
PUBLIC_CACHE_SECONDS = 15 * 60


def public_cache_version(*, plan_id: int) -> str:
    return cache_version(namespace=NAMESPACE, owner=plan_id)


def public_cached(*, plan_id: int, part: str, compute):
    return versioned_cached(
        namespace=NAMESPACE, owner=plan_id, part=part, compute=compute, seconds=PUBLIC_CACHE_SECONDS
    )


def public_cache_bump(*, plan_id: int) -> None:
    cache_bump(namespace=NAMESPACE, owner=plan_id)
