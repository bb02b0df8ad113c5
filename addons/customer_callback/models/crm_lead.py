from odoo import api, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        """CB-02: a deal created directly in a won stage is called back too."""
        leads = super().create(vals_list)
        leads.filtered(
            lambda lead: lead.stage_id.is_won and lead.active
        )._plan_after_sale_callbacks()
        return leads

    def _handle_won_lost(self, vals):
        """CB-02/CB-03: a deal that reaches a won stage plans its after-sale
        callbacks. crm calls this hook from write() before the new stage is
        written (the leads still show their old stage) and from create() after
        the lead exists (create() above plans those)."""
        res = super()._handle_won_lost(vals)
        if vals.get("stage_id") and self.ids:
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            if stage.is_won:
                newly_won = self.filtered(
                    lambda lead: not lead.stage_id.is_won
                    and lead.stage_id.id != stage.id
                )
                newly_won._plan_after_sale_callbacks(vals)
        return res

    def _plan_after_sale_callbacks(self, vals=None):
        """Plan the after-sale callbacks of won deals, one batch per company and
        salesperson. The customer's callback owner calls back, else the deal's
        salesperson; level 2 goes to the customer-service department (CB-03).
        ``vals``: the values being written with the won stage (a new customer
        or salesperson in the same write wins over the lead's current one)."""
        vals = vals or {}
        leads = self.filtered(lambda lead: vals.get("partner_id") or lead.partner_id)
        if not leads:
            return
        # whoever may win the deal may have its callbacks planned, even a
        # salesperson with none of the callback groups. The caller's right on
        # the lead is checked here; the plans are then created with sudo, the
        # only place a salesperson reaches callback data, and nothing of it is
        # returned to them.
        leads.check_access("write")
        env = self.sudo().env  # sudo: plans for other staff, see above
        trigger = env["callback.trigger.type"].search([("code", "=", "sale")], limit=1)
        if not trigger:
            return
        Partner = env["res.partner"]
        Users = env["res.users"]

        def key(lead):
            partner = (
                Partner.browse(vals["partner_id"])
                if vals.get("partner_id")
                else lead.partner_id
            )
            user = Users.browse(vals["user_id"]) if "user_id" in vals else lead.user_id
            return lead.company_id, user, partner.commercial_partner_id

        groups = {}
        for lead in leads:
            company, user, partner = key(lead)
            entry = groups.setdefault((company, user), [env["crm.lead"], Partner])
            entry[0] |= lead
            entry[1] |= partner
        for (company, user), (group_leads, partners) in groups.items():
            try:
                with self.env.cr.savepoint():
                    partners.action_trigger_callback(
                        "sale",
                        company=company or self.env.company,
                        employee=user.employee_id[:1] or None,
                        origin=", ".join(group_leads.mapped("name")),
                    )
            except UserError as error:
                # CB-07 cap or no owner: winning goes on, the lead says why.
                # logged, not posted: a salesperson without an e-mail
                # address still wins the deal
                body = self.env._(
                    "No after-sale callback planned: %(reason)s", reason=error.args[0]
                )
                self.browse(group_leads.ids)._message_log_batch(
                    dict.fromkeys(group_leads.ids, body)
                )
