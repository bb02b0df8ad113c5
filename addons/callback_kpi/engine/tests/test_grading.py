"""KPI-02 total and bonus cap, KPI-05 grades (pure engine)."""

from ..criteria import Criterion, EventMeasure
from ..defaults import DEFAULT_CRITERIA
from ..errors import EngineError
from ..grading import (
    BONUS_CAP,
    DEFAULT_SCALE,
    GradeScale,
    card_total,
    score_card,
)
from . import EngineCase


class TestGrading(EngineCase):
    def test_kpi05_grade_boundaries(self):
        for score, grade in [
            (110, "A"),
            (90.01, "A"),
            (90.0, "B"),
            (80.01, "B"),
            (80.0, "C"),
            (70.01, "C"),
            (70.0, "D"),
            (60.01, "D"),
            (60.0, "E"),
            (0, "E"),
        ]:
            with self.subTest(score=score, grade=grade):
                assert DEFAULT_SCALE.grade(score) == grade

    def test_kpi05_float_noise_does_not_cross_boundary(self):
        assert DEFAULT_SCALE.grade(0.1 * 3 * 300) == "B"  # 90.00000000000001

    def test_kpi05_boundaries_are_settings(self):
        scale = GradeScale(a=95, b=85, c=75, d=65)
        assert scale.grade(95) == "B"
        assert scale.grade(95.01) == "A"
        assert scale.grade(65) == "E"

    def test_kpi05_x03_boundaries_out_of_order_rejected(self):
        for bounds in [
            (80, 90, 70, 60),
            (90, 80, 80, 60),
            (90, 80, 70, 75),
            (90, 80, 70, -1),
        ]:
            with self.subTest(bounds=bounds):
                with self.assertRaises(EngineError) as info:
                    GradeScale(*bounds)
                assert info.exception.code == "boundaries"

    def test_kpi02_perfect_card_is_100_and_bonus_capped_at_10(self):
        result = score_card(DEFAULT_CRITERIA, {})
        assert (result.base, result.bonus, result.total, result.grade) == (
            100,
            0,
            100,
            "A",
        )
        capped = score_card(DEFAULT_CRITERIA, {"adopted_suggestions": 7}, extra_bonus=6)
        assert capped.bonus == 10
        assert capped.total == 110

    def test_kpi02_bonus_lifts_grade(self):
        crit = (Criterion("T", 100, events=(EventMeasure("late", 1),)),)
        assert score_card(crit, {"late": 12}).grade == "B"
        assert score_card(crit, {"late": 12}).total == 88
        assert score_card(crit, {"late": 12}, extra_bonus=3).grade == "A"  # 91

    def test_kpi02_negative_bonus_rejected(self):
        with self.assertRaises(EngineError):
            score_card(DEFAULT_CRITERIA, {}, extra_bonus=-1)

    def test_kpi03_figures_per_criterion_code(self):
        figures = {"TIME": {"late_callbacks": 3}, "PROC": {"manual": 2}}
        result = score_card(DEFAULT_CRITERIA, figures)
        points = {line.code: line.points for line in result.lines}
        assert points["TIME"] == 14
        assert points["PROC"] == 9
        assert result.total == 88
        assert result.grade == "B"

    def test_kpi02_card_total_of_scored_lines(self):
        # the ORM's cards are added up here: earned bonus and granted bonus
        # together are capped
        result = card_total([20, 12.5, 15.255], [3, 1.5], extra_bonus=2)
        assert (result.base, result.earned, result.bonus) == (47.76, 4.5, 6.5)
        assert (result.total, result.grade) == (54.26, "E")
        capped = card_total([100], [8], extra_bonus=5, bonus_cap=BONUS_CAP)
        assert (capped.earned, capped.bonus, capped.total) == (8, 10, 110)
        lower_cap = card_total([85], [8], bonus_cap=4, scale=GradeScale(95, 85, 75, 65))
        assert (lower_cap.bonus, lower_cap.total, lower_cap.grade) == (4, 89, "B")
        with self.assertRaises(EngineError):
            card_total([100], extra_bonus=-0.5)

    def test_kpi02_score_card_is_card_total_of_its_lines(self):
        # property: scoring the criteria then adding up the lines is the card
        for late in range(0, 25, 4):
            for extra in (0, 2.5, 10):
                with self.subTest(late=late, extra=extra):
                    figures = {"late_callbacks": late, "adopted_suggestions": late // 4}
                    card = score_card(DEFAULT_CRITERIA, figures, extra_bonus=extra)
                    again = card_total(
                        [line.points for line in card.lines],
                        [line.bonus for line in card.lines],
                        extra_bonus=extra,
                    )
                    assert (again.base, again.bonus, again.total, again.grade) == (
                        card.base,
                        card.bonus,
                        card.total,
                        card.grade,
                    )
                    assert card.bonus <= BONUS_CAP and card.total <= 110
