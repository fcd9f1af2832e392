import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_crm_daily_report_mobile", {
    url: "/odoo/dealer-work-reports",
    steps: () => [
        {
            content: "Write today's report",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "The report form opens, today's period filled in",
            trigger: ".o_form_view .o_field_widget[name='date_from']:not(:empty)",
        },
        {
            content: "Say what was done",
            trigger: ".o_form_view .o_field_widget[name='summary'] .odoo-editor-editable",
            run: "editor 拜访了鑫达五金，确认下月订单",
        },
        {
            content: "Submit it",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            content: "Its figures are filled in and it can no longer be submitted",
            trigger: ".o_form_view:not(:has(button[name='action_submit'])) .o_field_widget[name='followup_count']:contains(1)",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_crm_targets_mobile", {
    url: "/odoo/dealer-targets",
    steps: () => [
        {
            content: "My contract target is a card with its progress",
            trigger: ".o_kanban_record:contains(Contract Amount) .o_progressbar",
        },
        {
            content: "…showing what I achieved",
            trigger: ".o_kanban_record:contains(Contract Amount):contains(1,000.00)",
        },
        {
            content: "…and its pace against the expected as a number, not a bar",
            trigger: ".o_kanban_record:contains(Contract Amount) .o_field_widget[name='pace']:not(:has(.o_progressbar))",
        },
        {
            content: "Another salesperson's target is not shown",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(李娜)))",
        },
    ],
});
