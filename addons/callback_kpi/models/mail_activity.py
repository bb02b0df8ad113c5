from odoo import models
from odoo.exceptions import AccessError

from .kpi_scorecard import HR_GROUP

# the to-dos that belong to HR: approving a card, an overdue assessment
HR_ACTIVITY_TYPES = (
    "callback_kpi.mail_activity_type_approval",
    "callback_kpi.mail_activity_type_overdue",
)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def write(self, vals):
        self._check_kpi_hr_todo()
        return super().write(vals)

    def unlink(self):
        # done, cancelled or deleted: every route of a to-do ends here
        self._check_kpi_hr_todo()
        return super().unlink()

    def _check_kpi_hr_todo(self):
        """X-07 KPI-08/KPI-09: HR's to-dos on scorecards are HR's. Anybody
        with write access to a card (its manager, who submitted it) could
        otherwise mark HR's approval to-do done, reassign or delete it."""
        if self.env.su or self.env.user.has_group(HR_GROUP):
            return
        types = self.env["mail.activity.type"]
        for xmlid in HR_ACTIVITY_TYPES:
            types |= self.env.ref(xmlid, raise_if_not_found=False) or types
        foreign = self.filtered(
            lambda activity: activity.res_model == "kpi.scorecard"
            and activity.activity_type_id in types
            and activity.user_id != self.env.user
        )
        if foreign:
            raise AccessError(
                self.env._("Only HR closes, moves or deletes HR's scorecard to-dos.")
            )
