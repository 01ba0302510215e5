"""Plans shipped with the project: one folder of CSV sheets per plan under `plandata/`.

Each folder holds the plan workbook's sheets (docs/plan-workbook.md) as `plan.csv`,
`clauses.csv`, `targets.csv`, `tasks.csv`, `fields.csv`, and the units of its map as
`units.csv` in the units import's columns (docs/imports.md).
"""

from pathlib import Path

PLANDATA = Path(__file__).resolve().parent / "plandata"


class UnknownPlan(ValueError):
    pass


def shipped_plans() -> list[str]:
    return sorted(p.name for p in PLANDATA.iterdir() if (p / "plan.csv").exists())


def shipped_plan_dir(code: str) -> Path:
    """The folder of a shipped plan, or UnknownPlan naming the plans there are."""
    if code not in shipped_plans():
        known = ", ".join(shipped_plans())
        raise UnknownPlan(f"Không có kế hoạch {code!r}. Các kế hoạch có sẵn: {known}")
    return PLANDATA / code
