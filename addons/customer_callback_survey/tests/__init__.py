from . import (
    test_survey_batch,
    test_survey_channel,
    test_survey_route,
    test_survey_security,
)
