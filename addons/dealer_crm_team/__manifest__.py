{
    "name": "Dealer CRM Team",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Tasks with deadlines, daily/weekly/monthly work reports with submission rules, sales targets with live completion",
    "description": """
Dealer CRM Team
===============
How a sales manager runs the field team on top of Dealer CRM:

* tasks given to salespeople, with deadlines, progress notes, reminders and
  overdue warnings;
* daily, weekly and monthly work reports filled from the period's follow-ups,
  check-ins and orders, with submission rules, reviews and the statistics of
  who submitted on time;
* sales targets per salesperson, team or region (new customers, contract
  amount, payment collected), imported from Excel, with live completion and
  pace against the calendar.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_field", "dealer_crm_sale"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_crm_team_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "wizard/dealer_reason_wizard_views.xml",
        "views/dealer_task_views.xml",
        "views/dealer_work_report_views.xml",
        "views/dealer_work_report_rule_views.xml",
        "views/dealer_target_views.xml",
        "report/dealer_work_report_statistics_views.xml",
        "report/dealer_target_report_views.xml",
        "wizard/dealer_target_import_wizard_views.xml",
        "views/dealer_crm_team_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_team_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_crm_team/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
