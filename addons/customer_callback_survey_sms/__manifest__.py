{
    "name": "Customer Callbacks: Survey Invitations by SMS",
    "summary": "Invite callback customers to the online survey by SMS too",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/callback-suite/callback-suite",
    "author": "Callback Suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["customer_callback_survey", "sms"],
    "data": [
        "data/ir_cron_data.xml",
        "views/callback_plan_views.xml",
    ],
    "auto_install": True,
}
