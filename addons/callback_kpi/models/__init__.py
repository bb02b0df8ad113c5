from . import (
    hr_employee,
    kpi_criterion,
    kpi_finding,
    kpi_report,
    kpi_scorecard,
    kpi_scorecard_batch,
    kpi_scorecard_figures,
    kpi_scorecard_line,
    kpi_scorecard_workflow,
    kpi_workflow_mixin,
    res_company,
    res_config_settings,
)
