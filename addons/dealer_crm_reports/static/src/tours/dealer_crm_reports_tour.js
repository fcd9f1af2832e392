import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_crm_reports_dashboard_mobile", {
    url: "/odoo/dealer-dashboard",
    steps: () => [
        {
            content: "This month's revenue is a card with its figure",
            trigger: ".o_dealer_kpi_revenue .o_dealer_kpi_value:contains(1,200)",
        },
        {
            content: "…and the customer leads the TOP customers",
            trigger: ".o_dealer_top_customers tr:contains(上海鑫达五金商行)",
        },
        {
            content: "Look at last month",
            trigger: ".o_dealer_period_last_month",
            run: "click",
        },
        {
            content: "Last month had no sales",
            trigger: ".o_dealer_period_last_month.btn-primary",
        },
        {
            content: "…so the revenue card says 0",
            trigger: ".o_dealer_kpi_revenue .o_dealer_kpi_value:contains(0):not(:contains(1,200))",
        },
        {
            content: "Open the salesperson performance behind the figures",
            trigger: ".o_dealer_kpi_revenue",
            run: "click",
        },
        {
            content: "The performance analysis opens",
            trigger: ".o_pivot, .o_view_nocontent",
        },
    ],
});
