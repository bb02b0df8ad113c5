"""CB-15 CB-19 CB-20: what the supervision adds to plans and records: the
dealer of each, the check of the customer file on the day of the sale or
repair pick-up, and the cost claims of a record."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import dealers

# set when the plan or record is created, never by a client
DEALER_FIELDS = {"dealer_id", "file_late", "file_incomplete", "file_missing"}


class CallbackDealerGuard(models.AbstractModel):
    """X-07: the dealer fields of plans and records are the workflow's."""

    _name = "callback.dealer.guard"
    _description = "Callback dealer guards"

    @api.model
    def default_get(self, fields_list):
        """X-07: no ``default_<field>`` context key fills a dealer field."""
        return super().default_get(
            [name for name in fields_list if name not in DEALER_FIELDS]
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_dealer_fields({name for vals in vals_list for name in vals})
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_dealer_fields(set(vals))
        return super().write(vals)

    @api.model
    def _check_dealer_fields(self, names):
        forged = names & DEALER_FIELDS
        if forged:
            raise UserError(
                self.env._(
                    "The dealer and the customer-file flags are set from the"
                    " customer when the callback is planned: %(fields)s.",
                    fields=", ".join(sorted(forged)),
                )
            )


class CallbackPlan(models.Model):
    _name = "callback.plan"
    _inherit = ["callback.plan", "callback.dealer.guard"]

    dealer_id = fields.Many2one(
        "res.partner",
        compute="_compute_dealer_file",
        store=True,
        index=True,
        precompute=True,
        help="CB-15 CB-19: the customer's dealer when the callback was planned.",
    )
    file_late = fields.Boolean(
        compute="_compute_dealer_file",
        store=True,
        precompute=True,
        aggregator="sum",
        help="CB-19: the customer file was created after the sale or repair"
        " pick-up day.",
    )
    file_incomplete = fields.Boolean(
        compute="_compute_dealer_file",
        store=True,
        precompute=True,
        aggregator="sum",
        help="CB-19: the customer file lacked a required item on that day.",
    )
    file_missing = fields.Char(
        string="Missing in File",
        compute="_compute_dealer_file",
        store=True,
        precompute=True,
    )

    @api.depends("partner_id", "date_event", "trigger_type_id", "level")
    def _compute_dealer_file(self):
        """CB-19: the customer's dealer and the state of the customer file on
        the day of the event, as the plan is created: a file completed later
        does not clear the flag (the regulation asks for it on the day).
        Only a dealer's first-level callback of a sale or repair event checks
        the file (the second level is the same event)."""
        labels = {
            name: self.env["res.partner"]
            ._fields[name]
            .get_description(self.env)["string"]
            for name in dealers.FILE_FIELDS
        }
        for plan in self:
            customer = plan.partner_id
            dealer = customer.callback_dealer_id or (
                customer.commercial_partner_id.callback_dealer_id
            )
            plan.dealer_id = dealer
            checked = bool(
                dealer
                and plan.date_event
                and plan.trigger_type_id
                and plan.level == "1"
            )
            if not checked:
                plan.file_late = plan.file_incomplete = False
                plan.file_missing = False
                continue
            local = plan.company_id._callback_local
            created = customer.create_date or fields.Datetime.now()
            plan.file_late = dealers.file_late(
                local(created).date(), local(plan.date_event).date()
            )
            missing = dealers.missing_file_fields(
                {name: customer[name] for name in (*dealers.FILE_FIELDS, "mobile")}
            )
            plan.file_incomplete = bool(missing)
            plan.file_missing = ", ".join(labels[name] for name in missing) or False


class CallbackRecord(models.Model):
    _name = "callback.record"
    _inherit = ["callback.record", "callback.dealer.guard"]

    dealer_id = fields.Many2one(
        "res.partner",
        compute="_compute_dealer_id",
        store=True,
        index=True,
        precompute=True,
        help="CB-15: the dealer whose satisfaction this callback measures.",
    )
    cost_ids = fields.One2many("callback.cost", "record_id", string="Cost Claims")

    @api.depends("plan_id", "partner_id")
    def _compute_dealer_id(self):
        for record in self:
            customer = record.partner_id
            record.dealer_id = (
                record.plan_id.dealer_id
                or customer.callback_dealer_id
                or customer.commercial_partner_id.callback_dealer_id
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_costs_or_checks(self):
        """CB-20 CB-21: a callback with cost claims or spot-check scores is
        kept (archived), whoever made them."""
        # sudo: the claims and checks of the record, whoever may read them
        if self.sudo().cost_ids or self.env[
            "callback.spot.check.line"
        ].sudo().search_count([("record_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "Callback records with cost claims or spot-check scores are"
                    " kept: archive them instead of deleting them."
                )
            )

    def action_new_cost(self):
        """CB-20: claim a cost of this callback, filed or not (the claim is a
        document of its own, approved by the supervisor)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Claim a Cost"),
            "res_model": "callback.cost",
            "view_mode": "form",
            "target": "new",
            "context": {"default_record_id": self.id},
        }
