from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from ..engine import figures, frequency, questionnaire, quota, sampling
from .common import CallbackCase


@tagged("post_install", "-at_install")
class TestCallbackSettings(CallbackCase):
    def test_engine_defaults_are_the_shipped_company_settings(self):
        """CB-01 CB-05 CB-07 CB-11 CB-15: the engines' default values are the
        defaults a new company gets; a change to one side fails here."""
        names = [
            "callback_months_high",
            "callback_months_medium",
            "callback_months_low",
            "callback_sample_ratio",
            "callback_quarter_cap",
            "callback_dissatisfied_score",
            "callback_weight_sale",
            "callback_weight_service",
        ]
        defaults = self.env["res.company"].default_get(names)
        self.assertEqual(
            {tier: defaults[f"callback_months_{tier}"] for tier in frequency.TIERS},
            frequency.DEFAULT_MONTHS,
        )
        self.assertEqual(
            defaults["callback_sample_ratio"], 100 * sampling.DEFAULT_RATIO
        )
        self.assertEqual(defaults["callback_quarter_cap"], quota.DEFAULT_CAP)
        self.assertEqual(
            defaults["callback_dissatisfied_score"],
            questionnaire.DEFAULT_DISSATISFIED,
        )
        self.assertEqual(
            (defaults["callback_weight_sale"], defaults["callback_weight_service"]),
            (figures.DEFAULT_WEIGHT_SALE, figures.DEFAULT_WEIGHT_SERVICE),
        )

    def test_cb15_weights_must_add_up_to_one(self):
        with self.assertRaises(ValidationError):
            self.company.write(
                {"callback_weight_sale": 0.5, "callback_weight_service": 0.6}
            )
        self.assertEqual(
            (self.company.callback_weight_sale, self.company.callback_weight_service),
            (0.3, 0.7),
        )

    def test_x03_bad_settings_refused_nothing_changed(self):
        bad_values = [
            {"callback_months_high": 0},
            {"callback_sample_ratio": 0},
            {"callback_sample_ratio": 120},
            {"callback_quarter_cap": -1},
            {"callback_budget_per_quarter": -5},
            {"callback_dissatisfied_score": 6},
        ]
        for vals in bad_values:
            with self.assertRaises(ValidationError):
                self.company.write(vals)
        self.assertEqual(self.company.callback_months_high, 3)
        self.assertEqual(self.company.callback_sample_ratio, 10.0)
        self.assertEqual(self.company.callback_quarter_cap, 2)
        self.assertEqual(self.company.callback_budget_per_quarter, 1000.0)

    def test_cb01_frequency_is_a_company_setting(self):
        form = Form(self.env["res.config.settings"])
        form.callback_months_high = 2
        form.callback_quarter_cap = 3
        form.save().execute()
        self.assertEqual(self.company.callback_months_high, 2)
        self.assertEqual(self.company._callback_months()["high"], 2)
        self.assertEqual(self.company.callback_quarter_cap, 3)

    def test_cb13_daily_cron_is_scheduled(self):
        cron = self.env.ref("customer_callback.ir_cron_callback_daily")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.model_id.model, "callback.plan")
