"""KPI-11 / CB-21: the supervisor's part of the evaluation is the average of
the period's spot checks when there are any."""

from ..evaluation import evaluation_score, supervisor_part
from . import EngineCase


class TestEvaluation(EngineCase):
    def test_kpi11_cb21_spot_check_average_is_the_supervisor_score(self):
        assert supervisor_part(60.0, 85.456) == 85.46

    def test_kpi11_without_spot_check_the_typed_score_counts(self):
        assert supervisor_part(60.0, None) == 60.0
        assert supervisor_part(0.0) == 0.0

    def test_kpi11_spot_check_of_zero_is_a_score_not_a_missing_one(self):
        assert supervisor_part(60.0, 0.0) == 0.0

    def test_kpi11_weighted_evaluation(self):
        assert evaluation_score([(80.0, 50.0), (90.0, 50.0)]) == 85.0
        assert evaluation_score([]) == 0.0
