from . import callback_workflow_mixin  # isort: skip  (inherited by the documents)
from . import callback_shared_configuration  # isort: skip  (inherited by the configuration)
from . import (
    callback_answer,
    callback_cost,
    callback_dealer_deduction,
    callback_escalation,
    callback_figure,
    callback_plan,
    callback_question,
    callback_questionnaire,
    callback_record,
    callback_record_supervision,
    callback_sampling,
    callback_spot_check,
    callback_trigger_type,
    callback_trigger_type_event,
    crm_lead,
    hr_department,
    res_company,
    res_config_settings,
    res_partner,
)
