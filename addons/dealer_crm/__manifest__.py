{
    "name": "Dealer CRM",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Run a manufacturer's dealers and agents: customers and contacts, regions and roles, Excel import, ownership",
    "description": """
Dealer CRM
==========
The CRM a manufacturer runs its dealers and agents (经销商/代理商) with:
dealers classified by channel, region, industry, scale, importance, type and
source; their contacts with position, projects, needs and level; ownership
that salespeople, managers and the back office see according to their role;
a batch import from Excel that explains every rejected row; and one path
for a change of owner, with its history. Field work (follow-ups, check-ins,
visits, My Day) comes with Dealer CRM Field Work; agreements, the order desk
and the sales facts with Dealer CRM Sales; the public pools with Dealer CRM
Public Pool.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["contacts", "sales_team", "mail", "phone_validation"],
    "external_dependencies": {"python": ["xlrd", "openpyxl", "pillow", "phonenumbers"]},
    "data": [
        "security/dealer_crm_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/dealer_region_views.xml",
        "views/dealer_channel_views.xml",
        "views/dealer_customer_type_views.xml",
        "views/dealer_source_views.xml",
        "views/res_partner_views.xml",
        "views/dealer_owner_log_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/dealer_import_wizard_views.xml",
        "views/dealer_crm_menus.xml",
    ],
    "demo": [
        "demo/dealer_crm_master_data_demo.xml",
        "demo/dealer_crm_users_demo.xml",
        "demo/dealer_crm_customers_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_crm/static/src/tours/*.js",
        ],
    },
    "application": True,
    "installable": True,
}
