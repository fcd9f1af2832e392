import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Component, onWillStart, useState } from "@odoo/owl";
import { locateDevice } from "@dealer_crm_field/checkin/checkin_action";

export const RADII_M = [1000, 5000, 20000];

/**
 * Customers near me, on the phone: the 20 nearest customers the user may see
 * within a radius of where the device is, with their distance, direction,
 * owner and whether they wait in a public pool; Check In and Add to Today's
 * Plan on each, and Plan my Day from here. The server decides who sees what (``dealer_nearby``).
 */
export class DealerNearbyAction extends Component {
    static template = "dealer_crm_route.NearbyAction";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.radii = RADII_M;
        this.state = useState({
            position: null,
            locating: false,
            error: "",
            radius: 5000,
            rows: null,
            planned: {},
        });
        onWillStart(() => {
            this.refresh();
        });
    }

    async refresh() {
        this.state.locating = true;
        this.state.error = "";
        try {
            this.state.position = await locateDevice();
        } catch (error) {
            this.state.error = error.message;
            return;
        } finally {
            this.state.locating = false;
        }
        await this.search();
    }

    async search() {
        const { latitude, longitude } = this.state.position;
        this.state.rows = await this.orm.call("res.partner", "dealer_nearby", [latitude, longitude], {
            radius_m: this.state.radius,
        });
    }

    async setRadius(radius) {
        this.state.radius = radius;
        if (this.state.position) {
            await this.search();
        }
    }

    radiusText(metres) {
        return _t("%(km)s km", { km: metres / 1000 });
    }

    distanceText(metres) {
        return metres < 1000
            ? _t("%(m)s m", { m: metres })
            : _t("%(km)s km", { km: (metres / 1000).toFixed(1) });
    }

    /** Plan my Day from where the phone is: today's plan, routed from here. */
    async planMyDay() {
        const { latitude, longitude } = this.state.position;
        const action = await this.orm.call("dealer.visit.plan", "action_plan_my_day", [latitude, longitude]);
        return this.action.doAction(action);
    }

    checkIn(row) {
        return this.action.doAction({
            type: "ir.actions.client",
            tag: "dealer_crm_field.checkin",
            params: { partner_id: row.id },
        });
    }

    async addToPlan(row) {
        const result = await this.orm.call("dealer.visit.plan", "action_add_to_today", [row.id]);
        this.state.planned[row.id] = true;
        this.notification.add(
            _t("%(customer)s is stop %(number)s of today's plan.", {
                customer: row.name,
                number: result.sequence,
            }),
            { type: "success" }
        );
    }
}

registry.category("actions").add("dealer_crm_route.nearby", DealerNearbyAction);
