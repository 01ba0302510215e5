"""The public page's cache version per plan (Plan II.7, V.3.1).

The public page keeps what it read under a key carrying the plan's version; the report services
that change what the public sees (approve, publish, unpublish, reopen) bump it, so the next visit
reads the new figures at once and the old entries simply expire.

The version is a random token, not a counter: a cache that evicted it (or restarted) then starts
a fresh token, and can never come back to a number under which stale figures are still stored.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# A safety net for changes made outside the report services (a unit renamed in the admin): what
# the public sees is at most this old.
PUBLIC_CACHE_SECONDS = 15 * 60


def _version_key(plan_id: int) -> str:
    return f"public:version:{plan_id}"


def _new_version(plan_id: int) -> None:
    try:
        cache.set(_version_key(plan_id), uuid.uuid4().hex, None)
    except Exception:  # a cache server down must not fail the approval; entries still expire
        logger.exception("public page cache: could not bump plan %s", plan_id)


def public_cache_version(*, plan_id: int) -> str:
    """The plan's current version token (made on first use)."""
    key = _version_key(plan_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def public_cached(*, plan_id: int, part: str, compute):
    """`compute()`, kept under the plan's current version; computed afresh (and not kept) when
    the cache cannot be reached, so the public page never fails for its cache."""
    try:
        key = f"public:{plan_id}:{public_cache_version(plan_id=plan_id)}:{part}"
        found = cache.get(key)
    except Exception:
        logger.exception("public page cache: could not read plan %s", plan_id)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        cache.set(key, value, PUBLIC_CACHE_SECONDS)
    except Exception:
        logger.exception("public page cache: could not store plan %s", plan_id)
    return value


def public_cache_bump(*, plan_id: int) -> None:
    """Forget what the public page cached for the plan: now, so this transaction's own reads see
    the change, and again after the commit, since a visit in between reads the rows before the
    commit and could have stored them under the version bumped now."""
    _new_version(plan_id)
    transaction.on_commit(lambda: _new_version(plan_id), robust=True)
