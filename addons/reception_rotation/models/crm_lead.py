from datetime import timedelta

from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    reception_visit_ids = fields.One2many(
        "reception.visit", "lead_id", string="Walk-in Visits"
    )
    reception_credit_ids = fields.One2many(
        "reception.credit.split", "lead_id", string="Deal Credit"
    )

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals or "active" in vals or "probability" in vals:
            won = self.filtered(
                lambda lead: lead.active
                and lead.stage_id.is_won
                and lead.reception_visit_ids
                and not lead.reception_credit_ids
            )
            if won:
                won._reception_credit_won()
        return res

    def _reception_credit_won(self):
        """RR-11 / RR-09: credit a won deal to the customer's owner when it
        closes within the traceback window of the last follow-up; split half
        and half when an unreachable owner's customer was served by a finder."""
        today = fields.Date.context_today(self)
        lines = []
        for lead in self:
            visit = lead.reception_visit_ids.sorted("date")[-1:]
            floor = visit.floor_id
            split = lead.reception_visit_ids.filtered("split_confirmed")[-1:]
            ownership = visit.ownership_id
            if split:
                for emp in split.server_id | split.split_employee_id:
                    lines.append((lead, floor, emp, 0.5, split, "split"))
            elif (
                ownership
                and ownership.last_followup_date
                and today - ownership.last_followup_date
                <= timedelta(days=floor.traceback_days)
            ):
                lines.append((lead, floor, ownership.employee_id, 1.0, visit, "owner"))
            elif visit.server_id:
                lines.append((lead, floor, visit.server_id, 1.0, visit, "server"))
        # sudo: credit lines are figures kept by the system, not by hand.
        self.env["reception.credit.split"].sudo().create(
            [
                {
                    "lead_id": lead.id,
                    "floor_id": floor.id,
                    "company_id": floor.company_id.id or lead.company_id.id,
                    "employee_id": emp.id,
                    "share": share,
                    "visit_id": visit.id,
                    "reason": reason,
                }
                for lead, floor, emp, share, visit, reason in lines
            ]
        )
