from . import kpi_assessment_sheet
