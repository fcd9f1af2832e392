{
    "name": "Dealer CRM Field Work",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Follow-ups with voice notes, GPS and photo check-ins, scheduled visits, My Day and the check-in report",
    "description": """
Dealer CRM Field Work
=====================
What a field salesperson does with a dealer, recorded where it happens:
follow-ups (text or voice) with the next visit they plan; check-ins that
prove a visit, by the phone's position against the customer's pin and by
watermarked photos whose own time and place are checked; visits scheduled in
the calendar, flagged when left without a check-in; My Day, the salesperson's
landing page; and the check-in report with its weekly summary to managers.
The public pool's no-follow-up rule counts from the follow-ups recorded here.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm", "calendar"],
    "external_dependencies": {"python": ["pillow"]},
    "data": [
        "security/dealer_crm_field_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_templates.xml",
        "views/dealer_followup_views.xml",
        "views/dealer_checkin_views.xml",
        "views/calendar_event_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "report/dealer_agenda_views.xml",
        "report/dealer_checkin_report_views.xml",
        "views/dealer_crm_field_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_field_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_crm_field/static/src/checkin/*",
            "dealer_crm_field/static/src/voice_notes/*",
        ],
        "web.assets_tests": [
            "dealer_crm_field/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
