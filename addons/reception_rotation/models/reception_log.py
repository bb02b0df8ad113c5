from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..engine.log_chain import line_hash

LOG_EVENTS = [
    ("assignment", "Assignment"),
    ("skip", "Skip"),
    ("makeup_granted", "Make-up granted"),
    ("makeup_used", "Make-up used"),
    ("override", "Override"),
    ("ownership", "Ownership change"),
    ("status", "Status change"),
    ("call", "Phone call"),
    ("no_count", "Not counted"),
    ("no_one", "Nobody available"),
    ("alert", "Manager alert"),
    ("split", "Deal split"),
]
LOG_REASONS = [
    ("rotation", "Rotation turn"),
    ("away_no_notice", "Away without notice"),
    ("away_with_notice", "Away with notice"),
    ("busy", "Busy with a customer"),
    ("returning_owner", "Owner of a returning customer"),
    ("returning_bought", "Returning buyer"),
    ("returning_not_bought", "Returning, not bought"),
    ("reclassified_returning", "Registered customer, to the owner"),
    ("brought_by_closed", "Brought by a customer who bought"),
    ("brought_by_open", "Brought by a customer who has not bought"),
    ("brought_by_owner_absent", "Brought in, referrer's owner absent"),
    ("peer_research", "Peer market research"),
    ("non_buyer", "Non-buyer"),
    ("non_buyer_late", "Non-buyer identified late"),
    ("ask_someone", "Asking for someone"),
    ("directions", "Asking for directions"),
    ("phone_call", "Phone call"),
    ("same_day", "Same customer, same day"),
    ("named_by_owner", "Named by the owner"),
    ("last_helps", "Last in order helps"),
    ("owner_lapsed", "Ownership lapsed"),
    ("contacted_by", "Phoned or canvassed by the salesperson"),
    ("contact_absent", "Named salesperson absent, in order"),
    ("owner_serves", "Owner serves"),
    ("stand_in_serves", "Stand-in serves"),
    ("owner_unreachable", "Owner unreachable"),
    ("colleague_customer_found", "Colleague's customer found"),
    ("handover", "Handover"),
    ("favour", "Favour"),
    ("back_from_business", "Back from business"),
    ("helped", "Helped a busy colleague"),
    ("helped_owner_counted", "Owner counted, a colleague helped"),
    ("make-up", "Make-up"),
    ("override", "Manager override"),
    ("bulk_buyer", "Bulk buyer"),
    ("split_half", "Split half and half"),
    ("nobody_available", "Nobody available"),
    ("registration", "First valid registration"),
    ("lapsed", "Lapsed without follow-up"),
    ("lead_followed", "Open leads follow the new owner"),
    ("brought_by_closed_registered", "Brought by a customer who bought, registered"),
    ("brought_by_open_once", "Brought in, counted once with the old customer"),
    ("non_buyer_confirmed", "Non-buyer confirmed by the manager"),
    ("non_buyer_marked", "Marked as a non-buyer by the salesperson"),
    ("status", "Status change"),
    ("other", "Other"),
]


class ReceptionLog(models.Model):
    """RR-15: every assignment, skip, make-up and override, kept for good."""

    _name = "reception.log"
    _description = "Reception Log"
    _order = "date desc, id desc"

    floor_id = fields.Many2one(
        "reception.floor", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="floor_id.company_id", store=True, precompute=True
    )
    event_type = fields.Selection(LOG_EVENTS, required=True)
    employee_id = fields.Many2one("hr.employee", string="Salesperson", index=True)
    visit_id = fields.Many2one("reception.visit", ondelete="restrict", index=True)
    user_id = fields.Many2one(
        "res.users", string="Done By", default=lambda self: self.env.user
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True)
    reason = fields.Selection(LOG_REASONS, default="other")
    note = fields.Char()
    sequence = fields.Integer(
        readonly=True,
        index=True,
        copy=False,
        help="Position of the line in its floor's log chain (RR-15).",
    )
    log_hash = fields.Char(
        readonly=True,
        copy=False,
        help="sha256 of the previous line's hash and this line's fields: a "
        "line changed or deleted in the database breaks the chain.",
    )

    _sql_constraints = [
        (
            "floor_sequence_uniq",
            "unique(floor_id, sequence)",
            "A floor's log chain has one line per position.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        # only the rotation's own code writes the log, through a
        # commented sudo after its role checks; a client cannot.
        if not self.env.su:
            raise AccessError(
                self.env._("Only the reception rotation writes the reception log.")
            )
        now = fields.Datetime.now()
        for vals in vals_list:
            # the log says who did it: never someone else
            vals["user_id"] = self.env.uid
            vals["note"] = (vals.get("note") or "")[:500] or False
            vals["date"] = fields.Datetime.to_datetime(vals.get("date") or now).replace(
                microsecond=0
            )
            vals.setdefault("reason", "other")
        self._chain(vals_list)
        return super().create(vals_list)

    def _chain(self, vals_list):
        """Number and hash the new lines after the last line of their floor,
        under the floor's row lock so two desks never fork the chain."""
        floor_ids = sorted({vals["floor_id"] for vals in vals_list})
        self.env["reception.floor"].browse(floor_ids)._lock_floors()
        self.flush_model(["floor_id", "sequence", "log_hash"])
        self.env.cr.execute(
            "SELECT DISTINCT ON (floor_id) floor_id, sequence, log_hash "
            "FROM reception_log WHERE floor_id = ANY(%s) AND sequence IS NOT NULL "
            "ORDER BY floor_id, sequence DESC",
            [floor_ids],
        )
        last = {floor: (seq, chash) for floor, seq, chash in self.env.cr.fetchall()}
        for vals in vals_list:
            sequence, previous = last.get(vals["floor_id"], (0, ""))
            vals["sequence"] = sequence + 1
            vals["log_hash"] = line_hash(previous, vals)
            last[vals["floor_id"]] = (vals["sequence"], vals["log_hash"])

    def write(self, vals):  # pylint: disable=method-required-super
        # RR-15 X-07: nobody edits the log, the superuser included
        raise AccessError(self.env._("The reception log cannot be edited."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise AccessError(self.env._("The reception log cannot be deleted."))
