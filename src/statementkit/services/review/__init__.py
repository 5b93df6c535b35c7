"""Review round trip: the rows a translator reviews, and what to do with the edited file that comes back.

Pure: works on the model only.  The DOCX and XLIFF adapters turn files into :class:`ReviewManifest` and
:class:`ReturnedRow` and back; :func:`plan_import` decides, row by row, what an import applies or reports.
"""

from statementkit.services.review.importing import (
    Decision,
    DecisionKind,
    ExportedRow,
    ImportPlan,
    ReturnedRow,
    ReviewManifest,
    plan_import,
)
from statementkit.services.review.rows import ReviewRow, review_rows, statement_key, text_hash

__all__ = [
    "Decision",
    "DecisionKind",
    "ExportedRow",
    "ImportPlan",
    "ReturnedRow",
    "ReviewManifest",
    "ReviewRow",
    "plan_import",
    "review_rows",
    "statement_key",
    "text_hash",
]
