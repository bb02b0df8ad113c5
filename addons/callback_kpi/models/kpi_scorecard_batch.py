"""KPI-10 / KPI-09: the batch that creates and computes the scorecards of a
period, the recomputation of open cards and the daily overdue flag."""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from ..engine.deadlines import period_bounds, period_key
from ..engine.errors import EngineError
from .kpi_scorecard import HR_GROUP, MANAGER_GROUP, check_year


# the model is split by job on purpose (house style: fields and guards,
# workflow, batch, figures), so its extensions are not merged
# pylint: disable=consider-merging-classes-inherited
class KpiScorecard(models.Model):
    """Batch computation and cron of the scorecards."""

    _inherit = "kpi.scorecard"

    @api.model
    def _batch_compute(self, company, period_type, year, quarter=None):
        """KPI-10: create the missing scorecards of all callback staff for the
        period and recompute the drafts; running it twice creates nothing."""
        self._check_group(
            MANAGER_GROUP, self.env._("Only callback managers compute scorecards.")
        )
        if not self.env.su and company not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You do not work in %(company)s: its scorecards are not "
                    "yours to compute.",
                    company=company.name,
                )
            )
        quarter = str(quarter) if period_type == "quarter" else False
        check_year(self.env, year)
        try:
            date_from, date_to = period_bounds(
                year, period_type, int(quarter) if quarter else None
            )
        except EngineError as error:
            raise UserError(self.env._("Choose a valid period.")) from error
        key = period_key(period_type, year, quarter)
        staff = self._kpi_staff(company, date_from, date_to)
        if not (self.env.su or self.env.user.has_group(HR_GROUP)):
            # a callback manager scores their own team only (KPI-11)
            staff = staff.search([("id", "in", staff.ids), *self._kpi_team_domain()])
        existing = self.search(
            [
                ("company_id", "=", company.id),
                ("period_key", "=", key),
                ("employee_id", "in", staff.ids),
            ]
        )
        missing = staff - existing.employee_id
        criteria = (
            self.env["kpi.criterion"]._get_for_company(company)
            if period_type == "quarter"
            else self.env["kpi.criterion"]
        )
        lines = self._prepare_line_commands(criteria)
        # sudo: the staff are the caller's team (all staff for HR), checked
        # above; the batch creates the manager's own card too, which the
        # manager may read but not create or score (KPI-11)
        new = (
            self.sudo()
            .with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
            )
            .create(
                [
                    {
                        "employee_id": employee.id,
                        "company_id": company.id,
                        "period_type": period_type,
                        "year": year,
                        "quarter": quarter,
                        "line_ids": lines,
                    }
                    for employee in missing
                ]
            )
        )
        cards = existing | new.with_env(self.env)
        cards.filtered(lambda c: c.state == "draft")._kpi_recompute()
        return cards

    @api.model
    def _kpi_staff(self, company, date_from, date_to):
        """Callback staff of a period: employees with callback plans in the
        period, and employees of the callback user group."""
        start, stop = self._kpi_datetimes(date_from, date_to, company)
        # sudo: who had callbacks in the period, whoever may read the plans
        # (a KPI manager or HR approver need not be a callback manager); the
        # caller narrows the staff to those the user scores
        groups = (
            self.env["callback.plan"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("date_deadline", ">=", start),
                    ("date_deadline", "<", stop),
                ],
                ["employee_id"],
            )
        )
        employees = self.env["hr.employee"].browse(emp.id for (emp,) in groups)
        group = self.env.ref(
            "customer_callback.group_customer_callback_user", raise_if_not_found=False
        )
        if group:
            employees |= self.env["hr.employee"].search(
                [("user_id", "in", group.users.ids), ("company_id", "=", company.id)]
            )
        return employees

    @api.model
    def _kpi_team_domain(self):
        """Employees of the current manager's team (same as the record rule)."""
        user = self.env.user
        return [
            "|",
            ("parent_id.user_id", "=", user.id),
            ("department_id", "child_of", user.employee_ids.department_id.ids),
        ]

    def _kpi_recompute(self):
        """Compute the figures of the cards, a constant number of queries per
        period whatever the number of staff (KPI-04). The figures come from
        the callback data alone: a manager computes their own card with their
        team's, though they may only read it (KPI-11)."""
        own = self.filtered(lambda c: c.user_id == self.env.user)
        own.check_access("read")
        (self - own).check_access("write")
        by_period = defaultdict(lambda: self.browse())
        for card in self:
            by_period[(card.company_id, card.period_type, card.date_from)] |= card
        for (company, period_type, date_from), cards in by_period.items():
            date_to = cards[0].date_to
            figures = cards._kpi_figures(company, date_from, date_to, period_type)
            # sudo: access was checked above on the cards; each card's and
            # line's write would repeat the same record-rule query.
            if period_type == "year":
                cards.sudo()._kpi_annual_inputs()
            cards.sudo()._kpi_write_figures(figures)

    def _kpi_refresh_settings(self):
        """Apply changed company settings (grade boundaries, bonus cap,
        weights, deadline days) to open cards. They are no dependency of the
        stored computes, so that an approved (locked) card keeps its score and
        grade (KPI-08)."""
        cards = self.filtered(lambda c: c.state != "approved")
        for name in (
            "date_from",
            "date_to",
            "deadline",
            "period_key",
            "evaluation_score",
            "total_score",
            "grade",
            "base_score",
            "bonus_auto",
            "bonus_total",
        ):
            self.env.add_to_compute(self._fields[name], cards)

    def action_recompute(self):
        """Recompute the figures of draft or returned cards."""
        self._check_group(
            "callback_kpi.group_callback_kpi_manager",
            self.env._("Only callback managers recompute scorecards."),
        )
        cards = self.filtered(lambda c: c.state in ("draft", "returned"))
        if cards != self:
            raise UserError(
                self.env._("Only draft or returned scorecards are recomputed.")
            )
        cards._kpi_recompute()
        return True

    @api.model
    def _cron_flag_overdue(self):
        """Daily: one to-do activity per HR approver on each overdue scorecard,
        never twice."""
        approvers = self._kpi_hr_approvers()
        cards = self.search([("is_overdue", "=", True)])
        if not cards or not approvers:
            return
        activity_type = self.env.ref("callback_kpi.mail_activity_type_overdue")
        existing = {
            (a.res_id, a.user_id.id)
            for a in self.env["mail.activity"].search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", cards.ids),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", approvers.ids),
                ]
            )
        }
        vals_list = cards._kpi_hr_todo_vals(
            activity_type,
            approvers,
            existing,
            lambda card: self.env._("Overdue scorecard %(name)s", name=card.name),
            note=lambda card: self.env._(
                "The scorecard was due on %(date)s.", date=card.deadline
            ),
        )
        if vals_list:
            # no e-mail per activity (one per card and approver, every query
            # of it repeated per card): the to-dos show in the approvers'
            # activities
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(vals_list)
