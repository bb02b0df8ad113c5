from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    kpi_scorecard_count = fields.Integer(
        compute="_compute_kpi_scorecard",
        groups="callback_kpi.group_callback_kpi_employee",
    )
    kpi_last_grade = fields.Selection(
        [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D"), ("E", "E")],
        string="Latest grade",
        compute="_compute_kpi_scorecard",
        groups="callback_kpi.group_callback_kpi_employee",
        help="Grade of the latest approved scorecard (KPI-13).",
    )

    def _compute_kpi_scorecard(self):
        """KPI-13: counters in one query, latest approved grade in another."""
        cards = self.env["kpi.scorecard"]
        counts = dict(
            cards._read_group(
                [("employee_id", "in", self.ids)], ["employee_id"], ["__count"]
            )
        )
        latest = {}
        for card in cards.search(
            [("employee_id", "in", self.ids), ("state", "=", "approved")],
            order="period_key desc, id desc",
        ):
            latest.setdefault(card.employee_id, card.grade)
        for employee in self:
            employee.kpi_scorecard_count = counts.get(employee, 0)
            employee.kpi_last_grade = latest.get(employee, False)

    def action_open_kpi_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "callback_kpi.kpi_scorecard_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        action["name"] = self.env._("Scorecards of %(name)s", name=self.name)
        return action
