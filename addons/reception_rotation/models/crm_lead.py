from datetime import timedelta

from odoo import fields, models
from odoo.tools import sql

from .reception_visit import unsanitized_rows

RECEPTION_GROUPS = (
    "reception_rotation.group_reception_rotation_salesperson,"
    "reception_rotation.group_reception_rotation_desk"
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def init(self):
        # RR-17: the desk looks up the numbers Odoo's phone mixin did not
        # sanitize (reception.visit._crm_phone_domains); these indexes keep
        # that to those rows, not a scan of every lead and contact.
        res = super().init()
        for table in ("crm_lead", "res_partner"):
            columns = [
                column
                for column in ("phone_sanitized", "phone", "mobile")
                if sql.column_exists(self.env.cr, table, column)
            ]
            if "phone_sanitized" in columns:
                sql.create_index(
                    self.env.cr,
                    "reception_rotation_%s_numbers_idx" % table,
                    table,
                    ["id"],
                    where=unsanitized_rows(columns[1:]),
                )
        return res

    # only reception users see these; a CRM salesperson without a
    # reception role opens, wins and loses leads as before the install.
    reception_visit_ids = fields.One2many(
        "reception.visit",
        "lead_id",
        string="Walk-in Visits",
        groups=RECEPTION_GROUPS,
    )
    reception_credit_ids = fields.One2many(
        "reception.credit.split",
        "lead_id",
        string="Deal Credit",
        groups=RECEPTION_GROUPS,
    )

    def _handle_won_lost(self, vals):
        """RR-11: a deal reaching a won stage credits its walk-in salespeople.

        Called by crm before the write, for the leads whose stage or active
        flag changes; the credit depends on the visits, not on the lead's new
        values, so it is computed here for the leads that reach won."""
        res = super()._handle_won_lost(vals)
        if vals.get("stage_id") and vals.get("active", True):
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            if stage.is_won:
                reaching = self.filtered(
                    lambda lead: lead.active and not lead.stage_id.is_won
                )
                reaching._reception_credit_won()
        return res

    def _reception_credit_won(self):
        """RR-11 / RR-09: credit a won deal to the customer's owner when it
        closes within the traceback window of the last follow-up; split half
        and half when an unreachable owner's customer was served by a finder.

        X-06: whoever wins the deal (a CRM salesperson with no reception role
        included), the credit is the system's: the visits, ownership and
        credit lines are read and written here with sudo, in this one place."""
        # sudo: the credit follows the floor's records, which the user who
        # wins the deal may not read (no reception role, or a colleague's
        # customer); nothing of them is returned to the user.
        leads = self.sudo().filtered(
            lambda lead: lead.reception_visit_ids and not lead.reception_credit_ids
        )
        today = fields.Date.context_today(self)
        lines = []
        for lead in leads:
            visit = lead.reception_visit_ids.sorted("date")[-1:]
            floor = visit.floor_id
            split = lead.reception_visit_ids.filtered("split_confirmed")[-1:]
            ownership = visit.ownership_id
            if split:
                sharing = split.server_id | split.split_employee_id
                for emp in sharing:
                    lines.append((lead, floor, emp, 1.0 / len(sharing), split, "split"))
            elif (
                ownership
                and ownership.last_followup_date
                and today - ownership.last_followup_date
                <= timedelta(days=floor.traceback_days)
            ):
                lines.append((lead, floor, ownership.employee_id, 1.0, visit, "owner"))
            elif visit.server_id:
                lines.append((lead, floor, visit.server_id, 1.0, visit, "server"))
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
