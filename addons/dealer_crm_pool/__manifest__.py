{
    "name": "Dealer CRM Public Pool",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Public pools (公海) that recycle idle customers: claims with limits, caps and cooldowns, warnings, hidden details",
    "description": """
Dealer CRM Public Pool
======================
The public pool (公海) of a dealer CRM: customers nobody works are taken from
their owners by each pool's recycle rules (no follow-up, no order, never won,
per importance) and wait in the pool for a member to claim them. Owners are
warned before recycling and see the date on the customer; claims keep to each
pool's daily limit, the reclaim cooldown and the salesperson's customer cap,
and protect what was claimed for a while; managers assign, release and
transfer. A pool may hide its customers' phone, email and address until they
are claimed, in every read, search, export and report.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_field", "dealer_crm_sale"],
    "data": [
        "security/dealer_crm_pool_security.xml",
        "security/ir.model.access.csv",
        "data/dealer_pool_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "wizard/dealer_pool_change_wizard_views.xml",
        "views/dealer_pool_views.xml",
        "views/dealer_owner_log_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "report/dealer_pool_forecast_views.xml",
        "views/dealer_crm_pool_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_pool_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_crm_pool/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
