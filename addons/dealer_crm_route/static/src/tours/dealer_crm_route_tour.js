import { registry } from "@web/core/registry";
import { mockGeolocation, photoAndSubmitSteps } from "@dealer_crm_field/tours/dealer_crm_field_tour";

const first = "上海鑫达五金商行";
const stops = ".o_field_widget[name='line_ids'] .o_kanban_record";

registry.category("web_tour.tours").add("dealer_crm_route_plan_my_day_mobile", {
    url: "/odoo/dealer-plan",
    steps: () => [
        {
            content: "My Plan: today's stops as cards, the nearest first",
            trigger: `${stops}:first:contains(${first})`,
        },
        {
            content: "…each with its planned time and distance",
            trigger: `${stops}:first:contains(/\\d\\d:\\d\\d/):contains(km)`,
        },
        {
            content: "Check in from the first stop",
            trigger: `${stops}:contains(${first}) button[name='action_check_in']`,
            async run(helpers) {
                mockGeolocation(31.2305, 121.4738, 10);
                await helpers.click();
            },
        },
        {
            content: "The check-in screen knows the customer",
            trigger: `.o_dealer_checkin .o_dealer_checkin_customer:contains(${first})`,
        },
        ...photoAndSubmitSteps(),
        {
            content: "Checked in",
            trigger: ".o_dealer_checkin_done",
        },
        {
            content: "Back to the plan",
            trigger: ".o_dealer_checkin_back",
            run: "click",
        },
        {
            content: "The stop is visited",
            trigger: `${stops}:contains(${first}):contains(Visited)`,
        },
    ],
});

registry.category("web_tour.tours").add("dealer_crm_route_map_mobile", {
    url: "/odoo/dealer-map",
    steps: () => [
        {
            content: "Without tiles, the map says so",
            trigger: ".o_dealer_map .o_dealer_map_no_tiles",
        },
        {
            content: "…and still draws the route",
            trigger: ".o_dealer_map_canvas path.o_dealer_map_route",
        },
        {
            content: "…the stops, numbered in route order",
            trigger: ".o_dealer_map_canvas .o_dealer_map_stop:contains(2)",
        },
        {
            content: "…and the customers",
            trigger: ".o_dealer_map_canvas path.o_dealer_map_customer",
        },
        {
            content: "The stops listed under the map, the nearest first",
            trigger: `.o_dealer_map_stops .o_dealer_map_stop_row:first:contains(${first})`,
        },
        {
            content: "Hide the customers",
            trigger: ".o_dealer_map_toggle_customers",
            run: "click",
        },
        {
            content: "Only the plan and the check-ins are left",
            trigger: ".o_dealer_map_canvas:not(:has(path.o_dealer_map_customer)) path.o_dealer_map_route",
        },
    ],
});
