import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_crm_pool_claim_mobile", {
    url: "/odoo/dealer-pool",
    steps: () => [
        {
            content: "The pool's customer is on a card, with its pool",
            trigger: ".o_kanban_record:contains(公海五金商行):contains(测试公海)",
        },
        {
            content: "Claim it",
            trigger: ".o_kanban_record:contains(公海五金商行) .o_dealer_claim",
            run: "click",
        },
        {
            content: "It leaves the pool",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(公海五金商行)))",
        },
    ],
});
