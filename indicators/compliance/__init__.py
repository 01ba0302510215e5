"""The compliance engine: the only place that counts anything against a target.

`store` computes and stores results, `selectors` reads them, `services` schedules coalesced
recomputes (received from the lower layers' `evidence_changed` signal, or asked for by a page
that found no results for its as-of date: `results_request`), `tasks` runs them. A request
never computes: pages read what is stored, or say it is being computed.
"""
