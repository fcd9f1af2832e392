import { registry } from "@web/core/registry";

/** A step's check that the page, ``what``, is no wider than the phone. */
function fitsThePhone(what) {
    return () => {
        const overflow = document.documentElement.scrollWidth - window.innerWidth;
        if (overflow > 0) {
            throw new Error(`${what} is ${overflow} px wider than the phone`);
        }
    };
}

registry.category("web_tour.tours").add("dealer_crm_portal_home_mobile", {
    url: "/my",
    steps: () => [
        {
            content: "The portal's home offers the dealer's own page",
            trigger: "a[href='/my/dealer']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "This year's rebate: what is missing to the next tier",
            trigger: ".o_dealer_portal_rebate .o_dealer_portal_missing:contains(3,500.00)",
        },
        {
            content: "…and the rebate due",
            trigger: ".o_dealer_portal_rebate .o_dealer_portal_rebate_amount:contains(30.00)",
        },
        {
            content: "Credit still available, and the overdue invoice",
            trigger: ".o_dealer_portal_credit .o_dealer_portal_available:contains(9,200.00)",
        },
        {
            content: "The returned order, with the back office's reason",
            trigger: ".o_dealer_portal_order:has(.o_dealer_portal_status_returned):contains(型号有误)",
        },
        {
            content: "Open the clauses of the agreement",
            trigger: ".o_dealer_portal_agreement summary",
            run: "click",
        },
        {
            content: "The clauses read, and the page fits a phone",
            trigger: ".o_dealer_portal_agreement details[open]:contains(价格体系)",
            run: fitsThePhone("The dealer home"),
        },
        {
            content: "Order the confirmed order again",
            trigger: ".o_dealer_portal_order:has(.o_dealer_portal_status_confirmed) .o_dealer_portal_reorder",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The form holds the past order's quantity: make it 20",
            trigger: ".o_dealer_portal_product input[value='1.0']",
            run: "edit 20",
        },
        {
            content: "Review the order",
            trigger: ".o_dealer_portal_review",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "20 hinges at the agreement's 8.00",
            trigger: ".o_dealer_portal_order_review li:first-child:contains(160.00)",
        },
        {
            content: "Place it",
            trigger: ".o_dealer_portal_place",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order, on its way to the back office",
            trigger: "#quote_content",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_crm_portal_statement_mobile", {
    url: "/my/dealer",
    steps: () => [
        {
            content: "The statement waits on the dealer's home",
            trigger: ".o_dealer_portal_statements .o_dealer_portal_statement:has(.o_dealer_portal_statement_sent)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Its closing balance",
            trigger: ".o_dealer_portal_statement_closing:contains(1,350.00)",
        },
        {
            content: "Its entries, and the page fits a phone",
            trigger: ".o_dealer_portal_statement_entries li:contains(Balance)",
            run: fitsThePhone("The statement"),
        },
        {
            content: "Confirm it",
            trigger: ".o_dealer_portal_statement_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirmed: no more buttons",
            trigger: ".o_dealer_portal_statement_state.text-bg-success",
            run() {
                if (document.querySelector(".o_dealer_portal_statement_confirm")) {
                    throw new Error("A confirmed statement still offers to confirm it");
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("dealer_crm_portal_stock_mobile", {
    url: "/my/dealer",
    steps: () => [
        {
            content: "Stock and sell-out, from the dealer's home",
            trigger: ".o_dealer_portal_stock_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Last month is not reported yet: report it",
            trigger: ".o_dealer_portal_stock_month:nth-child(2):contains(Not reported) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The hinge starts from the month before's closing stock, and the form fits a phone",
            trigger: ".o_dealer_portal_stock_row:contains(不锈钢合页) input[name^='opening_qty'][value='30']",
            run: fitsThePhone("The stock report form"),
        },
        {
            content: "25 sold",
            trigger: ".o_dealer_portal_stock_row:contains(不锈钢合页) input[name^='sold_qty']",
            run: "edit 25",
        },
        {
            content: "5 left",
            trigger: ".o_dealer_portal_stock_row:contains(不锈钢合页) input[name^='closing_qty']",
            run: "edit 5",
        },
        {
            content: "Sold where: 浦东",
            trigger: "select[name='sellout_region_0']",
            run: "selectByLabel 浦东",
        },
        {
            content: "…the hinges",
            trigger: "select[name='sellout_product_0']",
            run: "selectByLabel 不锈钢合页",
        },
        {
            content: "…all 25",
            trigger: "input[name='sellout_qty_0']",
            run: "edit 25",
        },
        {
            content: "Submit the report",
            trigger: ".o_dealer_portal_stock_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved: the month is reported",
            trigger: ".o_dealer_portal_stock_submitted",
        },
        {
            content: "…and offers a correction",
            trigger: ".o_dealer_portal_stock_month:nth-child(2):not(:contains(Not reported)) a",
        },
    ],
});
