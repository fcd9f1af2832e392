import { registry } from "@web/core/registry";
import { mockGeolocation } from "@dealer_crm_field/tours/dealer_crm_field_tour";

const customer = "公海五金机电商行";

registry.category("web_tour.tours").add("dealer_crm_nearby_claim_mobile", {
    url: "/odoo/dealer-plan",
    steps: () => [
        {
            content: "From today's plan, open the customers near me",
            trigger: ".o_form_view .o_dealer_plan_nearby",
            async run(helpers) {
                // The phone stands on 上海's People's Square.
                mockGeolocation(31.2304, 121.4737, 15);
                await helpers.click();
            },
        },
        {
            content: "The nearest customers, the pool customer among them",
            trigger: `.o_dealer_nearby_row:contains(${customer}) .o_dealer_nearby_pool`,
        },
        {
            content: "…with its distance and direction",
            trigger: `.o_dealer_nearby_row:contains(${customer}) .o_dealer_nearby_distance:contains(/\\d+ m/)`,
        },
        {
            content: "Claim it",
            trigger: `.o_dealer_nearby_row:contains(${customer}) .o_dealer_nearby_claim`,
            run: "click",
        },
        {
            content: "Claimed: it is no longer in the pool and can be checked in at",
            trigger: `.o_dealer_nearby_row:contains(${customer}):not(:has(.o_dealer_nearby_pool)) .o_dealer_nearby_check_in`,
        },
        {
            content: "Add it to today's plan",
            trigger: `.o_dealer_nearby_row:contains(${customer}) .o_dealer_nearby_add`,
            run: "click",
        },
        {
            content: "Added",
            trigger: `.o_dealer_nearby_row:contains(${customer}) .o_dealer_nearby_add:disabled`,
        },
        {
            content: "Plan my day from here",
            trigger: ".o_dealer_nearby_plan_day",
            run: "click",
        },
        {
            content: "Today's plan, the claimed customer in it",
            trigger: `.o_form_view .o_field_widget[name='line_ids'] .o_kanban_record:contains(${customer})`,
        },
    ],
});
