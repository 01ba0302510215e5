"""The sweeper (every minute): pending work recorded in the database that the broker or a worker
lost is queued again, so a fault heals without anyone acting (docs/architecture.md "When
something fails")."""

import logging

from indicators.compliance.services import recompute_requests_sweep
from indicators.evidence.export_queue import export_jobs_sweep
from indicators.evidence.services import import_jobs_sweep
from indicators.followup.reminders import digests_resend

logger = logging.getLogger(__name__)


def pending_work_sweep() -> dict[str, int]:
    """Recomputes, imports, exports and digests lost on the way; each part is independent (one
    failing is logged and does not stop the others). Returns what each part handled."""
    done = {}
    for name, sweep in (
        ("recomputes", recompute_requests_sweep),
        ("imports", import_jobs_sweep),
        ("exports", export_jobs_sweep),
        ("digests", digests_resend),
    ):
        try:
            done[name] = sweep()
        except Exception:  # noqa: BLE001 - the next sweep, a minute later, tries again
            logger.exception("Sweeping %s failed", name)
            done[name] = 0
    return done
