from . import callback_plan
