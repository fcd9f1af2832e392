/* global L */
import { loadCSS, loadJS } from "@web/core/assets";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";

const LEAFLET = "/dealer_crm_route/static/lib/leaflet";
// Where the map opens when it has nothing to show: 上海.
const DEFAULT_CENTRE = [31.2304, 121.4737];
const DEFAULT_ZOOM = 11;

/** A text for a popup, never HTML: customers' names are the users' input. */
function textNode(lines) {
    const element = document.createElement("div");
    for (const line of lines.filter(Boolean)) {
        const row = document.createElement("div");
        row.textContent = line;
        element.appendChild(row);
    }
    return element;
}

/**
 * The map of the field work: the customers the user may see (in a pool or
 * not), a salesperson's plan of a day with its route drawn in order, and the
 * check-ins of that day (suspicious ones in red). The server gives every
 * position in the coordinate system of the company's tiles; without tiles,
 * or when they fail to load, the markers and the route show on a plain
 * background.
 */
export class DealerMapAction extends Component {
    static template = "dealer_crm_route.MapAction";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.mapRef = useRef("map");
        const params = this.props.action.params || {};
        this.state = useState({
            data: null,
            userId: params.user_id || false,
            day: params.day || false,
            tilesFailed: false,
            show: { customers: true, plan: true, checkins: true },
        });
        onWillStart(async () => {
            await Promise.all([loadJS(`${LEAFLET}/leaflet.js`), loadCSS(`${LEAFLET}/leaflet.css`)]);
            await this.load();
        });
        onMounted(() => this.draw(true));
        onWillUnmount(() => this.map && this.map.remove());
    }

    async load() {
        this.state.data = await this.orm.call("dealer.visit.plan", "dealer_map_data", [], {
            user_id: this.state.userId,
            day: this.state.day,
        });
        this.state.userId = this.state.data.salesperson.id;
        this.state.day = this.state.data.day;
    }

    get tilesMissing() {
        return !this.state.data.tiles || this.state.tilesFailed;
    }

    get stops() {
        return (this.state.data.plan && this.state.data.plan.stops) || [];
    }

    stateLabel(state) {
        return {
            planned: _t("Planned"),
            visited: _t("Visited"),
            skipped: _t("Skipped"),
            missed: _t("Missed"),
        }[state];
    }

    timeText(value) {
        return value ? formatDateTime(deserializeDateTime(value), { format: "HH:mm" }) : "";
    }

    async onSalespersonChange(ev) {
        this.state.userId = parseInt(ev.target.value);
        await this.load();
        this.draw(true);
    }

    async onDayChange(ev) {
        if (!ev.target.value) {
            return;
        }
        this.state.day = ev.target.value;
        await this.load();
        this.draw(true);
    }

    toggle(layer) {
        this.state.show[layer] = !this.state.show[layer];
        this.draw(false);
    }

    focusStop(stop) {
        if (stop.position) {
            this.map.setView(stop.position, Math.max(this.map.getZoom(), 15));
        }
    }

    openPlan() {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "dealer.visit.plan",
            res_id: this.state.data.plan.id,
            views: [[false, "form"]],
        });
    }

    createMap() {
        const tiles = this.state.data.tiles;
        this.map = L.map(this.mapRef.el, { zoomControl: true });
        this.map.attributionControl.setPrefix(false);
        if (tiles) {
            const layer = L.tileLayer(tiles.url, {
                subdomains: tiles.subdomains || "abc",
                maxZoom: tiles.max_zoom,
                attribution: "",
            });
            // The provider's credit, as text.
            this.map.attributionControl.addAttribution(textNode([tiles.attribution]).innerHTML);
            layer.on("tileerror", () => {
                this.state.tilesFailed = true;
            });
            layer.addTo(this.map);
        }
        this.markers = L.layerGroup().addTo(this.map);
    }

    draw(fit) {
        if (!this.map) {
            this.createMap();
        }
        const data = this.state.data;
        const show = this.state.show;
        this.markers.clearLayers();
        const bounds = [];
        if (show.customers) {
            for (const customer of data.customers) {
                L.circleMarker(customer.position, {
                    radius: 6,
                    weight: 1,
                    fillOpacity: 0.7,
                    className: customer.in_pool ? "o_dealer_map_customer o_dealer_map_pool" : "o_dealer_map_customer",
                })
                    .bindPopup(textNode([
                        customer.name,
                        customer.in_pool ? _t("In a public pool") : customer.owner,
                    ]))
                    .addTo(this.markers);
            }
        }
        if (show.plan && data.plan) {
            const path = [data.plan.start, ...this.stops.map((stop) => stop.position)].filter(Boolean);
            if (path.length > 1) {
                L.polyline(path, { weight: 4, className: "o_dealer_map_route" }).addTo(this.markers);
            }
            this.stops.forEach((stop, index) => {
                if (!stop.position) {
                    return;
                }
                bounds.push(stop.position);
                L.marker(stop.position, {
                    icon: L.divIcon({
                        className: `o_dealer_map_stop o_dealer_map_stop_${stop.state}`,
                        html: `<span>${index + 1}</span>`,
                        iconSize: [26, 26],
                    }),
                    title: stop.customer,
                })
                    .bindPopup(textNode([
                        `${index + 1}. ${stop.customer}`,
                        [this.timeText(stop.time), this.stateLabel(stop.state)].filter(Boolean).join(" · "),
                    ]))
                    .addTo(this.markers);
            });
            if (data.plan.start) {
                bounds.push(data.plan.start);
            }
        }
        if (show.checkins) {
            for (const checkin of data.checkins) {
                if (!checkin.position) {
                    continue;
                }
                bounds.push(checkin.position);
                L.circleMarker(checkin.position, {
                    radius: 8,
                    weight: 2,
                    fillOpacity: 0.9,
                    className: checkin.suspicious
                        ? "o_dealer_map_checkin o_dealer_map_suspicious"
                        : "o_dealer_map_checkin",
                })
                    .bindPopup(textNode([
                        checkin.customer,
                        this.timeText(checkin.time),
                        checkin.suspicious ? _t("Suspicious") : "",
                    ]))
                    .addTo(this.markers);
            }
        }
        if (fit) {
            const all = bounds.length ? bounds : data.customers.map((customer) => customer.position);
            if (all.length) {
                this.map.fitBounds(L.latLngBounds(all), { padding: [30, 30], maxZoom: 15 });
            } else {
                this.map.setView(DEFAULT_CENTRE, DEFAULT_ZOOM);
            }
        }
    }
}

registry.category("actions").add("dealer_crm_route.map", DealerMapAction);
