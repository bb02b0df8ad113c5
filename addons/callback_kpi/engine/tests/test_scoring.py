"""KPI-02 / KPI-03: deduction scoring of the criteria (pure engine)."""

import itertools

from ..criteria import (
    BonusMeasure,
    Criterion,
    EventMeasure,
    RateMeasure,
    score_criterion,
)
from ..defaults import DEFAULT_CRITERIA
from ..errors import EngineError
from ..grading import check_shares
from . import EngineCase

TIME = Criterion("TIME", 20, events=(EventMeasure("late", 2, zero_above=10),))
QTY = Criterion(
    "QTY",
    25,
    rates=(
        RateMeasure("callback_rate", 100, 5, 2, floor=80),
        RateMeasure("success_rate", 90, 5, 2, floor=60),
    ),
    zero_when_floors=True,
)
COST = Criterion(
    "COST",
    10,
    events=(EventMeasure("manual", 2),),
    rates=(RateMeasure("cost_overrun", 0, 5, 2, direction="above"),),
)


class TestScoring(EngineCase):
    def test_kpi03_timeliness_each_late_callback_deducts(self):
        assert score_criterion(TIME, {"late": 0}).points == 20
        assert score_criterion(TIME, {"late": 1}).points == 18
        result = score_criterion(TIME, {"late": 4})
        assert (result.points, result.deduction, result.events) == (12, 8, 4)

    def test_kpi03_timeliness_threshold_zeroes_over_n(self):
        # "over N late = 0": N itself still scores
        assert score_criterion(TIME, {"late": 10}).points == 0  # 10 x 2 = 20 deducted
        lenient = Criterion("T", 20, events=(EventMeasure("late", 1, zero_above=3),))
        assert score_criterion(lenient, {"late": 3}).points == 17
        result = score_criterion(lenient, {"late": 4})
        assert result.points == 0 and result.zeroed and result.deduction == 20

    def test_kpi03_deduction_capped_at_max_points(self):
        result = score_criterion(
            Criterion("T", 20, events=(EventMeasure("late", 7),)), {"late": 5}
        )
        assert result.points == 0
        assert result.deduction == 20
        assert not result.zeroed

    def test_kpi03_rate_steps_below_target(self):
        # each full 5 % step below 100 % deducts 2
        assert score_criterion(QTY, {"callback_rate": 100}).points == 25
        assert score_criterion(QTY, {"callback_rate": 96}).points == 25
        assert score_criterion(QTY, {"callback_rate": 95}).points == 23
        assert score_criterion(QTY, {"callback_rate": 89.9}).points == 21
        assert (
            score_criterion(QTY, {"callback_rate": 90, "success_rate": 80}).points == 17
        )

    def test_kpi03_quantity_quality_both_floors_zero(self):
        # one floor breached deducts but does not zero
        one = score_criterion(QTY, {"callback_rate": 70, "success_rate": 85})
        assert not one.zeroed and one.points == 25 - 6 * 2 - 1 * 2
        both = score_criterion(QTY, {"callback_rate": 79.9, "success_rate": 59})
        assert both.zeroed and both.points == 0
        # on the floors themselves is not below them
        edge = score_criterion(QTY, {"callback_rate": 80, "success_rate": 60})
        assert not edge.zeroed and edge.points == 25 - 4 * 2 - 6 * 2

    def test_kpi03_missing_rate_deducts_nothing(self):
        assert score_criterion(QTY, {}).points == 25
        assert score_criterion(QTY, {"callback_rate": None}).points == 25

    def test_kpi03_cost_over_budget_and_manual_reimbursements(self):
        assert score_criterion(COST, {"cost_overrun": -30}).points == 10  # under budget
        assert score_criterion(COST, {"cost_overrun": 4.9}).points == 10
        assert score_criterion(COST, {"cost_overrun": 10}).points == 6
        assert score_criterion(COST, {"cost_overrun": 10, "manual": 1}).points == 4
        assert score_criterion(COST, {"cost_overrun": 500}).points == 0

    def test_kpi03_flat_deduction_when_step_zero(self):
        crit = Criterion("S", 10, rates=(RateMeasure("success_rate", 90, 0, 3),))
        assert score_criterion(crit, {"success_rate": 90}).points == 10
        assert score_criterion(crit, {"success_rate": 89}).points == 7
        assert score_criterion(crit, {"success_rate": 10}).points == 7

    def test_kpi03_adopted_suggestions_give_bonus(self):
        crit = Criterion(
            "REPORT",
            10,
            events=(EventMeasure("late_reports", 5, zero_above=2),),
            bonuses=(BonusMeasure("adopted_suggestions", 1.5),),
        )
        result = score_criterion(crit, {"late_reports": 1, "adopted_suggestions": 2})
        assert (result.points, result.bonus) == (5, 3)

    def test_x03_negative_figures_and_settings_rejected(self):
        with self.assertRaises(EngineError):
            score_criterion(TIME, {"late": -1})
        with self.assertRaises(EngineError):
            Criterion("X", -1)
        with self.assertRaises(EngineError):
            Criterion("X", 10, events=(EventMeasure("late", -2),))
        with self.assertRaises(EngineError):
            Criterion("X", 10, rates=(RateMeasure("r", 100, -5, 2),))
        with self.assertRaises(EngineError):
            Criterion("X", 10, rates=(RateMeasure("r", 100, 5, 2, direction="up"),))

    def test_kpi02_default_criteria_shares_add_up_to_100(self):
        shares = [c.max_points for c in DEFAULT_CRITERIA]
        assert check_shares(shares) == 100
        assert len(DEFAULT_CRITERIA) == 7
        with self.assertRaises(EngineError) as error:
            check_shares(shares[:-1])
        assert error.exception.params == {"share": 90, "total": 100}

    def test_kpi02_shares_at_most_100_while_criteria_are_edited(self):
        # criteria being edited may add up to less than 100, never to more
        assert check_shares([20, 30.005], exact=False) == 50.0
        assert check_shares([60, 40], exact=False) == 100
        with self.assertRaises(EngineError):
            check_shares([60, 40.01], exact=False)
        with self.assertRaises(EngineError):
            check_shares([60, 40.01])
        # float noise is no share: 0.1 x 1000 is 100
        assert check_shares([0.1] * 1000) == 100

    def test_kpi03_points_always_between_zero_and_max(self):
        # property: whatever the figures, 0 <= points <= max and points + deduction
        # == max
        for late, rate in itertools.product(
            range(0, 30, 3), (0, 33.3, 79.99, 100, 120)
        ):
            with self.subTest(late=late, rate=rate):
                figures = {
                    "late_callbacks": late,
                    "callback_rate": rate,
                    "success_rate": rate,
                    "missing_records": late,
                    "questionnaire_return": rate,
                    "cost_overrun": rate,
                    "manual": late // 3,
                    "late_reports": late // 10,
                }
                for crit in DEFAULT_CRITERIA:
                    result = score_criterion(crit, figures)
                    assert 0 <= result.points <= crit.max_points
                    self.assertAlmostEqual(
                        result.points + result.deduction, crit.max_points
                    )
