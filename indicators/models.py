"""The models of the indicators app, each defined in the package that owns it.

Django loads an app's models from this module; every package below owns its tables
(`indicators_<model>`, unchanged by the move into packages).
"""

from indicators.compliance.models import ComplianceResult, RecomputeRequest
from indicators.evidence.models import (
    Baseline,
    DatedEvidence,
    Dossier,
    EPaymentAdoption,
    ExportJob,
    Feedback,
    Form06Figure,
    ImportJob,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.reports.models import PublishedFigure, QuarterlyReport, ReportFigure
from indicators.targets.models import ProcedureField, Target

__all__ = [
    "Baseline",
    "ComplianceResult",
    "DatedEvidence",
    "Dossier",
    "EPaymentAdoption",
    "ExportJob",
    "Feedback",
    "Form06Figure",
    "ImportJob",
    "Initiative",
    "OutreachProduct",
    "ProcedureField",
    "PublishedFigure",
    "QuarterlyReport",
    "RecomputeRequest",
    "ReportFigure",
    "SatisfactionPublication",
    "SatisfactionSurvey",
    "Target",
]
