from odoo import models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, vals):
        """CB-02/CB-03: winning an opportunity plans its after-sale callbacks."""
        newly_won = self.browse()
        if vals.get("stage_id"):
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            if stage.is_won:
                newly_won = self.filtered(lambda lead: not lead.stage_id.is_won)
        res = super().write(vals)
        if newly_won:
            newly_won._plan_after_sale_callbacks()
        return res

    def _plan_after_sale_callbacks(self):
        trigger = self.env["callback.trigger.type"].search(
            [("code", "=", "sale")], limit=1
        )
        if not trigger:
            return
        # one batch per company and salesperson: each deal is called back for
        # its own salesperson (when the customer has no callback owner)
        groups = self.filtered("partner_id").grouped(
            lambda lead: (lead.company_id, lead.user_id)
        )
        for (company, user), leads in groups.items():
            partners = leads.partner_id.commercial_partner_id
            employee = user.employee_id[:1]
            try:
                with self.env.cr.savepoint():
                    partners.action_trigger_callback(
                        "sale",
                        company=company or self.env.company,
                        employee=employee or None,
                        origin=", ".join(leads.mapped("name")),
                    )
            except UserError as error:
                # CB-07 cap or no owner: winning goes on, the lead says why.
                for lead in leads:
                    lead.message_post(
                        body=self.env._(
                            "No after-sale callback planned: %(reason)s",
                            reason=error.args[0],
                        )
                    )
