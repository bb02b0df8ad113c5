/** @odoo-module **/
import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

// while the bus is disconnected, the screen reloads this often
export const FALLBACK_RELOAD_MS = 5 * 60 * 1000;
// this browser tab's id: the server echoes it in the floor's bus notification
// so that the tab skips the reload its own action already did
export const TAB_TOKEN = Math.random().toString(36).slice(2, 14) || "board";
// loads of the board in this tab (shown on the screen for the tours)
const loads = { count: 0 };
// screens listening to each floor channel in this tab: a screen that is
// replaced (soft reload) mounts its successor before it unmounts, so the
// channel is left only when its last screen goes
const listeners = new Map();

/**
 * The receptionist's screen (RR-01..RR-16): who is next, who is serving, who
 * is away, the make-ups; one click per kind of walk-in, the incoming call and
 * the manager's override. Every decision is taken on the server by the
 * rotation engine. The screen reloads once after each of its actions, and
 * when Odoo's bus says that another desk or a salesperson changed the floor
 * (a 5-minute reload only while the bus is disconnected).
 */
export class ReceptionBoard extends Component {
    static template = "reception_rotation.ReceptionBoard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.busService = useService("bus_service");
        this.state = useState({ data: null, busy: false, loads: loads.count });
        const context = this.props.action.context || {};
        this.floorId = context.active_id || context.default_floor_id || false;
        this.channel = null;
        this.loading = null;
        this.reloadAgain = false;
        this.fallbackTimer = null;
        this.onBoardNotification = this.onBoardNotification.bind(this);
        this.onDisconnect = this.onDisconnect.bind(this);
        this.onReconnect = this.onReconnect.bind(this);
        this.busService.subscribe("reception_rotation/board", this.onBoardNotification);
        this.busService.addEventListener("disconnect", this.onDisconnect);
        this.busService.addEventListener("reconnect", this.onReconnect);
        onWillStart(async () => {
            await this.load();
            this.listen();
        });
        onWillUnmount(() => {
            this.busService.unsubscribe("reception_rotation/board", this.onBoardNotification);
            this.busService.removeEventListener("disconnect", this.onDisconnect);
            this.busService.removeEventListener("reconnect", this.onReconnect);
            if (this.channel) {
                const count = listeners.get(this.channel) - 1;
                if (count) {
                    listeners.set(this.channel, count);
                } else {
                    listeners.delete(this.channel);
                    this.busService.deleteChannel(this.channel);
                }
            }
            clearInterval(this.fallbackTimer);
        });
    }

    get context() {
        return { reception_board_token: TAB_TOKEN };
    }

    listen() {
        if (!this.floorId) {
            return;
        }
        this.channel = `reception_rotation.board:${this.floorId}`;
        const count = listeners.get(this.channel) || 0;
        listeners.set(this.channel, count + 1);
        if (!count) {
            this.busService.addChannel(this.channel);
        }
    }

    /** Reload through the server query; a reload asked for while one runs
     * is done once after it. */
    async load() {
        if (this.loading) {
            this.reloadAgain = true;
            return this.loading;
        }
        this.loading = (async () => {
            try {
                do {
                    this.reloadAgain = false;
                    const data = await this.orm.call("reception.floor", "get_board_data", [
                        this.floorId,
                    ]);
                    loads.count++;
                    this.floorId = data.floor_id;
                    this.state.data = data;
                    this.state.loads = loads.count;
                } while (this.reloadAgain);
            } finally {
                this.loading = null;
            }
        })();
        return this.loading;
    }

    onBoardNotification(payload) {
        if (payload.floor_id !== this.floorId || payload.token === TAB_TOKEN) {
            return;
        }
        this.load();
    }

    onDisconnect() {
        clearInterval(this.fallbackTimer);
        this.fallbackTimer = setInterval(() => this.load(), FALLBACK_RELOAD_MS);
    }

    onReconnect() {
        clearInterval(this.fallbackTimer);
        this.fallbackTimer = null;
        // changes may have been missed while disconnected
        this.load();
    }

    /** An action done here by RPC, then one reload. */
    async run(callback) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            await callback();
        } finally {
            this.state.busy = false;
            await this.load();
        }
    }

    /** A wizard: the board is reloaded by its result (its soft reload, or
     * the bus when it is confirmed elsewhere), not when it opens. */
    async openWizard(method, context = {}) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            const action = await this.orm.call("reception.floor", method, [[this.floorId]], {
                context,
            });
            action.context = { ...(action.context || {}), ...this.context };
            await this.actionService.doAction(action);
        } finally {
            this.state.busy = false;
        }
    }

    walkIn(visitType) {
        return this.openWizard("action_open_walkin", { default_visit_type: visitType });
    }

    incomingCall() {
        return this.run(async () => {
            const action = await this.orm.call(
                "reception.floor",
                "action_incoming_call",
                [[this.floorId]],
                { context: this.context }
            );
            this.notification.add(action.params.message, { type: "info" });
        });
    }

    override() {
        return this.openWizard("action_open_override");
    }

    setStatus(line, method) {
        return this.run(() =>
            this.orm.call("reception.roster.line", method, [[line.id]], {
                context: this.context,
            })
        );
    }

    async openVisits() {
        const action = await this.orm.call("reception.floor", "action_open_visits", [
            [this.floorId],
        ]);
        await this.actionService.doAction(action);
    }

    statusClass(line) {
        return (
            {
                on_duty: "text-bg-success",
                away: "text-bg-danger",
                away_notice: "text-bg-warning",
                business: "text-bg-info",
                off: "text-bg-secondary",
            }[line.status] || "text-bg-light"
        );
    }
}

registry.category("actions").add("reception_rotation.board", ReceptionBoard);
