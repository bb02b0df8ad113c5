from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..engine import frequency
from ..models.callback_plan import MANAGER_GROUP
from .callback_planning_wizard import _check_year


class CallbackDealerFigureWizard(models.TransientModel):
    """CB-15 CB-19: the dealers' figures of a year, per dealer and quarter,
    for the managers: weighted satisfaction and its rank, customer files
    created late or incomplete, deposit deductions recorded and confirmed.
    The figures are the engine's (``dealers.dealer_rows``); the screen
    shows them in a list, a pivot and a graph."""

    _name = "callback.dealer.figure.wizard"
    _description = "Dealer Figures"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: _current_year())
    line_ids = fields.One2many(
        "callback.dealer.figure.line", "wizard_id", readonly=True
    )

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            _check_year(self.env, wizard.year)

    def action_compute(self):
        """Fill the rows of the year and open them."""
        self.ensure_one()
        _check_figures_reader(self)
        quarters = [frequency.quarter_label(self.year, q) for q in range(1, 5)]
        rows = self.env["callback.dealer.deduction"]._dealer_screen(
            self.company_id, quarters
        )
        # sudo: the rows are the server's figures; the manager reads them
        # nobody edits a figure row, even on their own screen)
        self.sudo().line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "dealer_id": dealer.id,
                    "quarter": quarter,
                    "rank": row["rank"] or 0,
                    "sale": row["sale"] or 0.0,
                    "service": row["service"] or 0.0,
                    "weighted": row["weighted"] or 0.0,
                    "files": row["files"],
                    "late": row["late"],
                    "incomplete": row["incomplete"],
                    "flagged": row["flagged"],
                    "recorded_count": row["recorded_count"],
                    "recorded_amount": row["recorded_amount"],
                    "confirmed_count": row["confirmed_count"],
                    "confirmed_amount": row["confirmed_amount"],
                }
            )
            for (dealer, quarter), row in sorted(
                rows.items(),
                key=lambda item: (
                    item[0][1],
                    item[1]["rank"] or 10**6,
                    item[0][0].id,
                ),
            )
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dealer Figures %(year)s", year=self.year),
            "res_model": "callback.dealer.figure.line",
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            "domain": [("wizard_id", "=", self.id)],
            "target": "current",
        }


class CallbackDealerFigureLine(models.TransientModel):
    """CB-15 CB-19: one dealer in one quarter."""

    _name = "callback.dealer.figure.line"
    _description = "Dealer Figures Line"
    _order = "quarter, rank, id"

    wizard_id = fields.Many2one(
        "callback.dealer.figure.wizard", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.company_id.currency_id")
    dealer_id = fields.Many2one("res.partner", readonly=True)
    quarter = fields.Char(readonly=True)
    rank = fields.Integer(
        readonly=True,
        aggregator="min",
        help="CB-15: the dealer's place among the quarter's dealers by weighted"
        " satisfaction (ties share a place); 0: no answered callback.",
    )
    sale = fields.Float(
        string="After-Sale Satisfaction", readonly=True, aggregator="avg"
    )
    service = fields.Float(
        string="After-Service Satisfaction", readonly=True, aggregator="avg"
    )
    weighted = fields.Float(
        string="Weighted Satisfaction",
        readonly=True,
        aggregator="avg",
        help="CB-15: after-sale x 0.3 + after-service x 0.7 (the company's"
        " weights).",
    )
    files = fields.Integer(string="Customer Files Due", readonly=True)
    late = fields.Integer(string="Files Created Late", readonly=True)
    incomplete = fields.Integer(string="Files Incomplete", readonly=True)
    flagged = fields.Integer(
        string="Files Flagged",
        readonly=True,
        help="CB-19: late or incomplete (a file both late and incomplete once).",
    )
    recorded_count = fields.Integer(string="Deductions Recorded", readonly=True)
    recorded_amount = fields.Monetary(
        string="Amount Recorded", currency_field="currency_id", readonly=True
    )
    confirmed_count = fields.Integer(string="Deductions Confirmed", readonly=True)
    confirmed_amount = fields.Monetary(
        string="Amount Deducted", currency_field="currency_id", readonly=True
    )


def _current_year():
    return fields.Date.today().year


def _check_figures_reader(wizard):
    """X-02 X-07: a manager reads the figures of a company of theirs (the
    figures are read company-wide as the server)."""
    env = wizard.env
    if env.su:
        return
    if not env.user.has_group(MANAGER_GROUP):
        raise AccessError(env._("Only a callback manager reads these figures."))
    if wizard.company_id not in env.user.company_ids:
        raise AccessError(
            env._(
                "You do not work for %(company)s: its figures are not yours to"
                " read.",
                company=wizard.company_id.name,
            )
        )
