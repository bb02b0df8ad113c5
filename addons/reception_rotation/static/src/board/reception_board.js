/** @odoo-module **/
import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The receptionist's screen (RR-01..RR-16): who is next, who is serving, who
 * is away, the make-ups; one click per kind of walk-in, the incoming call and
 * the manager's override. Every decision is taken on the server by the
 * rotation engine; the screen reloads after each action and every 15 s.
 */
export class ReceptionBoard extends Component {
    static template = "reception_rotation.ReceptionBoard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.notification = useService("notification");
        this.state = useState({ data: null, busy: false });
        const context = this.props.action.context || {};
        this.floorId = context.active_id || context.default_floor_id || false;
        onWillStart(() => this.load());
        this.timer = setInterval(() => this.load(), 15000);
        onWillUnmount(() => clearInterval(this.timer));
    }

    async load() {
        const data = await this.orm.call("reception.floor", "get_board_data", [
            this.floorId,
        ]);
        this.floorId = data.floor_id;
        this.state.data = data;
    }

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

    walkIn(visitType) {
        return this.run(async () => {
            const action = await this.orm.call(
                "reception.floor",
                "action_open_walkin",
                [[this.floorId]],
                { context: { default_visit_type: visitType } }
            );
            await this.actionService.doAction(action, { onClose: () => this.load() });
        });
    }

    incomingCall() {
        return this.run(async () => {
            const action = await this.orm.call("reception.floor", "action_incoming_call", [
                [this.floorId],
            ]);
            this.notification.add(action.params.message, { type: "info" });
        });
    }

    override() {
        return this.run(async () => {
            const action = await this.orm.call("reception.floor", "action_open_override", [
                [this.floorId],
            ]);
            await this.actionService.doAction(action, { onClose: () => this.load() });
        });
    }

    setStatus(line, method) {
        return this.run(() => this.orm.call("reception.roster.line", method, [[line.id]]));
    }

    openVisits() {
        return this.run(async () => {
            const action = await this.orm.call("reception.floor", "action_open_visits", [
                [this.floorId],
            ]);
            await this.actionService.doAction(action);
        });
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
