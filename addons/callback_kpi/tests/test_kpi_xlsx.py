import base64
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CallbackKpiCase


@tagged("post_install", "-at_install")
class TestKpiXlsx(CallbackKpiCase):
    """KPI-12: the quarterly assessment sheet as XLSX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._hand_in_reports(cls.emp1 | cls.emp2 | cls.emp_manager | cls.emp_other)
        cls.cards = cls._batch()
        card = cls.cards.filtered(lambda c: c.employee_id == cls.emp1)
        card.line_ids.filtered(lambda line: line.criterion_id.code == "TIME").write(
            {"events_computed": 3}
        )

    def _export(self, lang=None, user=None, team=True):
        wizard = Form(
            self.env["kpi.sheet.export"]
            .with_user(user or self.user_manager)
            .with_context(lang=lang or "en_US")
        )
        wizard.year = self.YEAR
        wizard.quarter = "1"
        if team:
            wizard.department_id = self.team
        record = wizard.save()
        record.action_export()
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(record.file_data)), data_only=True
        )
        return book.active

    def test_kpi12_sheet_rows_columns_totals_grades(self):
        sheet = self._export()
        header = [cell.value for cell in sheet[3]]
        self.assertEqual(header[:3], ["Employee", "Team", "Timeliness (20.0)"])
        self.assertEqual(header[-4:], ["Bonus points", "Total", "Grade", "State"])
        rows = {}
        for row in sheet.iter_rows(min_row=4):
            if row[0].value == "Average":
                average = row
                break
            rows[row[0].value] = row
        # the team only: manager, staff one and two
        self.assertEqual(set(rows), {"Callback Manager", "Staff One", "Staff Two"})
        one = rows["Staff One"]
        self.assertEqual(one[2].value, 14)  # timeliness after 3 late
        self.assertEqual(one[header.index("Total")].value, 94)
        self.assertEqual(one[header.index("Grade")].value, "A")
        # average row: (100 + 94 + 100) / 3
        self.assertEqual(average[header.index("Total")].value, 98)
        self.assertEqual(average[2].value, 18)
        # print-ready: landscape, fit to width, repeated header row
        self.assertEqual(sheet.page_setup.orientation, "landscape")
        self.assertTrue(sheet.sheet_properties.pageSetUpPr.fitToPage)
        self.assertEqual(sheet.page_setup.fitToHeight, 0)
        self.assertEqual(sheet.print_title_rows, "$3:$3")
        self.assertEqual(one[0].border.left.style, "thin")

    def test_kpi12_export_refused_to_scored_employee(self):
        with self.assertRaises(AccessError):
            self.env["kpi.sheet.export"].with_user(self.user_emp1).create(
                {"year": self.YEAR, "quarter": "1"}
            )

    def test_kpi12_chinese_headers_in_zh_cn_session(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["callback_kpi"], ["zh_CN"], overwrite=True
        )
        self.user_manager.lang = "zh_CN"
        sheet = self._export(lang="zh_CN")
        header = [cell.value for cell in sheet[3]]
        self.assertEqual(header[0], "员工")
        self.assertEqual(header[-2], "等级")
        self.assertTrue(header[2].startswith("回访及时性 (20"))

    def _people(self, sheet):
        names = set()
        for row in sheet.iter_rows(min_row=4, max_col=1, values_only=True):
            if row[0] == "Average":
                return names
            names.add(row[0])
        return names

    def test_kpi12_export_respects_record_rules(self):
        """Without a team filter a manager still exports their team only; HR
        exports every callback staff member."""
        sheet = self._export(team=False)
        self.assertEqual(
            self._people(sheet), {"Callback Manager", "Staff One", "Staff Two"}
        )
        sheet = self._export(user=self.user_hr, team=False)
        self.assertLessEqual(
            {"Callback Manager", "Staff One", "Staff Two", "Other Team"},
            self._people(sheet),
        )

    def test_x07_kpi12_user_text_written_as_text(self):
        """A name or criterion that looks like a formula stays text: no live
        link, no computed cell in the printed sheet."""
        self.emp1.name = '=HYPERLINK("http://x","y")'
        self.team.name = "=1+1"
        self.env.ref("callback_kpi.kpi_criterion_timeliness").name = "=1+1"
        wizard = (
            self.env["kpi.sheet.export"]
            .with_user(self.user_manager)
            .create({"year": self.YEAR, "quarter": "1", "department_id": self.team.id})
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        sheet = book.active
        cells = {
            cell.value: cell
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str)
        }
        name = cells['=HYPERLINK("http://x","y")']
        self.assertEqual(name.data_type, "s")
        self.assertIsNone(name.hyperlink)
        self.assertEqual(cells["=1+1"].data_type, "s")  # the team
        self.assertEqual(cells["=1+1 (20.0)"].data_type, "s")  # the criterion
        # our own average row is the only formula of the sheet
        formulas = [
            cell.coordinate
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        ]
        average_row = {cell.row for cell in cells.values() if cell.value == "Average"}
        self.assertTrue(formulas)
        self.assertEqual({sheet[c].row for c in formulas}, average_row)
