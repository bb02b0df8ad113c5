from . import callback_export_wizard, callback_planning_wizard, callback_ranking_wizard
