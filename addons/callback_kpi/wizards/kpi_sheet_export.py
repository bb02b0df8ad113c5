import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine.deadlines import period_key
from ..models.kpi_scorecard import QUARTERS, check_year
from ..report.kpi_assessment_sheet import render_assessment_sheet


class KpiSheetExport(models.TransientModel):
    """KPI-12: the quarterly assessment sheet (考核表) as XLSX."""

    _name = "kpi.sheet.export"
    _description = "Export the assessment sheet"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    quarter = fields.Selection(QUARTERS, required=True, default="1")
    department_id = fields.Many2one("hr.department", string="Team")
    file_data = fields.Binary(readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("year")
    def _check_year(self):
        """X-03: a translated error, not a server error, for a wrong year."""
        for wizard in self:
            check_year(self.env, wizard.year)

    def _get_scorecards(self):
        domain = [
            ("company_id", "=", self.company_id.id),
            ("period_key", "=", period_key("quarter", self.year, self.quarter)),
        ]
        if self.department_id:
            domain.append(("department_id", "child_of", self.department_id.id))
        return self.env["kpi.scorecard"].search(domain, order="department_id, name")

    def _render(self):
        self.ensure_one()
        cards = self._get_scorecards()
        if not cards:
            raise UserError(self.env._("No scorecard for this period."))
        # the session language (zh_CN users get Chinese headers)
        sheet = self.with_context(lang=self.env.user.lang or self.env.lang)
        return render_assessment_sheet(sheet.env, cards, self.year, self.quarter)

    def action_export(self):
        self.ensure_one()
        content = self._render()
        self.write(
            {
                "file_data": base64.b64encode(content),
                "file_name": "assessment_%s_Q%s.xlsx" % (self.year, self.quarter),
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/kpi.sheet.export/%s/file_data/%s?download=true"
            % (self.id, self.file_name),
            "target": "self",
        }
