from . import callback_workflow_mixin  # isort: skip  (inherited by the documents)
from . import (
    callback_answer,
    callback_escalation,
    callback_figure,
    callback_plan,
    callback_question,
    callback_questionnaire,
    callback_record,
    callback_sampling,
    callback_trigger_type,
    callback_trigger_type_event,
    crm_lead,
    res_company,
    res_config_settings,
    res_partner,
)
