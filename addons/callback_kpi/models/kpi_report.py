import datetime

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.deadlines import analysis_report_due, period_bounds
from .kpi_scorecard import QUARTERS


class KpiReport(models.Model):
    """KPI-03: the analysis report a staff member owes after each quarter
    (10 working days) and year (15), and the suggestions adopted from it."""

    _name = "kpi.report"
    _description = "Callback analysis report"
    _inherit = ["mail.thread"]
    _order = "date_from desc, employee_id"
    _check_company_auto = True

    name = fields.Char(required=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(
        [("quarter", "Quarter"), ("year", "Year")], required=True, default="quarter"
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    quarter = fields.Selection(QUARTERS)
    date_from = fields.Date(compute="_compute_dates", store=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    date_due = fields.Date(
        compute="_compute_dates",
        store=True,
        help="Working days after the period end on the company calendar.",
    )
    date_submitted = fields.Date(tracking=True)
    is_late = fields.Boolean(compute="_compute_is_late", store=True)
    adopted_count = fields.Integer(
        string="Adopted suggestions", tracking=True, help="Each one earns bonus points."
    )
    note = fields.Html()

    @api.depends(
        "period_type",
        "year",
        "quarter",
        "company_id.resource_calendar_id",
        "company_id.kpi_report_days_quarter",
        "company_id.kpi_report_days_year",
    )
    def _compute_dates(self):
        calendars = {}  # (company, period end) -> working-day test, computed once
        for report in self:
            if not report.year or (
                report.period_type == "quarter" and not report.quarter
            ):
                report.date_from = report.date_to = report.date_due = False
                continue
            quarter = int(report.quarter) if report.period_type == "quarter" else None
            company = report.company_id or self.env.company
            report.date_from, report.date_to = period_bounds(
                report.year, report.period_type, quarter
            )
            key = (company, report.date_to)
            if key not in calendars:
                calendars[key] = company._kpi_is_working_day(
                    report.date_to, report.date_to + datetime.timedelta(days=90)
                )
            report.date_due = analysis_report_due(
                report.year,
                report.period_type,
                quarter,
                days_quarter=company.kpi_report_days_quarter,
                days_year=company.kpi_report_days_year,
                is_working_day=calendars[key],
            )

    @api.depends("date_due", "date_submitted")
    def _compute_is_late(self):
        for report in self:
            report.is_late = bool(
                report.date_due
                and report.date_submitted
                and report.date_submitted > report.date_due
            )

    @api.constrains("adopted_count", "period_type", "quarter")
    def _check_report(self):
        for report in self:
            if report.adopted_count < 0:
                raise ValidationError(
                    self.env._("The number of adopted suggestions cannot be negative.")
                )
            if report.period_type == "quarter" and not report.quarter:
                raise ValidationError(
                    self.env._("A quarterly report needs its quarter.")
                )
