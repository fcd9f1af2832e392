{
    "name": "Dealer CRM",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Run a manufacturer's dealers and agents: customers, contacts, Excel import, ownership, agreements and orders",
    "description": """
Dealer CRM
==========
The CRM a manufacturer runs its dealers and agents (经销商/代理商) with:
dealers classified by channel, region, industry, scale, importance, type and
source; their contacts with position, projects, needs and level; ownership
that salespeople, managers and the back office see according to their role;
a batch import from Excel that explains every rejected row; one path for a
change of owner, with its history; dealer agreements; and orders confirmed
by the back office. Field work (follow-ups, check-ins, visits, My Day) comes
with Dealer CRM Field Work, the public pools with Dealer CRM Public Pool.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["contacts", "sale", "mail", "phone_validation"],
    "external_dependencies": {"python": ["xlrd", "openpyxl", "pillow", "phonenumbers"]},
    "data": [
        "security/dealer_crm_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/dealer_region_views.xml",
        "views/dealer_channel_views.xml",
        "views/dealer_customer_type_views.xml",
        "views/dealer_source_views.xml",
        "views/res_partner_views.xml",
        "views/dealer_owner_log_views.xml",
        "wizard/dealer_reason_wizard_views.xml",
        "views/sale_order_views.xml",
        "views/dealer_agreement_views.xml",
        "report/dealer_agreement_report.xml",
        "views/res_config_settings_views.xml",
        "wizard/dealer_import_wizard_views.xml",
        "views/dealer_crm_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_master_data_demo.xml",
        "demo/dealer_crm_users_demo.xml",
        "demo/dealer_crm_customers_demo.xml",
        "demo/dealer_crm_agreement_demo.xml",
        "demo/dealer_crm_sale_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_crm/static/src/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "application": True,
    "installable": True,
}
