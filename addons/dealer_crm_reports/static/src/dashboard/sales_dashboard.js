import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatMonetary } from "@web/views/fields/formatters";
import { Component, onWillStart, useState } from "@odoo/owl";

/**
 * The management dashboard: a month's key figures against the month before,
 * the TOP customers and the head of the leaderboard. One card per figure,
 * two to a row on a phone; each card opens the analysis behind it.
 */
export class DealerSalesDashboard extends Component {
    static template = "dealer_crm_reports.SalesDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ period: "month", data: null });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("dealer.sales.dashboard", "get_dashboard", [], {
            period: this.state.period,
        });
    }

    async selectPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    formatValue(value, monetary, percent) {
        if (percent) {
            return `${value.toFixed(1)}%`;
        }
        if (monetary) {
            return formatMonetary(value, { currencyId: this.state.data.currency_id, digits: [16, 0] });
        }
        return String(Math.round(value));
    }

    formatChange(change) {
        return change === null || change === undefined ? "" : `${change > 0 ? "+" : ""}${change}%`;
    }

    /** The analysis behind a figure: its own action, else salesperson performance. */
    openKpi(kpi) {
        this.action.doAction(kpi.action || "dealer_crm_reports.dealer_salesperson_performance_action");
    }

    openTopCustomers() {
        this.action.doAction("dealer_crm_reports.dealer_customer_ranking_action");
    }

    openLeaderboard() {
        this.action.doAction("dealer_crm_reports.dealer_sales_leaderboard_action");
    }

    async print() {
        const action = await this.orm.call("dealer.sales.dashboard", "action_print_monthly_report", [], {
            period: this.state.period,
        });
        await this.action.doAction(action);
    }
}

registry.category("actions").add("dealer_crm_reports.sales_dashboard", DealerSalesDashboard);
