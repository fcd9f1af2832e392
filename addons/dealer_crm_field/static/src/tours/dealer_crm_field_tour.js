import { registry } from "@web/core/registry";

const customer = "上海鑫达五金商行";

/** The device's position, as the phone's GPS would give it (by default ~77 m from the pin). */
export function mockGeolocation(latitude = 31.231, longitude = 121.4741, accuracy = 12) {
    Object.defineProperty(navigator, "geolocation", {
        configurable: true,
        value: {
            getCurrentPosition(success) {
                success({ coords: { latitude, longitude, accuracy } });
            },
        },
    });
}

/** What the camera input hands over after a shot: a JPEG file. */
async function takePhoto(input) {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext("2d");
    context.fillStyle = "#2f6f9f";
    context.fillRect(0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], "visit.jpg", { type: "image/jpeg" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** On the check-in screen: a photo from the camera, then Check In. */
export function photoAndSubmitSteps() {
    return [
        {
            content: "Take a photo",
            trigger: ".o_dealer_checkin_camera:not(:visible)",
            async run() {
                await takePhoto(this.anchor);
            },
        },
        {
            content: "Check in",
            trigger: ".o_dealer_checkin_submit:enabled",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("dealer_crm_checkin_mobile", {
    url: "/odoo/dealer-customers",
    steps: () => [
        {
            content: "Check in from the customer's card",
            trigger: `.o_kanban_record:contains(${customer}) .o_dealer_check_in`,
            async run(helpers) {
                mockGeolocation();
                await helpers.click();
            },
        },
        {
            content: "The screen knows the customer",
            trigger: `.o_dealer_checkin .o_dealer_checkin_customer:contains(${customer})`,
        },
        {
            content: "…and shows the distance to its pin",
            trigger: ".o_dealer_checkin_distance:contains(/7[5-9] m/)",
        },
        {
            content: "Submitting needs a photo",
            trigger: ".o_dealer_checkin_submit:disabled",
        },
        ...photoAndSubmitSteps(),
        {
            content: "Checked in, near the customer; the photo without camera time is flagged",
            trigger: ".o_dealer_checkin_done:contains(/7[5-9] m from the customer/):contains(A photo was not taken now)",
        },
        {
            content: "Open the check-in",
            trigger: ".o_dealer_open_checkin",
            run: "click",
        },
        {
            content: "The check-in holds the watermarked photo",
            trigger: ".o_form_view .o_field_widget[name='photo_ids'] img",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_crm_home_my_day", {
    url: "/odoo",
    steps: () => [
        {
            content: "A salesperson who logs in lands on My Day",
            trigger: ".o_control_panel .o_breadcrumb:contains(My Day)",
        },
        {
            content: "…inside the Dealer CRM app, its menus at hand",
            trigger: ".o_main_navbar .o_menu_brand:contains(Dealer CRM)",
        },
        {
            content: "…such as the customers",
            trigger: ".o_main_navbar .o_menu_sections:contains(Customers)",
        },
    ],
});
