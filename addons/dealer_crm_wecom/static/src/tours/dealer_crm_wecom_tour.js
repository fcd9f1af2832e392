import { registry } from "@web/core/registry";

const customer = "上海鑫达五金商行";

/** Inside WeCom: its user agent, and a stand-in for its JS-SDK that records the calls. */
function mockWeCom() {
    const userAgent = `${navigator.userAgent} wxwork/4.1.20 MicroMessenger/7.0.1`;
    Object.defineProperty(navigator, "userAgent", { configurable: true, get: () => userAgent });
    const calls = [];
    window.dealerWeComCalls = calls;
    window.wx = {
        config(options) {
            calls.push(["config", options]);
        },
        ready(callback) {
            calls.push(["ready"]);
            callback();
        },
        error() {},
        getLocation(options) {
            calls.push(["getLocation", options.type]);
            options.success({ latitude: 31.231, longitude: 121.4741, accuracy: 15 });
        },
        chooseImage(options) {
            calls.push(["chooseImage", options.sourceType]);
            options.success({ localIds: ["data:image/gif;base64,R0lGODlhAQABAAAAACw="] });
        },
        uploadImage(options) {
            calls.push(["uploadImage"]);
            options.success({ serverId: window.dealerWeComMediaId });
        },
    };
}

registry.category("web_tour.tours").add("dealer_crm_wecom_checkin_mobile", {
    url: "/odoo/dealer-customers",
    steps: () => [
        {
            content: "Check in from the customer's card, inside WeCom",
            trigger: `.o_kanban_record:contains(${customer}) .o_dealer_check_in`,
            async run(helpers) {
                mockWeCom();
                await helpers.click();
            },
        },
        {
            content: "WeCom's position: the distance to the pin",
            trigger: ".o_dealer_checkin_distance:contains(/7[5-9] m/)",
        },
        {
            content: "WeCom's camera, not the browser's file input",
            trigger: ".o_dealer_checkin_wecom_camera",
            run: "click",
        },
        {
            content: "Check in",
            trigger: ".o_dealer_checkin_submit:enabled",
            run: "click",
        },
        {
            content: "Checked in near the customer",
            trigger: ".o_dealer_checkin_done:contains(/7[5-9] m from the customer/)",
            run() {
                const calls = window.dealerWeComCalls.map((call) => call[0]).join(",");
                const config = window.dealerWeComCalls.find((call) => call[0] === "config")[1];
                if (calls !== "config,ready,getLocation,chooseImage,uploadImage" ||
                    !/^[0-9a-f]{40}$/.test(config.signature) ||
                    JSON.stringify(window.dealerWeComCalls[3][1]) !== '["camera"]') {
                    throw new Error(`unexpected WeCom calls: ${JSON.stringify(window.dealerWeComCalls)}`);
                }
            },
        },
    ],
});
