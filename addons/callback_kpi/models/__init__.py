from . import (
    hr_employee,
    kpi_criterion,
    kpi_finding,
    kpi_report,
    kpi_scorecard,
    kpi_scorecard_line,
    res_company,
    res_config_settings,
)
