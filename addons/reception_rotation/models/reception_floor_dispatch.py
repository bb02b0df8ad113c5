import psycopg2.errors
from psycopg2.extras import Json

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import EngineError, apply_event, new_state, normalize_phone, with_roster

# the floors whose turn this transaction holds (cursor's postcommit data), and
# the flag that keeps it over Odoo's retry (postrollback data)
TURNS = "reception_rotation.floor_turns"
KEEP_TURN = "reception_rotation.keep_floor_turn"
# the first key of the floors' advisory locks (the second is the floor's id)
TURN_LOCK_CLASS = 0x52520016  # "RR" 16


class ReceptionFloor(models.Model):
    """The one dispatch of an event to the rotation engine and its
    bookkeeping: the floor lock, the saved state, the roster statuses, the
    caller's visit, the log lines, the make-up credits and the manager's
    alerts. Callers go through ``_dispatch`` and cannot do half of it."""

    # one model in a few files named by job (issue 9): split on purpose
    _inherit = "reception.floor"  # pylint: disable=consider-merging-classes-inherited

    def _dispatch(self, event, record=None, logs=None):
        """Lock the floor (RR-16), apply ``event`` to its rotation state, save
        the new state and the roster statuses it decided, then let
        ``record(decision)`` create or write the visit the event is about
        (it returns the visit), and store what the decision lists (RR-15 log
        lines, RR-04 make-ups, RR-14 / RR-05 alerts). ``logs``: a list that
        ``record`` may fill with log lines of its own (the registration's
        ownership lines), written after the decision's in the same batch.
        The desk screens are told to reload. Returns ``(decision, visit)``."""
        self.ensure_one()
        self.flush_recordset(["rotation_state"])
        # RR-16: the floor's row lock and its state in one query (see
        # _lock_floors: the state is read under the lock; an expected
        # serialization failure is no "bad query" ERROR)
        try:
            self.env.cr.execute(
                "SELECT rotation_state FROM reception_floor WHERE id = %s FOR UPDATE",
                [self.id],
                log_exceptions=False,
            )
        except psycopg2.errors.SerializationFailure:
            if self.id in self.env.cr.postcommit.data.get(TURNS, ()):
                # a snapshot older than the previous desk's commit, under the
                # floor's turn: keep the turn for Odoo's retry (_hold_turn)
                self.env.cr.postrollback.data[KEEP_TURN] = True
            raise
        saved = self.env.cr.fetchone()[0]
        roster = self._get_roster(self._floor_today())
        if not roster:
            raise UserError(
                self.env._("Floor %(floor)s has no roster for today.", floor=self.name)
            )
        # the salespeople's names and users, read by the visit, its lead and
        # the roster's chatter: one narrow read instead of hr.employee's
        # whole record, each field checked against the HR groups (issue 9)
        roster.line_ids.employee_id.sudo().fetch(["name", "user_id"])
        state = self._build_state(saved, roster)
        event = dict(event, at=self._now_hour())
        try:
            decision = apply_event(state, event)
        except EngineError as err:
            raise UserError(self._engine_message(err)) from err
        self._save_state(decision["state"])
        self._sync_roster(roster, decision["state"])
        self._notify_board()
        visit = record(decision) if record else None
        self._book_decision(decision, visit, logs or ())
        return decision, visit or self.env["reception.visit"]

    # how long a desk waits for the floor's turn before Odoo retries
    _turn_wait = "30s"

    def _wait_turn(self):
        """RR-16 under load: the desks take turns on the floor before they
        read it. A desk action waits for the floor's own lock, taken on a
        second connection and held until this transaction commits or rolls
        back. Four desks so queue for milliseconds instead of colliding on
        the floor row under REPEATABLE READ and sleeping in Odoo's retries
        (issue 9).

        When this transaction has written nothing yet, it then starts again
        on a fresh snapshot, which sees what the previous desk committed.
        When it has (Odoo logs a session's device on its first request and
        every hour; a cron, a chain of actions), its snapshot may predate the
        previous desk's commit: ``_dispatch`` refuses the stale state with a
        serialization failure and the turn is kept over Odoo's retry, whose
        snapshot then starts while no other desk can change the floor.

        Called first by each desk action after its role checks, before it
        reads anything it decides on (the rollback drops the caches, not the
        caller's local variables). A test cursor keeps the row lock of
        ``_dispatch`` alone."""
        cr = self.env.cr
        if (
            len(self) != 1
            or cr.postcommit.data.get(TURNS)
            or self.env.registry.in_test_mode()
            # a module install or update (the demo day) runs alone
            or not self.env.registry.ready
        ):
            return
        cr.execute("SELECT txid_current_if_assigned()")
        wrote = (
            cr.fetchone()[0] is not None
            or self.env.cache.get_dirty_fields()
            or any(self.env.transaction.tocompute.values())
            # what the caller queued for the commit (a bus message) or the
            # rollback would be lost or run by the rollback below
            or any(
                hooks._funcs or hooks.data
                for hooks in (cr.precommit, cr.postcommit, cr.postrollback)
            )
        )
        lock_cr = self.env.registry.cursor()
        try:
            lock_cr.execute(
                "SELECT set_config('lock_timeout', %s, true)", [self._turn_wait]
            )
            # a desk that waited too long gets Odoo's retry (LockNotAvailable):
            # expected, no "bad query" ERROR
            lock_cr.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                [TURN_LOCK_CLASS, self.id],
                log_exceptions=False,
            )
        except Exception:
            lock_cr.close()
            raise
        if not wrote:
            # nothing was written: the rollback ends the old snapshot and
            # clears the transaction's caches, as Odoo's own retry does
            cr.rollback()
        self._hold_turn(lock_cr)

    def _hold_turn(self, lock_cr):
        """Keep the floor's turn (``lock_cr``) until this transaction ends;
        over Odoo's retry too when ``_dispatch`` refused a stale snapshot."""
        cr = self.env.cr
        floor_ids = {self.id}

        def after_rollback():
            if cr.postrollback.data.get(KEEP_TURN) and not lock_cr.closed:
                # the retry's transaction: released when it commits or rolls
                # back (also when Odoo gives up and closes the cursor)
                cr.postcommit.add(lock_cr.close)
                cr.prerollback.add(lock_cr.close)
                cr.postcommit.data[TURNS] = floor_ids
            else:
                lock_cr.close()

        cr.postcommit.add(lock_cr.close)
        cr.postrollback.add(after_rollback)
        cr.postcommit.data[TURNS] = floor_ids

    def _save_state(self, state):
        """Save the engine's new ``state`` on the floor row locked above.
        Desk users and salespeople read floors only; the rotation state is
        written by this locked engine path alone, in one UPDATE: the ORM's
        Json field would copy the state three times on the way, a tenth of
        the desk's time (issue 9). Its dependents (the board) are told."""
        self.env.cr.execute(
            "UPDATE reception_floor SET rotation_state = %s WHERE id = %s",
            [Json(state), self.id],
        )
        self.modified(["rotation_state"])
        self.invalidate_recordset(["rotation_state"])

    def _lock_floors(self):
        """RR-16: two receptionists pressing "next" serialise on the floor's
        row lock; the state is read after the lock, so no turn is given twice.
        Under REPEATABLE READ a concurrent commit raises a serialization
        failure that Odoo retries: normal operation, so it is not logged as a
        "bad query" ERROR (log_exceptions=False)."""
        self.env.cr.execute(
            "SELECT id FROM reception_floor WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            [self.ids],
            log_exceptions=False,
        )

    def _build_state(self, saved, roster):
        payload = roster._engine_payload()
        settings = self._engine_settings()
        day = str(roster.date)
        if not saved or saved.get("day") != day:
            return new_state(
                payload, settings, day, credits=(saved or {}).get("credits", [])
            )
        return with_roster(saved, payload, settings)

    def _engine_settings(self):
        return {
            "returning_policy": self.returning_policy,
            "non_buyer_policy": self.non_buyer_policy,
            "non_buyer_minutes": self.non_buyer_minutes,
            "bulk_units": self.bulk_units,
        }

    def _sync_roster(self, roster, state):
        status = {r["id"]: r["status"] for r in state["roster"]}
        labels = dict(
            self.env["reception.roster.line"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        for line in roster.line_ids:
            new = status.get(line.employee_id.id)
            if new and new != line.status:
                old = line.status
                # sudo: X-07 a roster status follows the engine's decision
                # only, saved here after the floor lock and the role check.
                line.sudo().status = new
                # the day's status changes show in the roster's chatter
                # (logged: a receptionist without an e-mail address can post)
                roster._message_log(
                    body=self.env._(
                        "%(employee)s: %(old)s → %(new)s",
                        employee=line.employee_id.name,
                        old=labels.get(old),
                        new=labels.get(new),
                    )
                )

    def _book_decision(self, decision, visit=None, extra_logs=()):
        """Store the log (with ``extra_logs``, the lines ``record`` gathered:
        one write of the chain), the make-up credits and the manager alerts."""
        Makeup = self.env["reception.makeup"]
        now = fields.Datetime.now()
        reasons = dict(self.env["reception.log"]._fields["reason"].selection)
        logs = []
        for entry in decision["log"]:
            if entry["reason"] not in reasons:
                # RR-15: a reason the log does not know is an error, never
                # stored as "other"
                raise ValidationError(
                    self.env._(
                        "The rotation gave the reason %(reason)s, which the "
                        "reception log does not know.",
                        reason=entry["reason"],
                    )
                )
            logs.append(
                {
                    "floor_id": self.id,
                    "event_type": entry["event"],
                    "employee_id": entry["employee"] or False,
                    "visit_id": visit.id if visit else False,
                    "user_id": self.env.uid,
                    "date": now,
                    "reason": entry["reason"],
                    "note": entry["note"] or entry["reason"],
                }
            )
        self._write_log(logs + list(extra_logs))
        # sudo: make-ups are credits kept by the engine; desk users may not
        # edit them by hand.
        if decision["granted"]:
            Makeup.sudo().create(
                [
                    {
                        "floor_id": self.id,
                        "employee_id": c["employee"],
                        "credit_key": c["key"],
                        "reason": c["reason"],
                        "granted_visit_id": visit.id if visit else False,
                    }
                    for c in decision["granted"]
                ]
            )
        if decision["used"]:
            used = Makeup.sudo().search(
                [
                    ("floor_id", "=", self.id),
                    ("credit_key", "in", [c["key"] for c in decision["used"]]),
                    ("state", "=", "pending"),
                ]
            )
            used.write({"state": "used", "used_visit_id": visit.id if visit else False})
        for kind, emp in decision["alerts"]:
            employee = self.env["hr.employee"].browse(emp or [])
            if kind == "bulk_buyer":
                self._alert_manager(
                    self.env._(
                        "Bulk buyer: %(customer)s bought %(units)s units "
                        "(served by %(employee)s).",
                        customer=visit.customer_name if visit else "-",
                        units=visit.units if visit else "-",
                        employee=employee.name or "-",
                    ),
                    activity=True,
                    record=visit,
                )
            elif kind == "non_buyer":
                self._alert_manager(
                    self.env._(
                        "Non-buyer reported at the desk, served by %(employee)s.",
                        employee=employee.name or "-",
                    )
                )

    def _alert_manager(self, body, activity=False, record=None, summary=None):
        """RR-14 / RR-05: reports to the floor manager, on ``record`` (the
        visit, when the report names its customer: X-07, the floor's chatter
        is read by every salesperson, a visit's by its server and the
        managers only) or else on the floor."""
        # sudo: the desk reports to the manager on a floor it cannot write.
        floor = self.sudo()
        target = (record or self).sudo()
        target.message_post(
            body=body,
            partner_ids=floor.manager_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if activity and floor.manager_id:
            target.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary or self.env._("Bulk buyer"),
                note=body,
                user_id=floor.manager_id.id,
            )

    def _normalize_phone(self, phone):
        try:
            return normalize_phone(phone)
        except EngineError as err:
            raise ValidationError(self._engine_message(err)) from err

    def _engine_message(self, err):
        messages = {
            "phone_missing": self.env._("A phone number is required."),
            "phone_invalid": self.env._(
                "%(phone)s is not a phone number.",
                phone=err.params.get("phone"),
            ),
            "reason_required": self.env._("An override needs a reason."),
            "not_rostered": self.env._("This salesperson is not on today's roster."),
            "not_serving": self.env._("This salesperson is not serving this customer."),
            "not_counted": self.env._(
                "Only a new customer counted today for the salesperson who "
                "reports it can be confirmed as a non-buyer."
            ),
            "same_owner": self.env._(
                "The customer already belongs to this salesperson."
            ),
        }
        return messages.get(
            err.code, self.env._("The rotation refused this: %(error)s", error=str(err))
        )
