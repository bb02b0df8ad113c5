# the pure engine's tests (plain unittest, see engine/tests/__init__.py)
from ..engine.tests import (
    test_invitation,
)
from . import (
    test_survey_batch,
    test_survey_channel,
    test_survey_route,
    test_survey_security,
)
