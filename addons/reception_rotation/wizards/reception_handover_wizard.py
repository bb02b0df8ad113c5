from odoo import api, fields, models


class ReceptionHandoverWizard(models.TransientModel):
    """RR-09: the customer being served belongs to a colleague."""

    _name = "reception.handover.wizard"
    _description = "Hand Over a Colleague's Customer"

    visit_id = fields.Many2one("reception.visit", required=True)
    owner_id = fields.Many2one(
        "hr.employee",
        string="Colleague Who Owns the Customer",
        required=True,
        compute="_compute_owner_id",
        store=True,
        readonly=False,
    )
    stand_in_id = fields.Many2one(
        "hr.employee",
        string="Stand-in Named by the Colleague",
        help="When the colleague is off: the stand-in they named on the phone. "
        "Leave empty if they cannot be reached: you continue, a deal that day "
        "is split half and half, no deal gives you a make-up.",
    )

    @api.constrains("visit_id")
    def _check_visit_access(self):
        # a handover only of a visit the user may read (their own)
        self.visit_id.check_access("read")

    @api.depends("visit_id")
    def _compute_owner_id(self):
        for wizard in self:
            # sudo: the finder may not read a colleague's ownership record,
            # only who owns the customer.
            wizard.owner_id = wizard.visit_id.sudo().ownership_id.employee_id

    def action_confirm(self):
        self.ensure_one()
        # the floor is read first: once handed over, the visit is the
        # colleague's and the finder may no longer read it
        floor = self.visit_id.floor_id
        decision = self.visit_id._handover(self.owner_id, self.stand_in_id)
        employee = self.env["hr.employee"].browse(decision["server"] or [])
        return floor._notify(
            self.env._(
                "%(employee)s now serves the customer.", employee=employee.name or "-"
            )
        )
