import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Component, onWillStart, useState } from "@odoo/owl";

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres; the server computes the one it stores. */
export function haversine(latA, lngA, latB, lngB) {
    const rad = (degrees) => (degrees * Math.PI) / 180;
    const a =
        Math.sin(rad(latB - latA) / 2) ** 2 +
        Math.cos(rad(latA)) * Math.cos(rad(latB)) * Math.sin(rad(lngB - lngA) / 2) ** 2;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, a)));
}

/**
 * The device's position: ``{latitude, longitude, accuracy}`` (WGS-84, metres),
 * or an Error whose message, translated, says what to do.
 */
export function locateDevice() {
    return new Promise((resolve, reject) => {
        if (!navigator.geolocation) {
            reject(new Error(_t("This device cannot tell its position.")));
            return;
        }
        navigator.geolocation.getCurrentPosition(
            (position) =>
                resolve({
                    latitude: position.coords.latitude,
                    longitude: position.coords.longitude,
                    accuracy: position.coords.accuracy,
                }),
            (error) =>
                reject(
                    new Error(
                        error.code === 1
                            ? _t("Location is blocked: allow it for Odoo, or check in without GPS (flagged).")
                            : _t("The position could not be found; move outside or try again.")
                    )
                ),
            { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 }
        );
    });
}

/**
 * The phone screen of a check-in: the customer, where the device is and how
 * far that is from the customer's pin, photos from the camera, submit. Time,
 * distance and flags are decided by the server.
 */
export class DealerCheckinAction extends Component {
    static template = "dealer_crm_field.CheckinAction";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        const context = this.props.action.context || {};
        const params = this.props.action.params || {};
        this.eventId = params.event_id || context.event_id || false;
        this.state = useState({
            partner: null,
            query: "",
            matches: [],
            position: null,
            locating: false,
            locationError: "",
            photos: [],
            address: "",
            submitting: false,
            checkin: null,
        });
        onWillStart(async () => {
            const partnerId = params.partner_id || context.partner_id || context.default_partner_id;
            if (partnerId) {
                await this.selectPartner(partnerId);
            }
            this.locate();
        });
    }

    get distance() {
        const { partner, position } = this.state;
        if (!partner || !position || !(partner.partner_latitude || partner.partner_longitude)) {
            return null;
        }
        return Math.round(
            haversine(position.latitude, position.longitude, partner.partner_latitude, partner.partner_longitude)
        );
    }

    /** Where the salesperson came from (My Day, a plan, a customer), to go back to. */
    get previousBreadcrumb() {
        const breadcrumbs = this.env.config.breadcrumbs || [];
        return breadcrumbs.length > 1 ? breadcrumbs[breadcrumbs.length - 2] : null;
    }

    get backText() {
        return _t("Back to %(page)s", { page: this.previousBreadcrumb.name });
    }

    get checkedInText() {
        return _t("Checked in at %(customer)s", { customer: this.state.partner.display_name });
    }

    distanceText(distance) {
        return _t("%(distance)s m from the customer", { distance: Math.round(distance) });
    }

    async selectPartner(partnerId) {
        const [partner] = await this.orm.read(
            "res.partner",
            [partnerId],
            ["display_name", "partner_latitude", "partner_longitude"]
        );
        this.state.partner = partner;
        this.state.matches = [];
    }

    async searchPartners(ev) {
        this.state.query = ev.target.value;
        this.state.matches = this.state.query
            ? await this.orm.searchRead(
                  "res.partner",
                  [
                      ["is_dealer", "=", true],
                      ["is_company", "=", true],
                      ["name", "ilike", this.state.query],
                  ],
                  ["display_name"],
                  { limit: 8 }
              )
            : [];
    }

    async locate() {
        this.state.locating = true;
        this.state.locationError = "";
        try {
            this.state.position = await locateDevice();
        } catch (error) {
            this.state.locationError = error.message;
        } finally {
            this.state.locating = false;
        }
    }

    async addPhotos(ev) {
        for (const file of ev.target.files) {
            const dataUrl = await new Promise((resolve, reject) => {
                const reader = new FileReader();
                reader.onload = () => resolve(reader.result);
                reader.onerror = reject;
                reader.readAsDataURL(file);
            });
            this.state.photos.push({ name: file.name, dataUrl, data: dataUrl.split(",")[1] });
        }
        ev.target.value = "";
    }

    /** The values of a photo's ``dealer.checkin.photo``. */
    photoValues(photo) {
        return { name: photo.name, image: photo.data };
    }

    removePhoto(index) {
        this.state.photos.splice(index, 1);
    }

    async submit() {
        const { partner, position, photos } = this.state;
        this.state.submitting = true;
        try {
            const [checkinId] = await this.orm.create("dealer.checkin", [
                {
                    partner_id: partner.id,
                    event_id: this.eventId,
                    latitude: position ? position.latitude : false,
                    longitude: position ? position.longitude : false,
                    accuracy: position ? position.accuracy : false,
                    address: this.state.address.trim() || false,
                    photo_ids: photos.map((photo) => [0, 0, this.photoValues(photo)]),
                },
            ]);
            const [checkin] = await this.orm.read(
                "dealer.checkin",
                [checkinId],
                ["checkin_time", "distance", "is_flagged", "flag_outside_radius", "flag_no_gps",
                 "flag_low_accuracy", "flag_stale_photo", "pinned_customer", "photo_ids"]
            );
            this.state.checkin = checkin;
            this.notification.add(_t("Checked in at %s.", partner.display_name), { type: "success" });
        } finally {
            this.state.submitting = false;
        }
    }

    async checkOut() {
        const action = await this.orm.call("dealer.checkin", "action_check_out", [[this.state.checkin.id]]);
        await this.action.doAction(action);
    }

    openCheckin() {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "dealer.checkin",
            res_id: this.state.checkin.id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("dealer_crm_field.checkin", DealerCheckinAction);
