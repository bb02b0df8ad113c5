import base64
import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackWizards(CallbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.tag_media = cls.env["res.partner.category"].create({"name": "Media"})
        cls.tag_retail = cls.env["res.partner.category"].create({"name": "Retail"})
        cls.low_pool = Partner.create(
            [
                {
                    "name": f"Low {i}",
                    "callback_tier": "low",
                    "callback_employee_id": cls.emp_b.id,
                    "category_id": [
                        (6, 0, [(cls.tag_media if i % 3 == 0 else cls.tag_retail).id])
                    ],
                }
                for i in range(60)
            ]
        )
        # every low customer was called last month: none is due by tier (CB-01)
        plans = cls.env["callback.plan"].create(
            [
                {
                    "partner_id": partner.id,
                    "employee_id": cls.emp_b.id,
                    "date_deadline": datetime(2026, 3, 1),
                    "callback_type": "special",
                }
                for partner in cls.low_pool | cls.partner_low
            ]
        )
        plans.write({"state": "done", "date_done": datetime(2026, 3, 1)})
        cls.key = Partner.create(
            {
                "name": "Journalist",
                "callback_key": True,
                "callback_tier": "low",
                "callback_employee_id": cls.emp_a.id,
            }
        )
        cls.env["callback.plan"].create(
            {
                "partner_id": cls.key.id,
                "employee_id": cls.emp_a.id,
                "date_deadline": datetime(2026, 3, 1),
                "callback_type": "special",
                "state": "done",
                "date_done": datetime(2026, 3, 1),
            }
        )

    def _wizard(self, seed):
        form = Form(self.env["callback.planning.wizard"].with_user(self.user_manager))
        form.year = 2026
        form.quarter = "2"
        form.seed = str(seed)
        form.sample_ratio = 10.0
        wizard = form.save()
        wizard.action_compute()
        return wizard

    def test_cb05_stratified_sample_reproducible_and_auditable(self):
        first = self._wizard(42)
        again = self._wizard(42)
        other = self._wizard(7)
        sample = first.line_ids.filtered(
            lambda line: line.reason == "sample"
        ).partner_id
        self.assertEqual(
            sample,
            again.line_ids.filtered(lambda line: line.reason == "sample").partner_id,
        )
        self.assertNotEqual(
            sample,
            other.line_ids.filtered(lambda line: line.reason == "sample").partner_id,
        )
        media = sample & self.low_pool.filtered(
            lambda p: p.category_id == self.tag_media
        )
        retail = sample & self.low_pool.filtered(
            lambda p: p.category_id == self.tag_retail
        )
        self.assertEqual(
            (len(media), len(retail)), (2, 4)
        )  # ceil(10 % of 20), ceil(10 % of 40)
        sampling = first.sampling_id
        self.assertEqual(sampling.seed, "42")
        self.assertEqual(sampling.quarter, "2026-Q2")
        self.assertEqual(
            sampling.partner_ids & (self.low_pool | self.partner_low),
            sample & (self.low_pool | self.partner_low),
        )
        self.assertIn("Media: 2 of 20", sampling.strata)

    def test_cb04_cb06_due_and_mandatory_listed_then_planned(self):
        wizard = self._wizard(1)
        reasons = {line.partner_id: line.reason for line in wizard.line_ids}
        self.assertEqual(reasons[self.partner_high], "due")
        self.assertEqual(reasons[self.partner_medium], "due")
        self.assertEqual(reasons[self.key], "mandatory")
        self.assertNotEqual(reasons.get(self.partner_low), "due")
        wizard.employee_id = self.emp_manager
        wizard.line_ids.employee_id = self.emp_manager
        action = wizard.action_create_plans()
        plans = self.env["callback.plan"].search(action["domain"])
        self.assertEqual(len(plans), len(wizard.line_ids))
        self.assertEqual(plans.employee_id, self.emp_manager)
        self.assertEqual(set(plans.mapped("quarter")), {"2026-Q2"})
        sampled = plans.filtered(lambda p: p.callback_type == "sample")
        self.assertEqual(sampled.sampling_id, wizard.sampling_id)
        self.assertEqual(
            plans.filtered(lambda p: p.partner_id == self.key).callback_type,
            "mandatory",
        )

    def test_cb04_visit_plans_need_confirmation(self):
        wizard = self._wizard(3)
        wizard.channel = "visit"
        wizard.line_ids.employee_id = self.emp_a  # CB-17: manager A plans for team A
        action = wizard.action_create_plans()
        plans = self.env["callback.plan"].search(action["domain"])
        self.assertTrue(all(plan.needs_confirmation for plan in plans))

    def test_cb14_xlsx_export_read_back(self):
        plan = self._plan(
            deadline=datetime(2026, 5, 10), date_start=datetime(2026, 5, 1)
        )
        record = self._record(plan, scores=(4, 4), cost=50, date=datetime(2026, 5, 5))
        record.action_done()
        missed = self._plan(
            deadline=datetime(2026, 5, 11), date_start=datetime(2026, 5, 1)
        )
        missed.write({"state": "missed"})
        wizard = (
            self.env["callback.export.wizard"]
            .with_user(self.user_manager)
            .create({"quarter": "2026-Q2"})
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        sheet = book.worksheets[0]
        rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        row = rows["Staff A"]
        self.assertEqual(row[1], "2026-Q2")
        self.assertEqual((row[2], row[3]), (2, 1))  # due, done
        self.assertEqual(row[4], 50.0)  # callback rate
        self.assertEqual(row[5], 100.0)  # success rate
        self.assertEqual(row[7], 80.0)  # average satisfaction
        self.assertEqual(row[9], 50.0)  # cost
        self.assertEqual(row[11], 5.0)  # 50 of a 1000 budget
        self.assertEqual(book.worksheets[1].cell(1, 1).value, "Name")

    def test_cb14_figure_view(self):
        plan = self._plan(
            deadline=datetime(2026, 5, 10), date_start=datetime(2026, 5, 1)
        )
        self._record(
            plan, scores=(5,), date=datetime(2026, 5, 5), reached=False
        ).action_done()
        figure = self.env["callback.figure"].search(
            [("employee_id", "=", self.emp_a.id), ("quarter", "=", "2026-Q2")]
        )
        self.assertEqual(figure.callback_rate, 100.0)
        self.assertEqual(figure.success_rate, 0.0)
        self.assertEqual(figure.avg_satisfaction, 100.0)
        self.assertEqual(figure.department_id, self.dep_a)

    def test_cb14_grouped_rates_are_ratios_of_sums(self):
        """A team's callback rate is done / due over the team, not the mean of
        its members' rates: A did 1 of 1, B 1 of 3, so the team did 2 of 4."""
        for employee, states in (
            (self.emp_a, ["done"]),
            (self.emp_b, ["done"] * 1 + ["missed"] * 2),
        ):
            for day, state in enumerate(states, start=10):
                plan = self._plan(
                    partner=self.env["res.partner"].create({"name": f"P{day}"}),
                    employee=employee,
                    deadline=datetime(2026, 5, day),
                    date_start=datetime(2026, 5, 1),
                )
                plan.write({"state": state, "date_done": datetime(2026, 5, 5)})
        Figure = self.env["callback.figure"]
        domain = [
            ("employee_id", "in", (self.emp_a | self.emp_b).ids),
            ("quarter", "=", "2026-Q2"),
        ]
        rows = dict(Figure._read_group(domain, ["employee_id"], ["callback_rate:avg"]))
        self.assertEqual(rows[self.emp_a], 100.0)
        self.assertEqual(rows[self.emp_b], 33.33)
        [(total_rate, due, done)] = Figure._read_group(
            domain, [], ["callback_rate:avg", "due_count:sum", "done_count:sum"]
        )
        self.assertEqual((due, done), (4, 2))
        self.assertEqual(total_rate, 50.0, "the mean of the rows would say 66.67")

    def test_cb14_kpi04_staff_figures_of_a_period_in_one_query(self):
        """CB-14 KPI-04: the figures of several staff members over whole
        quarters in one query: counts summed, rates of the sums (unrounded),
        the budget of the period, missing records; callback_kpi scores from
        these."""

        def plan(day, state=None, record=False):
            result = self._plan(
                partner=self.env["res.partner"].create({"name": f"P{day}"}),
                deadline=day,
                date_start=day - timedelta(days=5),
            )
            if record:
                self._record(result, scores=(4,), date=day).action_done()
            if state:
                result.write({"state": state, "date_done": day})
            return result

        plan(datetime(2026, 5, 10), record=True)
        plan(datetime(2026, 5, 11), "done")  # done without a record
        plan(datetime(2026, 5, 12), "missed")  # missed: no record either
        plan(datetime(2026, 8, 3), record=True)
        plan(datetime(2026, 11, 3), "missed")  # Q4: out of the period
        Figure = self.env["callback.figure"].with_user(self.user_manager)
        args = (self.company, self.emp_a | self.emp_b, date(2026, 4, 1))
        figures = Figure._staff_figures(*args, date(2026, 9, 30))
        with self.assertQueryCount(1):
            Figure._staff_figures(*args, date(2026, 9, 30))
        mine = figures[self.emp_a.id]
        self.assertEqual(
            (mine["due_count"], mine["done_count"], mine["missed_count"]), (4, 3, 1)
        )
        self.assertEqual((mine["record_count"], mine["missing_record_count"]), (2, 2))
        self.assertEqual(mine["callback_rate"], 75.0)
        self.assertEqual(mine["success_rate"], 100.0)
        self.assertEqual(mine["avg_satisfaction"], 80.0)
        self.assertEqual(mine["budget"], 2000.0)  # two quarters of 1000
        none = figures[self.emp_b.id]
        self.assertEqual(none["due_count"], 0)
        self.assertIsNone(none["callback_rate"])
        self.assertEqual(
            Figure._staff_figures(*args, date(2026, 12, 31))[self.emp_a.id][
                "due_count"
            ],
            5,
        )

    def test_cb15_weighted_ranking(self):
        """CB-15: ranked per dealer (who sold or serviced the customers), not
        per called company: two customers of Dealer X, one a company of its
        own, make one line."""
        sale = self.env.ref("customer_callback.trigger_sale")
        repair = self.env.ref("customer_callback.trigger_repair")
        dealer_x, dealer_y = self.env["res.partner"].create(
            [
                {"name": "Dealer X", "is_company": True, "is_callback_dealer": True},
                {"name": "Dealer Y", "is_company": True, "is_callback_dealer": True},
            ]
        )
        customers = self.env["res.partner"].create(
            [
                {"name": "X1", "callback_dealer_id": dealer_x.id},
                {"name": "Y1", "callback_dealer_id": dealer_y.id},
                {
                    "name": "X2 Fleet",
                    "is_company": True,
                    "callback_dealer_id": dealer_x.id,
                },
            ]
        )
        scores = {
            (customers[0], sale): (5,),  # 100
            (customers[2], repair): (3,),  # 60
            (customers[1], sale): (2,),  # 40
            (customers[1], repair): (4,),  # 80
        }
        for (customer, trigger), score in scores.items():
            plan = self._plan(
                partner=customer,
                trigger_type_id=trigger.id,
                deadline=datetime(2026, 5, 10),
                date_start=datetime(2026, 5, 1),
            )
            self._record(plan, scores=score, date=datetime(2026, 5, 5)).action_done()
        wizard = self.env["callback.ranking.wizard"].create({"quarter": "2026-Q2"})
        wizard.action_compute()
        lines = wizard.line_ids.filtered(
            lambda line: line.name in ("Dealer X", "Dealer Y")
        ).sorted("rank")
        self.assertNotIn("X2 Fleet", wizard.line_ids.mapped("name"))
        # X: 100 x 0.3 + 60 x 0.7 = 72; Y: 40 x 0.3 + 80 x 0.7 = 68
        self.assertEqual(lines.mapped("name"), ["Dealer X", "Dealer Y"])
        self.assertEqual(lines.mapped("weighted"), [72.0, 68.0])
        self.assertEqual(lines.mapped("sale"), [100.0, 40.0])
        self.company.write(
            {"callback_weight_sale": 0.7, "callback_weight_service": 0.3}
        )
        wizard.action_compute()
        lines = wizard.line_ids.filtered(
            lambda line: line.name in ("Dealer X", "Dealer Y")
        ).sorted("rank")
        # X: 70 + 18 = 88; Y: 28 + 24 = 52
        self.assertEqual(lines.mapped("weighted"), [88.0, 52.0])
        # as the manager, archiving an answered record does not take
        # it out of the ranking, and nobody edits a row of the screen
        self.Record.search(
            [("partner_id", "=", customers[1].id), ("satisfaction", "=", 40)]
        ).with_user(self.user_manager).write({"active": False})
        mine = (
            self.env["callback.ranking.wizard"]
            .with_user(self.user_manager)
            .create({"quarter": "2026-Q2"})
        )
        mine.action_compute()
        row = mine.line_ids.filtered(lambda line: line.name == "Dealer Y")
        self.assertEqual(row.weighted, 52.0)
        for act in (
            lambda: row.write({"rank": 1, "weighted": 100.0}),
            lambda: row.create({"wizard_id": mine.id, "name": "Fake", "rank": 1}),
            row.unlink,
        ):
            with self.assertRaises(AccessError):
                act()
        self.assertEqual((row.rank, row.weighted), (2, 52.0))

    def test_cb07_customers_at_cap_left_out_of_quarterly_plan(self):
        for day in (5, 6):
            self._plan(deadline=datetime(2026, 5, day), partner=self.partner_medium)
        wizard = self._wizard(5)
        self.assertNotIn(self.partner_medium, wizard.line_ids.partner_id)
        self.assertIn(self.partner_high, wizard.line_ids.partner_id)

    def test_cb04_planning_year_shown_without_thousands_separator(self):
        """CB-04: the planning year reads 2026, not 2,026."""
        arch = self.env["callback.planning.wizard"].get_view(
            self.env.ref("customer_callback.callback_planning_wizard_view_form").id
        )["arch"]
        self.assertRegex(arch, r"""name="year"[^>]*options="\{'format': false\}""")
