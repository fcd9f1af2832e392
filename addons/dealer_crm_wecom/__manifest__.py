{
    "name": "Dealer CRM WeCom",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Follow-ups by text and voice from WeCom (企业微信), reminders pushed to WeCom, "
               "login and check-in inside WeCom",
    "description": """
Dealer CRM WeCom
================
Connects one WeCom in-house app (自建应用) per company. Salespeople record
follow-ups by typing or speaking to the app; the app answers with what it
recorded and asks which customer when it cannot tell. Dealer CRM's reminders
reach them in WeCom, the app opens Odoo without a password, and the check-in
screen uses WeCom's own location and camera.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_field"],
    "external_dependencies": {"python": ["cryptography", "requests"], "bin": ["ffmpeg"]},
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_crm_wecom_security.xml",
        "data/ir_cron_data.xml",
        "views/dealer_wecom_message_views.xml",
        "views/dealer_wecom_outbox_views.xml",
        "views/dealer_followup_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_users_views.xml",
        "views/wecom_templates.xml",
        "views/dealer_crm_wecom_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_wecom_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_crm_wecom/static/src/checkin/*",
        ],
        "web.assets_tests": [
            "dealer_crm_wecom/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
