from . import callback_planning_wizard
from . import callback_export_wizard
from . import callback_ranking_wizard
