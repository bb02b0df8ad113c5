"""X-07: what plans, records and escalations share against a client's
context: the defaults it cannot forge and the one clean context in which the
workflow writes, logs and creates its children."""

from collections import defaultdict

from odoo import api, fields, models

# context keys that would switch off the chatter's tracking or log; a
# client sends any context, the workflow is tracked all the same
NO_LOG_KEYS = frozenset(
    {
        "tracking_disable",
        "mail_notrack",
        "mail_create_nolog",
        "mail_auto_subscribe_no_notify",
        "mail_notify_noemail",
    }
)


class CallbackWorkflowMixin(models.AbstractModel):
    """Plugged into the callback documents with ``_inherit``; each declares in
    ``_callback_protected_defaults`` the fields that no ``default_<field>``
    context key or user default may fill."""

    _name = "callback.workflow.mixin"
    _description = "Callback workflow guards"
    _callback_protected_defaults = frozenset()

    @api.model
    def default_get(self, fields_list):
        """X-07: the create guards check the values given; Odoo fills the
        missing ones from here afterwards. A client's ``default_<field>``
        context keys and user defaults (``ir.default``) never fill a field
        that only the workflow or a manager sets: such a field gets its
        declared default. Also under sudo (a ``sudo()`` keeps the client's
        context): the server's own code passes such values explicitly."""
        protected = set(fields_list) & self._callback_protected_defaults
        defaults = super().default_get(
            [name for name in fields_list if name not in protected]
        )
        for name in protected:
            field = self._fields[name]
            if field.default:
                value = field.convert_to_cache(field.default(self), self)
                defaults[name] = field.convert_to_write(value, self)
        return defaults

    def _callback_clean(self):
        """X-05 X-07: the records in a context that tracks, logs and fills no
        default: a client's keys that switch the chatter off and its
        ``default_<field>`` keys (which would fill the children, to-dos and
        messages the workflow creates) are dropped. The server's own code,
        as superuser, keeps its context."""
        if self.env.su:
            return self
        context = {
            key: value
            for key, value in self.env.context.items()
            if key not in NO_LOG_KEYS and not key.startswith("default_")
        }
        return self.with_env(self.env(context=context))

    @api.model
    def _callback_no_log_stripped(self):
        """The model in the caller's context without the keys that switch the
        chatter off (a client's create is logged and tracked)."""
        if self.env.su:
            return self
        return self.with_context(**dict.fromkeys(NO_LOG_KEYS, False))

    @api.model
    def _callback_assign_names(self, vals_list, code):
        """Number the documents of ``vals_list`` that have no name yet ("/")
        from the sequence ``code``, through Odoo's public ``ir.sequence`` API.

        The sequence is looked up once per company, as ``next_by_code`` does
        for each call (the company's own sequence first, else the shared one;
        with date ranges, today's range, made if missing). Odoo's public API
        has no batch call, so each record then draws its number from that
        sequence record with ``_next``: one ``nextval`` query a record, which
        is what any Odoo create numbered by a sequence costs."""
        todo = defaultdict(list)
        for vals in vals_list:
            # a document's number is the server's; a client's name
            # (create, copy) is not kept, the server's own code may give one
            if not self.env.su or vals.get("name", "/") == "/":
                todo[vals.get("company_id") or self.env.company.id].append(vals)
        # sudo: sequences are technical; the caller's right to create the
        # documents is checked by their create. X-07: numbered on the day it
        # is, whatever date a client's context asks for (ir_sequence_date)
        today = fields.Date.today()
        Sequence = (
            self.env["ir.sequence"]
            .sudo()
            .with_context(ir_sequence_date=today, ir_sequence_date_range=None)
        )
        for company_id, company_vals in todo.items():
            sequence = Sequence.search(
                [("code", "=", code), ("company_id", "in", [company_id, False])],
                order="company_id",
                limit=1,
            )
            current = sequence._get_current_sequence(today)
            if current._name == "ir.sequence.date_range":
                current = current.with_context(ir_sequence_date_range=current.date_from)
            for vals in company_vals:
                vals["name"] = current._next() if sequence else "/"

    def _write_workflow(self, vals):
        """X-07: the one path by which the workflow writes its fields, after
        the calling action checked the caller's role (private: not reachable
        over RPC); tracked whatever the caller's context (X-05)."""
        # sudo: the calling action checked the caller's role just before;
        # tracking keeps the caller as author of the chatter message
        return self._callback_clean().sudo().write(vals)
