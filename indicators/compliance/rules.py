"""One function per rule family of `Target.Rule`: (ctx, target) → result rows.

Every family reads its evidence with ONE grouped query (conditional counts per reported period),
memoised on the context when two targets share it (the `ontime` and `online_growth` rules share
the dossier scan; the overall and per-field satisfaction targets share the survey sums). The grid
of units × fields × periods is built in Python from those small aggregated results.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, F, Q, Sum

from indicators.compliance.base import (
    Context,
    Row,
    Window,
    collapse_fields,
    count_row,
    exact_row,
    grid,
    grouped_rows,
    percent_row,
)
from indicators.evidence.models import (
    FORM06_COUNTS,
    Baseline,
    Dossier,
    EPaymentAdoption,
    Feedback,
    Form06Figure,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
    dossiers_matter_to,
    form06_online,
    form06_ontime,
    overdue_unresolved_at,
    resolved_between,
    resolved_on_time,
)
from indicators.reports.models import QuarterlyReport, ReportFigure
from indicators.targets.models import Target
from inspections.models import Inspection
from plans.models import Assignment, assignment_done_on_time
from plans.periods import Period, quarters, reported_periods

Rule = Target.Rule


def _resolved_in(window: Window, prefix: str = "") -> Q:
    return resolved_between(window.start, window.end, prefix=prefix)


def _overdue_unresolved_at(window: Window) -> Q:
    return overdue_unresolved_at(window.end)


def ontime_aggregates(windows: list[Window]) -> dict:
    """Plan II.6: on-time resolved, resolved and overdue-unresolved counts per window."""
    aggs = {}
    for i, w in enumerate(windows):
        aggs[f"ok_{i}"] = Count("pk", filter=_resolved_in(w) & resolved_on_time())
        aggs[f"res_{i}"] = Count("pk", filter=_resolved_in(w))
        aggs[f"late_{i}"] = Count("pk", filter=_overdue_unresolved_at(w))
    return aggs


def _baseline_window(ctx: Context) -> Window:
    period = Period(ctx.plan.baseline_year)
    return Window(period, period.start, period.end_as_of(ctx.as_of))


def _year_from_quarters(windows: list[Window]) -> tuple[int, list[int]] | None:
    """(index of the year's window, indexes of its quarters) when the reported quarters tile the
    year's window exactly (Q1 starts it, each quarter starts the day after the previous one
    ends, the last ends with it): the year's counts are then sums of the quarters' (and its
    overdue count the last quarter's), so the scan need not count them again."""
    years = [i for i, w in enumerate(windows) if not w.is_quarter]
    quarters = sorted(
        (i for i, w in enumerate(windows) if w.is_quarter), key=lambda i: windows[i].start
    )
    if len(years) != 1 or not quarters:
        return None
    year = windows[years[0]]
    ends = [year.start - dt.timedelta(days=1)] + [windows[i].end for i in quarters]
    if any(windows[i].start != ends[k] + dt.timedelta(days=1) for k, i in enumerate(quarters)):
        return None
    return (years[0], quarters) if ends[-1] == year.end else None


def dossier_stats(ctx: Context) -> dict:
    """ONE grouped scan of the dossiers by (unit, field), for the `ontime` and `online_growth`
    rules, with Biểu 06 figures counted where a unit and field has no dossiers for a quarter."""
    if "dossiers" in ctx.memo:
        return ctx.memo["dossiers"]
    ontime = ctx.windows_of(Rule.ONTIME)
    growth = ctx.windows_of(Rule.ONLINE_GROWTH)
    ontime_year = _year_from_quarters(ontime)
    growth_year = _year_from_quarters(growth)
    aggs = ontime_aggregates(ontime)
    if ontime_year:
        for key in ("ok", "res", "late"):
            del aggs[f"{key}_{ontime_year[0]}"]
    for i, w in enumerate(growth):
        if growth_year and i == growth_year[0]:
            continue
        received = Q(received_on__range=(w.start, w.end))
        aggs[f"rec_{i}"] = Count("pk", filter=received)
        aggs[f"onl_{i}"] = Count("pk", filter=received & Q(online=True))
    if growth:
        base = _baseline_window(ctx)
        received = Q(received_on__range=(base.start, base.end))
        aggs["brec"] = Count("pk", filter=received)
        aggs["bonl"] = Count("pk", filter=received & Q(online=True))
    forms = form_figures(ctx, baseline=bool(growth)) if (ontime or growth) else {}
    form_quarters = sorted({code for _u, _f, code in forms})
    for code in form_quarters:
        period = Period.parse(code)
        aggs[_presence(code)] = Count(
            "pk", filter=dossiers_matter_to(period.start, period.last_day)
        )
    rows = {}
    if aggs:
        query = ctx.of_units(Dossier.objects).values("unit_id", "field_id").annotate(**aggs)
        names = list(aggs)
        rows = {
            (uid, fid): dict(zip(names, counts, strict=True))
            for uid, fid, *counts in grouped_rows(query.order_by())
        }
        for r in rows.values():
            if ontime_year:
                y, qs = ontime_year
                r[f"ok_{y}"] = sum(r[f"ok_{q}"] for q in qs)
                r[f"res_{y}"] = sum(r[f"res_{q}"] for q in qs)
                r[f"late_{y}"] = r[f"late_{qs[-1]}"]
            if growth_year:
                y, qs = growth_year
                r[f"rec_{y}"] = sum(r[f"rec_{q}"] for q in qs)
                r[f"onl_{y}"] = sum(r[f"onl_{q}"] for q in qs)
    _add_form_figures(rows, forms, ontime, growth, baseline_year=ctx.plan.baseline_year)
    ctx.memo["dossiers"] = (ontime, growth, rows)
    return ctx.memo["dossiers"]


FROM_IMPORT, FROM_REPORT = "import", "report"


def form_figures(ctx: Context, *, baseline: bool) -> dict[tuple[int, int, str], tuple]:
    """(unit, field, quarter) → the eight Biểu 06 numbers, for the plan's quarters over by the
    as-of date (and the baseline year's, for the online share): imported forms, replaced by the
    approved quarterly report's figures where the plan has one for the same unit, field and
    quarter (it is the reviewed statement). Values are (the eight numbers, their source)."""
    codes = [p.code for p in quarters(ctx.year) if p.last_day <= ctx.as_of]
    if baseline:
        codes += [p.code for p in quarters(ctx.plan.baseline_year)]
    if not codes:
        return {}
    found = {
        (u, f, p): (tuple(counts), FROM_IMPORT)
        for u, f, p, *counts in ctx.of_units(Form06Figure.objects)
        .filter(period__in=codes)
        .values_list("unit_id", "field_id", "period", *FORM06_COUNTS)
    }
    approved = (
        ctx.of_units(ReportFigure.objects, "report__unit_id")
        .filter(
            report__plan=ctx.plan,
            report__period__in=codes,
            report__status=QuarterlyReport.Status.APPROVED,
        )
        .values_list("report__unit_id", "field_id", "report__period", *FORM06_COUNTS)
    )
    for u, f, p, *counts in approved:
        if any(counts):
            found[(u, f, p)] = (tuple(counts), FROM_REPORT)
    return found


def forms_counted(
    ctx: Context, *, unit_id: int | None, field_id: int | None, window: Window
) -> list[tuple[int, int, str, dict, str]]:
    """The Biểu 06 rows a cell counted: (unit, field, quarter, numbers, source) of the quarters
    within the window where the unit and field had no dossiers (for the evidence drill-down)."""
    forms = {
        key: value
        for key, value in form_figures(ctx, baseline=False).items()
        if (unit_id is None or key[0] == unit_id)
        and (field_id is None or key[1] == field_id)
        and window.start <= Period.parse(key[2]).start
        and Period.parse(key[2]).last_day <= window.end
    }
    if not forms:
        return []
    codes = sorted({code for _u, _f, code in forms})
    presence = {
        _presence(code): Count(
            "pk",
            filter=dossiers_matter_to(Period.parse(code).start, Period.parse(code).last_day),
        )
        for code in codes
    }
    scan = Dossier.objects.filter(
        unit_id__in={u for u, _f, _c in forms}, field_id__in={f for _u, f, _c in forms}
    )
    counted = {
        (r["unit_id"], r["field_id"]): r
        for r in scan.values("unit_id", "field_id").annotate(**presence).order_by()
    }
    with_dossiers = {
        (uid, fid, code)
        for uid, fid, code in forms
        if counted.get((uid, fid), {}).get(_presence(code))
    }
    return [
        (uid, fid, code, dict(zip(FORM06_COUNTS, counts, strict=True)), source)
        for (uid, fid, code), (counts, source) in sorted(forms.items(), key=lambda kv: kv[0][2])
        if (uid, fid, code) not in with_dossiers
    ]


def _presence(code: str) -> str:
    """The scan's count of a quarter's dossiers that matter (`2021-Q3` → `any_2021_Q3`)."""
    return "any_" + code.replace("-", "_")


def _zero_stats(ontime: list[Window], growth: list[Window]) -> dict:
    keys = [f"{k}_{i}" for i in range(len(ontime)) for k in ("ok", "res", "late")]
    keys += [f"{k}_{i}" for i in range(len(growth)) for k in ("rec", "onl")]
    return dict.fromkeys([*keys, "brec", "bonl"], 0)


def _add_form_figures(
    rows: dict, forms: dict, ontime: list[Window], growth: list[Window], *, baseline_year: int
):
    """Add each (unit, field, quarter)'s Biểu 06 figures to the windows holding that quarter,
    unless the unit has dossiers for that field and quarter (they win: DESIGN "Biểu 06").

    On time = early + on time, of early + on time + late + pending overdue; online share =
    received online / (online + in person). A year sums its quarters."""
    for (uid, fid, code), (counts, _source) in forms.items():
        r = rows.get((uid, fid))
        if r is not None and r.get(_presence(code)):
            continue
        if r is None:
            r = rows[(uid, fid)] = _zero_stats(ontime, growth)
        values = dict(zip(FORM06_COUNTS, counts, strict=True))
        quarter = Period.parse(code)
        on_time, counted = form06_ontime(values)
        online, received = form06_online(values)
        for i, w in enumerate(ontime):
            if w.start <= quarter.start and quarter.last_day <= w.end:
                # the scan's shape: resolved (res) + overdue (late) is the denominator
                r[f"ok_{i}"] += on_time
                r[f"res_{i}"] += counted - values["pending_overdue"]
                r[f"late_{i}"] += values["pending_overdue"]
        for i, w in enumerate(growth):
            if w.start <= quarter.start and quarter.last_day <= w.end:
                r[f"rec_{i}"] += received
                r[f"onl_{i}"] += online
        if growth and quarter.year == baseline_year:
            r["brec"] += received
            r["bonl"] += online


def ontime(ctx: Context, target: Target) -> list[Row]:
    """On-time rate = on-time resolved / (resolved + unresolved overdue at the period's end)."""
    windows, _growth, stats = dossier_stats(ctx)
    pairs = {}
    for (uid, fid), r in stats.items():
        for i, w in enumerate(windows):
            pairs[(uid, fid, w.code)] = (r[f"ok_{i}"], r[f"res_{i}"] + r[f"late_{i}"])
    if not target.per_field:
        pairs = collapse_fields(pairs)
    return grid(ctx, target, pairs, percent_row)


def feedback(ctx: Context, target: Target) -> list[Row]:
    """Plan II.8: the on-time rule, handled only if also published by the period's end."""
    windows = ctx.windows_of(Rule.FEEDBACK)
    aggs = {}
    for i, w in enumerate(windows):
        handled = Q(resolved_on__lte=F("due_on"), published_on__lte=w.end)
        aggs[f"ok_{i}"] = Count("pk", filter=_resolved_in(w) & handled)
        aggs[f"res_{i}"] = Count("pk", filter=_resolved_in(w))
        aggs[f"late_{i}"] = Count("pk", filter=_overdue_unresolved_at(w))
    pairs = {}
    for r in ctx.of_units(Feedback.objects).values("unit_id").annotate(**aggs).order_by():
        for i, w in enumerate(windows):
            pairs[(r["unit_id"], None, w.code)] = (r[f"ok_{i}"], r[f"res_{i}"] + r[f"late_{i}"])
    return grid(ctx, target, pairs, percent_row)


def _survey_sums(ctx: Context) -> list[tuple]:
    """Sum of satisfied and responses per (unit, field, survey period), one grouped query over
    the quarters started by the as-of date and the year itself."""
    if "surveys" not in ctx.memo:
        periods = reported_periods(ctx.year, ctx.as_of, quarterly=True, yearly=True)
        query = (
            ctx.of_units(SatisfactionSurvey.objects)
            .filter(period__in=[p.code for p in periods])
            .values("unit_id", "field_id", "period")
            .annotate(s=Sum("satisfied"), r=Sum("responses"))
            .order_by()
        )
        ctx.memo["surveys"] = grouped_rows(query)
    return ctx.memo["surveys"]


def satisfaction(ctx: Context, target: Target) -> list[Row]:
    """Plan I.2.2: satisfied / responses over the surveys in the period; the year sums the
    surveys of its quarters started by the as-of date and any survey filed for the whole year."""
    windows = ctx.windows(target)
    quarter_codes = {w.code for w in windows if w.is_quarter}
    year_code = str(ctx.year)
    with_year = any(not w.is_quarter for w in windows)
    per_field = target.per_field
    sums: dict = defaultdict(lambda: [0, 0])
    for uid, fid, period, s, r in _survey_sums(ctx):
        fid = fid if per_field else None
        if period in quarter_codes:
            cell = sums[(uid, fid, period)]
            cell[0] += s
            cell[1] += r
        if with_year:
            cell = sums[(uid, fid, year_code)]
            cell[0] += s
            cell[1] += r
    return grid(ctx, target, {key: tuple(cell) for key, cell in sums.items()}, percent_row)


# DESIGN "Publication rule": a quarter's result is published after the quarter, within this many
# days of its last day (the target's grace period; no target sets its own yet).
def publication_deadline(period: Period, as_of: dt.date) -> dt.date:
    """The last day a publication still counts for its own period: the earlier of the as-of
    date and the period's last day plus the grace period."""
    return min(as_of, period.publication_last_day)


def publication(ctx: Context, target: Target) -> list[Row]:
    """Plan II.7: 100 if the unit published the quarter's result for that quarter on or after its
    first day and by the deadline (`publication_deadline`), else 0. A period not ended by the
    as-of date is not due yet: no data, never not met (DESIGN "Publication rule")."""
    windows = ctx.windows(target)
    published = {
        (uid, period): day
        for uid, period, day in ctx.of_units(SatisfactionPublication.objects)
        .filter(period__in=[w.code for w in windows], published_on__lte=ctx.as_of)
        .values_list("unit_id", "period", "published_on")
    }
    pairs = {}
    for w in windows:
        if not w.ended:
            continue  # not due: every unit's pair stays (0, 0), a no-data row
        deadline = publication_deadline(w.period, ctx.as_of)
        for uid in ctx.units_for(ctx.judged_by(target, w), w):
            day = published.get((uid, w.code))
            pairs[(uid, None, w.code)] = (1 if day and w.start <= day <= deadline else 0, 1)
    return grid(ctx, target, pairs, percent_row)


def _inspection_kinds(target: Target, default) -> list[str]:
    kinds = [k.strip() for k in target.inspection_kinds.split(",") if k.strip()]
    return kinds or list(default)


def _inspected_units(ctx: Context, kinds: list[str]) -> dict[str, set[int]]:
    """Per window code, the units with ≥1 done inspection of these kinds in it: one grouped
    query shared by every coverage target (agencies, public-service units, wards)."""
    key = ("inspected", tuple(sorted(kinds)))
    if key not in ctx.memo:
        windows = ctx.windows_of(Rule.INSPECTION_COVERAGE)
        aggs = {
            f"n_{i}": Count("pk", filter=Q(date__range=(w.start, w.end)))
            for i, w in enumerate(windows)
        }
        covered: dict[str, set[int]] = {w.code: set() for w in windows}
        query = Inspection.objects.done().filter(kind__in=kinds).values("unit_id").annotate(**aggs)
        for r in query.order_by():
            for i, w in enumerate(windows):
                if r[f"n_{i}"]:
                    covered[w.code].add(r["unit_id"])
        ctx.memo[key] = covered
    return ctx.memo[key]


def inspection_coverage(ctx: Context, target: Target) -> list[Row]:
    """Plan I.2.1a, V.2.1: share of the active units of a kind (agencies, public-service units,
    wards) with ≥1 done CCHC inspection (periodic or surprise) dated in the period."""
    covered = _inspected_units(ctx, _inspection_kinds(target, Inspection.CCHC_KINDS))
    rows = []
    for w in ctx.windows(target):
        judged = ctx.judged_by(target, w)
        units = set(ctx.units_for(judged, w))
        thr_h = ctx.thresholds(judged)[None]
        rows.append(
            percent_row(judged, None, None, w, len(covered[w.code] & units), len(units), thr_h)
        )
    return rows


def conduct_inspections(ctx: Context, target: Target) -> list[Row]:
    """Plan I.2.1b: distinct units with a done surprise conduct inspection in the quarter."""
    windows = ctx.windows(target)
    kinds = _inspection_kinds(target, [Inspection.Kind.CONDUCT_SURPRISE])
    aggs = {
        f"n_{i}": Count("unit_id", distinct=True, filter=Q(date__range=(w.start, w.end)))
        for i, w in enumerate(windows)
    }
    counts = Inspection.objects.done().filter(kind__in=kinds).aggregate(**aggs) if aggs else {}
    rows = []
    for i, w in enumerate(windows):
        judged = ctx.judged_by(target, w)
        thr_h = ctx.thresholds(judged)[None]
        rows.append(count_row(judged, None, None, w, counts.get(f"n_{i}") or 0, thr_h))
    return rows


def _dated_count(model):
    def rule(ctx: Context, target: Target) -> list[Row]:
        windows = ctx.windows(target)
        aggs = {
            f"n_{i}": Count("pk", filter=Q(date__range=(w.start, w.end)))
            for i, w in enumerate(windows)
        }
        pairs = {}
        for r in ctx.of_units(model.objects).values("unit_id").annotate(**aggs).order_by():
            for i, w in enumerate(windows):
                pairs[(r["unit_id"], None, w.code)] = (r[f"n_{i}"], 1)

        def make_row(target, uid, fid, window, num, _den, thr_h):
            return count_row(target, uid, fid, window, num, thr_h)

        return grid(ctx, target, pairs, make_row)

    rule.__doc__ = f"A count of {model._meta.verbose_name_plural} dated in the period (≥ 1)."
    return rule


initiatives = _dated_count(Initiative)  # Plan II.5
outreach = _dated_count(OutreachProduct)  # Plan I.2.5, II.9


def online_growth(ctx: Context, target: Target) -> list[Row]:
    """Plan II.4: online share this year minus the baseline year's, in points (≥ 3).

    The baseline of a unit is the admin-entered `Baseline` row for the baseline year when there
    is one, else its baseline-year dossiers. No data when either year received nothing.
    """
    _ontime, windows, stats = dossier_stats(ctx)
    current: dict = {}
    base: dict = {}
    for (uid, _fid), r in stats.items():
        b_rec, b_onl = base.get(uid, (0, 0))
        base[uid] = (b_rec + r.get("brec", 0), b_onl + r.get("bonl", 0))
        for i, w in enumerate(windows):
            rec, onl = current.get((uid, w.code), (0, 0))
            current[(uid, w.code)] = (rec + r[f"rec_{i}"], onl + r[f"onl_{i}"])
    baselines = ctx.of_units(Baseline.objects).filter(year=ctx.plan.baseline_year)
    for uid, received, online in baselines.values_list("unit_id", "received", "online"):
        base[uid] = (received, online)

    def row(uid, window, rec, onl, b_rec, b_onl) -> Row:
        judged = ctx.judged_by(target, window)
        return growth_row(judged, uid, window, rec, onl, b_rec, b_onl, ctx.thresholds(judged)[None])

    rows = []
    for w in ctx.windows(target):
        units = ctx.units_for(ctx.judged_by(target, w), w)
        if target.district_wide:
            totals = [0, 0, 0, 0]
            for uid in units:
                rec, onl = current.get((uid, w.code), (0, 0))
                b_rec, b_onl = base.get(uid, (0, 0))
                for k, v in enumerate((rec, onl, b_rec, b_onl)):
                    totals[k] += v
            rows.append(row(None, w, *totals))
        if target.per_unit:
            for uid in units:
                rows.append(
                    row(uid, w, *current.get((uid, w.code), (0, 0)), *base.get(uid, (0, 0)))
                )
    return rows


def growth_row(judged, uid, window, rec, onl, b_rec, b_onl, thr_h) -> Row:
    """An online-growth row: this year's online share minus the baseline year's, in points,
    exactly (onl/rec·100 − b_onl/b_rec·100); no data when either year received nothing. The
    baseline's counts are kept on the row (`Row.base_num`, `Row.base_den`)."""
    if rec == 0 or b_rec == 0:
        row = exact_row(judged, uid, None, window, onl, rec, 0, 0, thr_h)
    else:
        n = 100 * (onl * b_rec - b_onl * rec)
        row = exact_row(judged, uid, None, window, onl, rec, n, rec * b_rec, thr_h)
    return row._replace(base_num=b_onl, base_den=b_rec)


def epayment_share(ctx: Context, target: Target) -> list[Row]:
    """Plan V.5: share of active education public-service units using e-payment by the period's
    end; strictly more than 95%."""
    windows = ctx.windows(target)
    judged = [ctx.judged_by(target, w) for w in windows]
    units = [ctx.units_for(judged[i], w) for i, w in enumerate(windows)]
    aggs = {
        f"n_{i}": Count("pk", filter=Q(adopted_on__lte=w.end, unit_id__in=units[i]))
        for i, w in enumerate(windows)
    }
    adopted = EPaymentAdoption.objects.aggregate(**aggs) if aggs else {}
    return [
        percent_row(
            judged[i],
            None,
            None,
            w,
            adopted.get(f"n_{i}") or 0,
            len(units[i]),
            ctx.thresholds(judged[i])[None],
        )
        for i, w in enumerate(windows)
    ]


def _due_in(window: Window) -> Q:
    if window.is_quarter:
        return Q(due_on__range=(window.start, window.end))
    return Q(due_on__lte=window.end)


def task_completion(ctx: Context, target: Target) -> list[Row]:
    """Plan I.1.1, II.1, III: assignments completed on or before their due date / assignments
    due by the period's end (as of the as-of date)."""
    windows = ctx.windows(target)
    on_time = assignment_done_on_time()
    aggs = {}
    for i, w in enumerate(windows):
        aggs[f"ok_{i}"] = Count("pk", filter=_due_in(w) & on_time)
        aggs[f"due_{i}"] = Count("pk", filter=_due_in(w))
    pairs = {}
    query = ctx.of_units(Assignment.objects).filter(task__plan=ctx.plan)
    query = query.values("unit_id").annotate(**aggs)
    for r in query.order_by():
        for i, w in enumerate(windows):
            pairs[(r["unit_id"], None, w.code)] = (r[f"ok_{i}"], r[f"due_{i}"])
    return grid(ctx, target, pairs, percent_row)


RULES = {
    Rule.INSPECTION_COVERAGE: inspection_coverage,
    Rule.CONDUCT_INSPECTIONS: conduct_inspections,
    Rule.SATISFACTION: satisfaction,
    Rule.PUBLICATION: publication,
    Rule.ONTIME: ontime,
    Rule.FEEDBACK: feedback,
    Rule.INITIATIVES: initiatives,
    Rule.OUTREACH: outreach,
    Rule.ONLINE_GROWTH: online_growth,
    Rule.EPAYMENT_SHARE: epayment_share,
    Rule.TASK_COMPLETION: task_completion,
}


def compute_by_target(ctx: Context) -> Iterator[list[Row]]:
    """Every row of the plan as of the context's date, one target's rows at a time."""
    for target in ctx.targets:
        yield RULES[target.rule](ctx, target)
