from . import (
    test_access_matrix,
    test_kpi_batch,
    test_kpi_config,
    test_kpi_figures,
    test_kpi_input,
    test_kpi_integrity,
    test_kpi_locking,
    test_kpi_roles_workflow,
    test_kpi_security,
    test_kpi_timezone,
    test_kpi_workflow,
    test_kpi_xlsx,
)
