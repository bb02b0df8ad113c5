import base64
import io

from odoo import api, fields, models

from ..engine import figures
from .callback_planning_wizard import _check_quarter_key

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - declared in external_dependencies
    xlsxwriter = None


class CallbackExportWizard(models.TransientModel):
    """CB-14: the figures as an XLSX workbook (per staff member and per team)."""

    _name = "callback.export.wizard"
    _description = "Export Callback Figures"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    quarter = fields.Char(help="Like 2026-Q1; empty: every quarter.")
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("quarter")
    def _check_quarter(self):
        for wizard in self.filtered("quarter"):
            _check_quarter_key(self.env, wizard.quarter)

    def _rows(self, groupby):
        domain = [("company_id", "=", self.company_id.id)]
        if self.quarter:
            domain.append(("quarter", "=", self.quarter))
        Figure = self.env["callback.figure"]
        groups = Figure._read_group(
            domain, [groupby, "quarter"], [f"{name}:sum" for name in Figure._COUNTS]
        )
        budget = self.company_id.callback_budget_per_quarter
        rows = []
        for key, quarter, *values in groups:
            data = dict(zip(Figure._COUNTS, values, strict=True))
            result = figures.figures(
                due=data["due_count"],
                done=data["done_count"],
                late=data["late_count"] - data["missed_count"],
                reached=data["reached_count"],
                attempted=data["record_count"],
                answered=data["returned_count"],
                satisfaction_sum=data["satisfaction_sum"],
                satisfaction_count=data["answered_count"],
                cost=data["cost"],
                budget=budget,
            )
            rows.append(
                (key.display_name if key else self.env._("None"), quarter, result)
            )
        return sorted(rows, key=lambda row: (row[1] or "", row[0] or ""))

    def generate_xlsx_report(self, workbook):
        """Template method: one sheet per grouping (staff member, team)."""
        bold = workbook.add_format({"bold": True})
        headers = [
            self.env._("Name"),
            self.env._("Quarter"),
            self.env._("Due"),
            self.env._("Done"),
            self.env._("Callback Rate (%)"),
            self.env._("Success Rate (%)"),
            self.env._("On-Time Rate (%)"),
            self.env._("Average Satisfaction"),
            self.env._("Questionnaire Return (%)"),
            self.env._("Cost"),
            self.env._("Budget"),
            self.env._("Cost vs Budget (%)"),
        ]
        for title, groupby in (
            (self.env._("Staff"), "employee_id"),
            (self.env._("Teams"), "department_id"),
        ):
            sheet = workbook.add_worksheet(title)
            sheet.write_row(0, 0, headers, bold)
            sheet.set_column(0, 0, 28)
            for index, (name, quarter, result) in enumerate(
                self._rows(groupby), start=1
            ):
                # user text as text: a name like =HYPERLINK(...) is never a
                # formula (write_row would interpret it)
                sheet.write_string(index, 0, name or "")
                sheet.write_string(index, 1, quarter or "")
                sheet.write_row(
                    index,
                    2,
                    [
                        result["due"],
                        result["done"],
                        result["callback_rate"],
                        result["success_rate"],
                        result["on_time_rate"],
                        result["avg_satisfaction"],
                        result["return_rate"],
                        result["cost"],
                        result["budget"],
                        result["budget_use"]
                        if result["budget_use"] is not None
                        else "",
                    ],
                )

    def action_export(self):
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            buffer, {"in_memory": True, "strings_to_formulas": False}
        )
        self.generate_xlsx_report(workbook)
        workbook.close()
        self.write(
            {
                "file_data": base64.b64encode(buffer.getvalue()),
                "file_name": "callback_figures_%s.xlsx" % (self.quarter or "all"),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
