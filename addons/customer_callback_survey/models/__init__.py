from . import (
    callback_plan,
    callback_questionnaire,
    callback_record,
    res_company,
    res_config_settings,
    survey_question,
    survey_survey,
    survey_user_input,
)
