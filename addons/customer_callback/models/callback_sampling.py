from odoo import api, fields, models
from odoo.exceptions import AccessError


class CallbackSampling(models.Model):
    """CB-05: an auditable record of one sample: seed, ratio and who was drawn."""

    _name = "callback.sampling"
    _description = "Callback Sampling"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    quarter = fields.Char(required=True, readonly=True)
    seed = fields.Char(
        required=True,
        readonly=True,
        help="Re-running with this seed gives the same sample.",
    )
    ratio = fields.Float(readonly=True, help="Percentage sampled per category.")
    population_count = fields.Integer(readonly=True)
    partner_ids = fields.Many2many(
        "res.partner", string="Sampled Customers", readonly=True
    )
    sample_count = fields.Integer(compute="_compute_sample_count")
    strata = fields.Text(readonly=True, help="Per category: sampled of population.")
    plan_ids = fields.One2many("callback.plan", "sampling_id", readonly=True)

    def _compute_sample_count(self):
        for sampling in self:
            sampling.sample_count = len(sampling.partner_ids)

    @api.model_create_multi
    def create(self, vals_list):
        """X-07 CB-05: a sample is drawn by the planning wizard only (which
        creates it as superuser after its own checks), never entered by
        hand."""
        if not self.env.su:
            raise AccessError(
                self.env._("Samplings are drawn by the planning wizard only.")
            )
        return super().create(vals_list)
