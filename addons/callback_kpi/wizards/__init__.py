from . import (
    kpi_scorecard_batch,
    kpi_scorecard_return,
    kpi_self_assessment,
    kpi_sheet_export,
)
