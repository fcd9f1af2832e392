import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { DealerNearbyAction } from "@dealer_crm_route/nearby/nearby_action";

patch(DealerNearbyAction.prototype, {
    /** Claim a pool customer (the pool's rules apply on the server), then list again. */
    async claim(row) {
        await this.orm.call("res.partner", "action_pool_claim", [[row.id]]);
        this.notification.add(_t("%(customer)s is yours now.", { customer: row.name }), { type: "success" });
        await this.search();
    },
});
