import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine.deadlines import analysis_report_due, period_bounds
from .kpi_scorecard import (
    IDENTITY_FIELDS,
    MANAGER_GROUP,
    QUARTERS,
    YEAR_MAX,
    YEAR_MIN,
    check_year,
)
from .kpi_workflow_mixin import UNLOCKED_FIELDS, workflow_fields


class KpiReport(models.Model):
    """KPI-03: the analysis report a staff member owes after each quarter
    (10 working days) and year (15), and the suggestions adopted from it."""

    _name = "kpi.report"
    _description = "Callback analysis report"
    _inherit = ["mail.thread", "kpi.workflow.mixin"]
    _order = "date_from desc, employee_id"
    _check_company_auto = True
    # handing in and reviewing are workflow steps
    _kpi_workflow_fields = {"state"}

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
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Handed in"), ("reviewed", "Reviewed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_submitted = fields.Date(
        tracking=True, readonly=True, copy=False, help="Set when it is handed in."
    )
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, tracking=True, copy=False
    )
    date_reviewed = fields.Date(readonly=True, copy=False)
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
            if not YEAR_MIN <= (report.year or 0) <= YEAR_MAX or (
                report.period_type == "quarter" and not report.quarter
            ):
                report.date_from = report.date_to = report.date_due = False
                continue
            quarter = int(report.quarter) if report.period_type == "quarter" else None
            report.date_from, report.date_to = period_bounds(
                report.year, report.period_type, quarter
            )
            report.date_due = self._kpi_due_date(
                report.company_id or self.env.company,
                report.period_type,
                report.year,
                quarter,
                calendars,
            )

    @api.model
    def _kpi_due_date(self, company, period_type, year, quarter=None, calendars=None):
        """KPI-03: the due date of the analysis reports of a period, in
        working days of the company's calendar (``calendars`` caches the
        working-day tests per company and period end)."""
        calendars = {} if calendars is None else calendars
        __, date_to = period_bounds(year, period_type, quarter)
        key = (company, date_to)
        if key not in calendars:
            calendars[key] = company._kpi_is_working_day(
                date_to, date_to + datetime.timedelta(days=90)
            )
        return analysis_report_due(
            year,
            period_type,
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

    @api.constrains(
        "adopted_count",
        "period_type",
        "quarter",
        "year",
        "date_submitted",
        "date_reviewed",
    )
    def _check_report(self):
        """X-03 / KPI-03: a report on a period is handed in after the period
        ends and reviewed after it is handed in."""
        for report in self:
            check_year(self.env, report.year)
            if (
                report.date_submitted
                and report.date_to
                and report.date_submitted < report.date_to
            ):
                raise ValidationError(
                    self.env._(
                        "Report %(name)s cannot be handed in on %(date)s, before "
                        "the end of its period (%(end)s).",
                        name=report.name,
                        date=report.date_submitted,
                        end=report.date_to,
                    )
                )
            if report.date_reviewed and (
                not report.date_submitted
                or report.date_reviewed < report.date_submitted
            ):
                raise ValidationError(
                    self.env._(
                        "Report %(name)s is reviewed after it is handed in.",
                        name=report.name,
                    )
                )
            if report.adopted_count < 0:
                raise ValidationError(
                    self.env._("The number of adopted suggestions cannot be negative.")
                )
            if report.period_type == "quarter" and not report.quarter:
                raise ValidationError(
                    self.env._("A quarterly report needs its quarter.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        """X-07: a client creates draft reports of other people, with nothing
        the workflow sets."""
        if not self.env.su:
            for vals in vals_list:
                if vals.get("state", "draft") != "draft":
                    raise AccessError(
                        self.env._(
                            "A report starts as a draft; it is handed in "
                            "and reviewed through its actions."
                        )
                    )
                forged = [
                    name
                    for name in workflow_fields(self, vals)
                    if name != "state" and vals[name]
                ]
                if forged:
                    raise AccessError(
                        self.env["kpi.scorecard"]._workflow_fields_message(forged, self)
                    )
        reports = super().create(vals_list)
        if not self.env.su:
            reports._check_not_own()
        return reports

    def write(self, vals):
        """X-07: state, hand-in and review dates are set by the actions; the
        employee, company and period are fixed once the report is created (as
        a scorecard's: a handed-in report is never moved to someone else);
        nobody edits their own report, nor a reviewed one."""
        if not self.env.su and set(vals) - UNLOCKED_FIELDS:
            forged = workflow_fields(self, vals)
            if forged:
                raise AccessError(
                    self.env["kpi.scorecard"]._workflow_fields_message(forged, self)
                )
            if IDENTITY_FIELDS.intersection(vals):
                raise UserError(
                    self.env._(
                        "The employee, company and period of a report are fixed "
                        "once it is created."
                    )
                )
            self._check_not_own()
            self._check_not_reviewed()
            # a client's edits of tracked fields are tracked whatever
            # its context
            res = super(KpiReport, self._kpi_clean()).write(vals)
            self._check_not_own()
            return res
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_handed_in_or_own(self):
        if self.env.su:
            return
        self._check_not_own()
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only draft reports can be deleted."))

    def _check_not_own(self):
        own = self.filtered(
            lambda r: r.employee_id.user_id and r.employee_id.user_id == self.env.user
        )
        if own:
            raise AccessError(
                self.env._(
                    "Nobody records, edits or reviews their own report " "(%(name)s).",
                    name=own[0].name,
                )
            )

    def _check_not_reviewed(self):
        reviewed = self.filtered(lambda r: r.state == "reviewed")
        if reviewed:
            raise UserError(
                self.env._(
                    "Report %(name)s is reviewed and can no longer be changed.",
                    name=reviewed[0].name,
                )
            )

    def action_submit(self):
        """KPI-03: the staff member hands in their report (or their manager
        records it); the hand-in date is the day of the action."""
        user = self.env.user
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "Report %(name)s is already handed in.", name=report.name
                    )
                )
        if not self.env.su:
            others = self.filtered(lambda r: r.employee_id.user_id != user)
            if others:
                if not user.has_group(MANAGER_GROUP):
                    raise AccessError(
                        self.env._("Staff hand in their own reports only.")
                    )
                others.check_access("write")
            (self - others).check_access("read")
        today = fields.Date.context_today(self)
        self._write_workflow({"state": "submitted", "date_submitted": today})
        return True

    def action_review(self):
        """KPI-03: a manager reviews a handed-in report, never their own."""
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only callback managers review reports."))
        if self.filtered(lambda r: r.state != "submitted"):
            raise UserError(self.env._("Only handed-in reports are reviewed."))
        if not self.env.su:
            self._check_not_own()
            self.check_access("write")
        self._write_workflow(
            {
                "state": "reviewed",
                "reviewer_id": self.env.user.id,
                "date_reviewed": fields.Date.context_today(self),
            }
        )
        return True
