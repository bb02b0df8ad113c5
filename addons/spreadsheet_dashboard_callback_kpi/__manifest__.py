{
    "name": "Spreadsheet dashboard for callback KPI",
    "summary": "Grade distribution, scores by criterion and cards waiting for "
    "approval in the Dashboards app",
    "version": "18.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/callback-suite/callback-suite",
    "author": "Callback Suite",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["spreadsheet_dashboard", "callback_kpi"],
    "data": ["data/dashboards.xml"],
    "auto_install": True,
}
