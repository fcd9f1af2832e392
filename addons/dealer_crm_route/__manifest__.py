{
    "name": "Dealer CRM Visit Planning",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Visit frequencies and due dates per customer, day and week visit plans in route order, "
               "and check-ins a manager can trust: impossible travel, reused photos, suspicious positions, "
               "visits left at once",
    "description": """
Dealer CRM Visit Planning
=========================
How often each customer is to be visited (by importance, or its own
frequency) and when its next visit is due; and a trust score for every
check-in, lowered by what makes a visit hard to believe: a jump from the
previous check-in faster than a car drives, a photo already used at an
earlier check-in (by its perceptual hash), a position reported with no error
or shared with another customer, a visit checked out at once or never.

Day and week visit plans: the customers due, the follow-ups due and the
day's customer events, up to a number of visits a day, in a short route from
where the day starts; stops visited by check-ins, missed when the day ends,
and the plan against the actual visits by salesperson, team and region.
""",
    "author": "Dealer CRM",
    "license": "LGPL-3",
    "depends": ["dealer_crm_field"],
    "external_dependencies": {"python": ["pillow"]},
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_crm_route_security.xml",
        "data/ir_cron_data.xml",
        "views/res_partner_views.xml",
        "views/dealer_checkin_views.xml",
        "views/res_config_settings_views.xml",
        "views/dealer_visit_plan_views.xml",
        "wizard/dealer_import_wizard_views.xml",
        "report/dealer_checkin_report_views.xml",
        "report/dealer_visit_coverage_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_crm_route/static/src/map/*",
            "dealer_crm_route/static/src/nearby/*",
        ],
        "web.assets_tests": [
            "dealer_crm_route/static/src/tours/*.js",
        ],
    },
    "demo": [
        "demo/dealer_crm_route_demo.xml",
    ],
    "post_init_hook": "_dealer_measure_existing_checkins",
    "installable": True,
}
