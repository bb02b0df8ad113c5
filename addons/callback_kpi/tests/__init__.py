# the pure engine's tests (plain unittest, see engine/tests/__init__.py)
from ..engine.tests import (
    test_annual,
    test_deadlines,
    test_evaluation,
    test_grading,
    test_reports,
    test_scoring,
)
from . import (
    test_access_matrix,
    test_kpi_batch,
    test_kpi_config,
    test_kpi_figures,
    test_kpi_hr_todos,
    test_kpi_input,
    test_kpi_integrity,
    test_kpi_locking,
    test_kpi_red_team,
    test_kpi_reports,
    test_kpi_roles_workflow,
    test_kpi_security,
    test_kpi_spot_check,
    test_kpi_timezone,
    test_kpi_tours,
    test_kpi_workflow,
    test_kpi_xlsx,
)
