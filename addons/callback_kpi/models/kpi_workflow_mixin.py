"""X-07: the guards that the scorecard, its lines and findings and the
analysis report share: which fields only the workflow sets, the defaults a
client cannot forge, and the one path by which the workflow writes and logs
whatever the caller's context."""

from odoo import api, models

# fields that mail.thread / activities may write on a locked card
UNLOCKED_FIELDS = {
    "message_main_attachment_id",
    "message_follower_ids",
    "activity_ids",
    "message_ids",
}
MAGIC_FIELDS = {"create_uid", "create_date", "write_uid", "write_date"}
# X-05 / KPI-08: context keys that would switch off the chatter's tracking or
# log; a client sends any context, the workflow is tracked all the same
NO_LOG_KEYS = frozenset(
    {
        "tracking_disable",
        "mail_notrack",
        "mail_create_nolog",
        "mail_auto_subscribe_no_notify",
        "mail_notify_noemail",
    }
)


def workflow_fields(model, names):
    """X-07: the names among ``names`` that only the workflow writes on
    ``model``: fields declared readonly (computed, related, set by actions)
    and the model's ``_kpi_workflow_fields``."""
    fields_ = model._fields
    return sorted(
        name
        for name in names
        if name not in MAGIC_FIELDS
        and name not in UNLOCKED_FIELDS
        and name in fields_
        and (
            fields_[name].readonly or name in getattr(model, "_kpi_workflow_fields", ())
        )
    )


class KpiWorkflowMixin(models.AbstractModel):
    """X-07: plugged into the KPI documents with ``_inherit``; each declares
    the fields only its workflow sets in ``_kpi_workflow_fields``."""

    _name = "kpi.workflow.mixin"
    _description = "KPI workflow guards"
    _kpi_workflow_fields = frozenset()

    @api.model
    def default_get(self, fields_list):
        """X-07: a client's ``default_<field>`` context keys and user defaults
        (``ir.default``) never fill a field that only the workflow sets, at
        create as in one2many lines created with the record: those fields
        get their declared default or nothing (the create guards check the
        values; Odoo fills the missing ones from here afterwards). Also as
        superuser: the server's own code passes such values explicitly."""
        protected = set(workflow_fields(self, fields_list))
        defaults = super().default_get(
            [name for name in fields_list if name not in protected]
        )
        for name in protected:
            field = self._fields[name]
            if field.default:
                value = field.convert_to_cache(field.default(self), self)
                defaults[name] = field.convert_to_write(value, self)
        return defaults

    def _kpi_clean(self):
        """X-05 / X-07 / KPI-08: the records in a context that tracks and
        logs and fills no default: a client's keys that switch the chatter
        off and its ``default_<field>`` keys (which would fill the to-dos and
        messages the workflow creates) are dropped; the server's own code, as
        superuser, keeps its context."""
        if self.env.su:
            return self
        context = {
            key: value
            for key, value in self.env.context.items()
            if key not in NO_LOG_KEYS and not key.startswith("default_")
        }
        return self.with_env(self.env(context=context))

    def _write_workflow(self, vals):
        """X-07: the one path by which the workflow methods write what a
        client may not (state, approver, rewards, figures), called only after
        the method has checked the caller's role. Private: not callable over
        RPC; no context key reaches it (a client never runs as superuser),
        and none switches its tracking off."""
        # sudo: the caller's role and the record's state were checked by the
        # workflow method
        return self._kpi_clean().sudo().write(vals)

    def _kpi_log(self, body):
        """KPI-08 / KPI-14: a workflow note in the chatter of each record
        (``body``: a text, or a function of the record giving it), by the
        acting user, whatever the caller's context; it needs no e-mail
        address of the author, as Odoo's own tracking messages. Called after
        the workflow method checked the caller's role."""
        records = self._kpi_clean()
        return records._message_log_batch(
            {record.id: body(record) if callable(body) else body for record in records}
        )
