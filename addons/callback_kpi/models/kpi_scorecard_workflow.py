"""KPI-08 / KPI-07 / KPI-14: the scorecard's workflow: submit, approve, return,
reopen, self-assess, and the approvers' and improvement-plan to-dos."""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from ..engine.deadlines import period_key, previous_period
from ..engine.errors import EngineError
from ..engine.grading import check_shares
from ..engine.rewards import reward_outcome
from .kpi_scorecard import HR_GROUP, MANAGER_GROUP


# the model is split by job on purpose (house style: fields and guards,
# workflow, batch, figures), so its extensions are not merged
# pylint: disable=consider-merging-classes-inherited
class KpiScorecard(models.Model):
    """The workflow actions of the scorecard; each checks the caller's role
    before it writes through ``_write_workflow``."""

    _inherit = "kpi.scorecard"

    def action_submit(self):
        self._check_group(
            MANAGER_GROUP,
            self.env._("Only callback managers submit scorecards."),
        )
        if not self.env.su:
            self._check_not_own()
            self.check_access("write")
        for card in self:
            if card.state not in ("draft", "returned"):
                raise UserError(
                    self.env._(
                        "Scorecard %(name)s cannot be submitted from its state.",
                        name=card.display_name,
                    )
                )
            if card.period_type == "quarter":
                try:
                    check_shares(card.line_ids.mapped("max_points"))
                except EngineError as error:
                    raise ValidationError(
                        self.env._(
                            "Scorecard %(name)s: the criteria's maximum points "
                            "must add up to 100.",
                            name=card.display_name,
                        )
                    ) from error
        self._write_workflow({"state": "submitted", "manager_id": self.env.user.id})
        self._activity_update()
        return True

    def _check_approver(self):
        self._check_group(
            "callback_kpi.group_callback_kpi_hr",
            self.env._("Only HR approvers approve, return or reopen scorecards."),
        )
        own = self.filtered(lambda c: c.user_id and c.user_id == self.env.user)
        if own:
            raise UserError(
                self.env._(
                    "Nobody approves their own scorecard (%(name)s).",
                    name=own[0].display_name,
                )
            )
        if not self.env.su:
            self.check_access("write")

    def _check_not_submitter(self):
        """KPI-08: the two steps are two people: whoever submitted a card
        does not approve it."""
        if self.env.su:
            return
        mine = self.filtered(lambda c: c.manager_id == self.env.user)
        if mine:
            raise UserError(
                self.env._(
                    "Scorecard %(name)s was submitted by you: another HR "
                    "approver approves it.",
                    name=mine[0].display_name,
                )
            )

    def action_approve(self):
        self._check_approver()
        if self.filtered(lambda c: c.state != "submitted"):
            raise UserError(self.env._("Only submitted scorecards can be approved."))
        self._check_not_submitter()
        today = fields.Date.context_today(self)
        previous = self._previous_grades()
        for card in self:
            outcome = reward_outcome(
                card.grade,
                previous.get(card.id, ()),
                card.company_id._kpi_reward_policy(),
                approved_on=today,
            )
            card._write_workflow(
                {
                    "state": "approved",
                    "approver_id": self.env.user.id,
                    "date_approved": today,
                    "reward_amount": outcome.reward_amount,
                    "improvement_plan": outcome.improvement_plan,
                    "improvement_deadline": outcome.improvement_deadline,
                    "consecutive_e": outcome.consecutive_e,
                    "pay_deduction_pct": outcome.pay_deduction_pct,
                }
            )
        self._activity_update()
        self._kpi_clean().activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("callback_kpi.mail_activity_type_overdue")
        ).action_feedback(feedback=self.env._("Scorecard approved."))
        self._schedule_improvement_plans()
        return True

    def _activity_update(self):
        """KPI-08: HR's approval to-dos follow the state, as in hr_holidays:
        a submitted card gets one per HR approver (neither its own person nor
        its submitter), approving or returning it marks them done."""
        activity_type = self.env.ref("callback_kpi.mail_activity_type_approval")
        # sudo: the manager who submits creates HR's to-dos, HR closes those
        # of the other approvers; the workflow method checked the role
        Activity = self._kpi_clean().env["mail.activity"].sudo()
        activities = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        submitted = self.filtered(lambda c: c.state == "submitted")
        closed = activities.filtered(lambda a: a.res_id not in submitted.ids)
        if closed:
            closed.action_feedback(
                feedback=self.env._(
                    "Scorecard %(state)s.",
                    state=self.browse(closed.mapped("res_id"))._state_label().lower(),
                )
            )
        if not submitted:
            return
        # neither the card's own person nor its submitter approves it
        existing = {(a.res_id, a.user_id.id) for a in activities} | {
            (card.id, user.id)
            for card in submitted
            for user in card.user_id | card.manager_id
        }
        vals_list = submitted._kpi_hr_todo_vals(
            activity_type,
            self._kpi_hr_approvers(),
            existing,
            lambda card: self.env._("Approve scorecard %(name)s", name=card.name),
        )
        if vals_list:
            Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    def _kpi_hr_approvers(self):
        """The HR approvers who get the to-dos: active internal users."""
        return self.env.ref(HR_GROUP).users.filtered(lambda u: not u.share and u.active)

    def _kpi_hr_todo_vals(self, activity_type, approvers, existing, summary, note=None):
        """The values of the to-dos due today of each of ``approvers`` on each
        card, but for the (card id, user id) pairs of ``existing``;
        ``summary`` and ``note`` give a card's texts."""
        today = fields.Date.context_today(self)
        return [
            card._kpi_activity_vals(
                activity_type,
                user,
                today,
                summary(card),
                note=note(card) if note else None,
            )
            for card in self
            for user in approvers
            if (card.id, user.id) not in existing
            # HR of another company neither sees nor follows the card
            and card.company_id in user.company_ids
        ]

    def _kpi_activity_vals(self, activity_type, user, deadline, summary, note=None):
        """The values of a to-do activity of ``user`` on the card."""
        self.ensure_one()
        vals = {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": deadline,
            "summary": summary,
        }
        if note:
            vals["note"] = note
        return vals

    def _state_label(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        return ", ".join(sorted({states[state] for state in self.mapped("state")}))

    def _schedule_improvement_plans(self):
        """KPI-07: an E grade requires an improvement plan by its deadline; the
        manager who submitted the card gets the to-do (one create call)."""
        activity_type = self.env.ref("callback_kpi.mail_activity_type_improvement")
        vals_list = [
            card._kpi_activity_vals(
                activity_type,
                card.manager_id or self.env.user,
                card.improvement_deadline,
                self.env._("Improvement plan for %(name)s", name=card.employee_id.name),
            )
            for card in self
            if card.improvement_plan and card.improvement_deadline
        ]
        if vals_list:
            self._kpi_clean().env["mail.activity"].create(vals_list)

    def _previous_grades(self, depth=3):
        """KPI-07: grades of the ``depth`` periods before each card (oldest
        first, ``None`` where the employee has no approved card), in one search."""
        keys = {}
        wanted = set()
        for card in self:
            chain = []
            year, quarter = card.year, card.quarter
            for __ in range(depth):
                year, quarter = previous_period(card.period_type, year, quarter)
                chain.append(period_key(card.period_type, year, quarter))
            keys[card.id] = list(reversed(chain))
            wanted.update(chain)
        found = self.search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("period_key", "in", list(wanted)),
                ("state", "=", "approved"),
            ]
        )
        grades = {
            (c.employee_id.id, c.company_id.id, c.period_key): c.grade for c in found
        }
        return {
            card.id: [
                grades.get((card.employee_id.id, card.company_id.id, key))
                for key in keys[card.id]
            ]
            for card in self
        }

    def action_return(self):
        """Open the wizard asking for the reason of the return."""
        self._check_approver()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return scorecard"),
            "res_model": "kpi.scorecard.return",
            "view_mode": "form",
            "target": "new",
            "context": {"default_scorecard_ids": [Command.set(self.ids)]},
        }

    def _do_return(self, reason):
        self._check_approver()
        if not (reason or "").strip():
            raise UserError(self.env._("A returned scorecard needs a reason."))
        if self.filtered(lambda c: c.state != "submitted"):
            raise UserError(self.env._("Only submitted scorecards can be returned."))
        self._write_workflow({"state": "returned", "return_reason": reason})
        self._activity_update()
        self._kpi_log(self.env._("Returned to the manager: %(reason)s", reason=reason))

    def action_reopen(self):
        """KPI-08: reopening an approved card is an HR action, logged."""
        self._check_group(
            HR_GROUP,
            self.env._("Only HR approvers approve, return or reopen scorecards."),
        )
        if not self.env.su:
            self._check_not_own()
            self.check_access("write")
        if self.filtered(lambda c: c.state != "approved"):
            raise UserError(self.env._("Only approved scorecards can be reopened."))
        self._write_workflow(
            {
                "state": "draft",
                "approver_id": False,
                "date_approved": False,
                "reward_amount": 0.0,
                "improvement_plan": False,
                "improvement_deadline": False,
                "pay_deduction_pct": 0.0,
                "consecutive_e": 0,
            }
        )
        self._kpi_log(
            self.env._("Scorecard reopened by %(user)s.", user=self.env.user.name)
        )
        return True

    def action_self_assess(self, score):
        """KPI-14: the scored person enters their own self-assessment (and
        nobody else does it for them), while the card is open."""
        self.ensure_one()
        if not self.env.su and self.user_id != self.env.user:
            raise AccessError(
                self.env._("Only the scored person enters their self-assessment.")
            )
        self.check_access("read")
        self._check_open()
        self._write_workflow({"self_score": score, "self_assessed": True})
        return True

    def action_open_self_assessment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Self-assessment"),
            "res_model": "kpi.self.assessment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_scorecard_id": self.id},
        }

    def _add_finding(self, criterion_code, note, events=1, date=None):
        """Record a spot-check finding on the line of ``criterion_code``
        (used by the demo data and by integrations)."""
        self.ensure_one()
        line = self.line_ids.filtered(
            lambda line: line.criterion_id.code == criterion_code
        )
        if not line:
            raise UserError(
                self.env._(
                    "Scorecard %(name)s has no criterion %(code)s.",
                    name=self.display_name,
                    code=criterion_code,
                )
            )
        vals = {
            "scorecard_id": self.id,
            "line_id": line[:1].id,
            "note": note,
            "events": events,
        }
        if date:
            vals["date"] = date
        # without a date: today, or the last day of a past period
        return self.env["kpi.finding"].create(vals)
