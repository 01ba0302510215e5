"""Collect what a transaction changed and act on it once, after the commit.

A receiver of `post_save` may fire hundreds of times in one transaction (a plan loaded, a units
file imported). `after_commit_once(fn, item)` adds `item` to the transaction's batch for `fn` and
registers ONE `transaction.on_commit` callback per batch, which calls `fn(items)` with every
distinct item, in the order first seen. Outside a transaction `fn([item])` runs at once (as
`on_commit` does). A rolled-back transaction drops its batch with its callbacks.
"""

from collections.abc import Callable, Hashable

from django.db import DEFAULT_DB_ALIAS, transaction

_ATTR = "_after_commit_batches"


class _Batch:
    def __init__(self, fn: Callable[[list], None], index: int):
        self.fn = fn
        self.index = index  # its place in the connection's on-commit list
        self.items: dict[Hashable, None] = {}
        self.done = False

    def __call__(self) -> None:
        self.done = True
        self.fn(list(self.items))


def _registered(connection, batch: _Batch) -> bool:
    """Whether the batch's callback is still waiting for the commit (a rollback drops it; if a
    savepoint's rollback moved it, a new batch starts, which is harmless)."""
    callbacks = connection.run_on_commit
    return not batch.done and batch.index < len(callbacks) and callbacks[batch.index][1] is batch


def after_commit_once(
    fn: Callable[[list], None], item: Hashable, *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """After the current transaction commits, call `fn` once with every item added meanwhile."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        fn([item])
        return
    batches = connection.__dict__.setdefault(_ATTR, {})
    batch = batches.get(fn)
    if batch is None or not _registered(connection, batch):
        batch = batches[fn] = _Batch(fn, len(connection.run_on_commit))
        transaction.on_commit(batch, using=using, robust=True)
    batch.items[item] = None


def after_commit_batches_close(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Later items start new batches (their callbacks registered anew); the open batches still
    run at the commit. For tests that capture the callbacks of one step of a transaction."""
    transaction.get_connection(using).__dict__.pop(_ATTR, None)
