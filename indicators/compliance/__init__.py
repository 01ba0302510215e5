"""The compliance engine: the only place that counts anything against a target.

`store` computes and stores results, `selectors` reads them, `services` schedules coalesced
recomputes (received from the lower layers' `evidence_changed` signal), `tasks` runs them.
"""
