from odoo import api, models
from odoo.exceptions import AccessError


class CallbackSharedConfiguration(models.AbstractModel):
    """CB-18 X-07: callback configuration without a company (trigger types,
    questionnaires and their questions) is shared by every company: an Odoo
    administrator creates, edits, translates and deletes it. A callback
    manager does so for their own company's (the record rules keep the other
    companies' out of reach) and hands none to a company they do not work in.
    The server itself (a module update, the shipped data) is not refused."""

    _name = "callback.shared.configuration"
    _description = "Callback Configuration Shared by Companies"

    def _configuration_owner(self):
        """The records whose company decides (a question: its questionnaire)."""
        return self

    def _check_shared_configuration(self):
        if self.env.su or self.env.user.has_group("base.group_system"):
            return
        shared = self._configuration_owner().filtered(lambda rec: not rec.company_id)
        if shared:
            raise AccessError(
                self.env._(
                    "%(names)s: without a company, this %(kind)s is shared by "
                    "every company; only an administrator changes it. Give "
                    "yours your company.",
                    names=", ".join(shared.mapped("display_name")),
                    kind=self.env["ir.model"]._get(shared._name).name,
                )
            )

    def copy_data(self, default=None):
        # a manager's copy of shared configuration is their company's own
        vals_list = super().copy_data(default=default)
        field = self._fields.get("company_id")
        if (
            self.env.su
            or self.env.user.has_group("base.group_system")
            or "company_id" in (default or {})
            or not field
            or field.related
        ):
            return vals_list
        for vals in vals_list:
            vals["company_id"] = vals.get("company_id") or self.env.company.id
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        field = self._fields.get("company_id")
        if not self.env.su and field and field.related:
            # a question's company is its questionnaire's, not the caller's
            for vals in vals_list:
                vals.pop("company_id", None)
        records = super().create(vals_list)
        records._check_shared_configuration()
        return records

    def write(self, vals):
        # checked before (what it was) and after (what it becomes: made
        # shared, moved into a shared questionnaire)
        self._check_shared_configuration()
        field = self._fields.get("company_id")
        if not self.env.su and "company_id" in vals and field and field.related:
            # a question's company is its questionnaire's (the red team's
            # B4: a question of no company is every company's to read)
            raise AccessError(
                self.env._(
                    "%(names)s: the company follows %(owner)s.",
                    names=", ".join(self.mapped("display_name")),
                    owner=", ".join(self._configuration_owner().mapped("display_name")),
                )
            )
        if (
            not self.env.su
            and vals.get("company_id")
            and vals["company_id"] not in self.env.user.company_ids.ids
        ):
            # Odoo checks the record rules before a write, not after:
            # configuration is not handed to a company the caller is not in
            raise AccessError(
                self.env._(
                    "Callback configuration can only be moved to a company you "
                    "work in."
                )
            )
        res = super().write(vals)
        self._check_shared_configuration()
        return res

    def update_field_translations(self, field_name, translations, source_lang=None):
        # translating a shared name edits it too
        self._check_shared_configuration()
        return super().update_field_translations(
            field_name, translations, source_lang=source_lang
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shared(self):
        self._check_shared_configuration()
