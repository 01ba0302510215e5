"""Read-side caches that a write forgets at once: values are kept under a version token per
(namespace, owner), and the writes that change what they were computed from bump it, so the
next read computes afresh and the old entries simply expire.

The version is a random token, not a counter: a cache that evicted it (or restarted) starts a
fresh token, and can never come back to a number under which stale values are still stored. A
cache server that cannot be reached never fails a page or a write: the value is computed afresh
(and not kept), and a bump that could not be written leaves entries to expire.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


def _version_key(namespace: str, owner: int) -> str:
    return f"{namespace}:version:{owner}"


def _new_version(namespace: str, owner: int) -> None:
    try:
        cache.set(_version_key(namespace, owner), uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001 - the write must not fail for its cache
        logger.exception("cache %s: could not bump %s", namespace, owner)


def cache_version(*, namespace: str, owner: int) -> str:
    """The current version token (made on first use)."""
    key = _version_key(namespace, owner)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key)
    return version


def versioned_cached(*, namespace: str, owner: int, part: str, compute, seconds: int):
    """`compute()`, kept `seconds` under the owner's current version."""
    try:
        key = f"{namespace}:{owner}:{cache_version(namespace=namespace, owner=owner)}:{part}"
        found = cache.get(key)
    except Exception:  # noqa: BLE001
        logger.exception("cache %s: could not read %s", namespace, owner)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001
        logger.exception("cache %s: could not store %s", namespace, owner)
    return value


def cache_bump(*, namespace: str, owner: int) -> None:
    """Forget what was cached for the owner: now, so this transaction's own reads see the
    change, and again after the commit, since a read in between sees the rows before the commit
    and could have stored them under the version bumped now."""
    _new_version(namespace, owner)
    transaction.on_commit(lambda: _new_version(namespace, owner), robust=True)
