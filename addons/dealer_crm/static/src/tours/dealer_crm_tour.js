import { registry } from "@web/core/registry";

const ownCustomer = "上海鑫达五金商行";
const othersCustomer = "南京恒通建材有限公司";

function customerListSteps() {
    return [
        {
            content: "My customers are listed on cards",
            trigger: `.o_kanban_record:contains(${ownCustomer})`,
        },
        {
            content: "Another salesperson's customer is not",
            trigger: `.o_kanban_view:not(:has(.o_kanban_record:contains(${othersCustomer})))`,
        },
        {
            content: "The card shows the region and the owner",
            trigger: `.o_kanban_record:contains(${ownCustomer}):contains(浦东) .o_field_many2one_avatar_user`,
        },
        {
            content: "Open the customer",
            trigger: `.o_kanban_record:contains(${ownCustomer}) .o_dealer_card_name`,
            run: "click",
        },
        {
            content: "The form shows the customer code",
            trigger: ".o_form_view .o_field_widget[name='dealer_code']:contains(/KH\\d{6}/)",
        },
        {
            content: "…and the region",
            trigger: ".o_form_view .o_field_widget[name='dealer_region_id'] input:value(/浦东/)",
        },
        {
            content: "…and the contacts",
            trigger: ".o_form_view .o_field_widget[name='child_ids'] .o_kanban_record:contains(王志强)",
        },
    ];
}

registry.category("web_tour.tours").add("dealer_crm_salesperson_customers", {
    url: "/odoo/dealer-customers",
    steps: () => [
        ...customerListSteps(),
        {
            content: "Back to the customers",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The list shows my customer with its code",
            trigger: `.o_list_view .o_data_row:contains(${ownCustomer}):contains(KH)`,
        },
        {
            content: "…and not another salesperson's",
            trigger: `.o_list_view:not(:has(.o_data_row:contains(${othersCustomer})))`,
        },
    ],
});

registry.category("web_tour.tours").add("dealer_crm_salesperson_customers_mobile", {
    url: "/odoo/dealer-customers",
    steps: () => customerListSteps(),
});
