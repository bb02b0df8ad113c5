from odoo import fields, models
from odoo.exceptions import UserError

from ..engine.log_chain import first_broken

# rows of the log read per query when its chain is verified
VERIFY_CHUNK = 2000


class ReceptionFloor(models.Model):
    """The floor's reception log (RR-15): the one path that writes its
    lines, and the check of its hash chain."""

    # one model in a few files named by job (issue 9): split on purpose
    _inherit = "reception.floor"  # pylint: disable=consider-merging-classes-inherited

    def _write_log(self, vals_list):
        """X-07 RR-15: the one path that writes reception.log lines."""
        # sudo: nobody holds create rights on the log; the rotation's own
        # code logs what its checked actions decided, as the acting user.
        if not vals_list:
            return self.env["reception.log"]
        return self.env["reception.log"].sudo().create(vals_list)

    def _log_ownership(self, ownership, visit=False, logs=None):
        """Log an ownership change; into ``logs`` when given (the batch of a
        dispatch), else at once."""
        vals = {
            "floor_id": self.id,
            "event_type": "ownership",
            "employee_id": ownership.employee_id.id,
            "visit_id": visit.id if visit else False,
            "user_id": self.env.uid,
            "reason": "registration",
            "note": ownership.customer_name or "",
        }
        if logs is not None:
            logs.append(vals)
        else:
            self._write_log(vals)

    def action_verify_log(self):
        """RR-15 X-07: verify the floor's log chain, in chunks of
        VERIFY_CHUNK lines, and name the first broken line."""
        self.ensure_one()
        self.check_access("read")
        self._check_floor_manager()
        self.env["reception.log"].flush_model()
        columns = (
            "id, floor_id, sequence, event_type, employee_id, visit_id, user_id, "
            "date, reason, note, log_hash"
        )
        last_hash, last_sequence, count = "", 0, 0
        while True:
            # SQL: the raw stored values are what the chain covers
            self.env.cr.execute(
                f"SELECT {columns} FROM reception_log "
                "WHERE floor_id = %s AND sequence > %s "
                "ORDER BY sequence LIMIT %s",
                [self.id, last_sequence, VERIFY_CHUNK],
            )
            rows = self.env.cr.dictfetchall()
            if not rows:
                break
            broken, last_hash, last_sequence = first_broken(
                rows, last_hash, last_sequence
            )
            if broken:
                raise UserError(
                    self.env._(
                        "The reception log of floor %(floor)s is broken at line "
                        "%(sequence)s (ID %(id)s, %(date)s): this line was changed "
                        "or a line before it was deleted in the database.",
                        floor=self.name,
                        sequence=broken["sequence"],
                        id=broken["id"],
                        date=fields.Datetime.to_string(broken["date"]),
                    )
                )
            count += len(rows)
        self.env.cr.execute(
            "SELECT count(*) FROM reception_log WHERE floor_id = %s "
            "AND sequence IS NULL",
            [self.id],
        )
        if self.env.cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "The reception log of floor %(floor)s has lines outside the "
                    "chain: they were added in the database.",
                    floor=self.name,
                )
            )
        return self._notify(
            self.env._(
                "The reception log of floor %(floor)s is intact: %(count)s lines "
                "verified.",
                floor=self.name,
                count=count,
            ),
            "success",
        )
