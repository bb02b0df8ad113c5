/** @odoo-module **/
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { user } from "@web/core/user";

/**
 * The receptionist's morning on the desk screen (RR-01..RR-05, RR-15) and the
 * floor manager's override, each run by odoo-bin as its real role, in English
 * and in Simplified Chinese (tests/test_tours_reception.py).
 */

const BOARD = ".o_reception_board";
const FLOOR = "Tour Showroom";

/** A step that finds ``selector`` and checks it shows the label of the
 * user's language. */
function label(selector, labels) {
    return {
        content: `label in ${user.lang}`,
        trigger: selector,
        run() {
            // user.lang is "zh-CN" in the web client, "zh_CN" on the server
            const expected = labels[user.lang.replace("-", "_")] || labels.en_US;
            if (!this.anchor.textContent.includes(expected)) {
                throw new Error(
                    `"${expected}" expected in ${user.lang}: "${this.anchor.textContent}"`
                );
            }
        },
    };
}

function card(seller) {
    return `${BOARD} .o_reception_line:contains('${seller}')`;
}

/** The board's load counter, checked against the one noted before. */
function loads() {
    return Number(document.querySelector(BOARD).dataset.loads);
}

function noteLoads() {
    return {
        content: "note the board's loads",
        trigger: `${BOARD}:not(:has(button:disabled))`,
        run() {
            window.__boardLoads = loads();
        },
    };
}

function loadedOnce(trigger, what) {
    return {
        content: `${what}: the board reloaded once`,
        trigger,
        run() {
            const extra = loads() - window.__boardLoads;
            if (extra !== 1) {
                throw new Error(`${what}: the board reloaded ${extra} times, not once`);
            }
        },
    };
}

function walkIn(visitType, name, phone, seller) {
    const steps = [
        noteLoads(),
        {
            content: `walk-in ${visitType}`,
            trigger: `${BOARD} .o_reception_walkin[data-visit-type=${visitType}]`,
            run: "click",
        },
    ];
    if (name) {
        steps.push(
            {
                trigger: ".modal div[name=customer_name] input",
                run: `edit ${name}`,
            },
            {
                trigger: ".modal div[name=phone] input",
                run: `edit ${phone}`,
            }
        );
    }
    steps.push(
        {
            content: "assign",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the walk-in form closed",
            trigger: `body:not(:has(.modal)) ${BOARD}`,
        },
        loadedOnce(`${card(seller)} .o_reception_serving`, `walk-in to ${seller}`)
    );
    return steps;
}

registry.category("web_tour.tours").add("reception_desk_morning", {
    url: "/odoo/action-reception_rotation.reception_roster_action",
    steps: () => [
        // the roster: yesterday's copied to today
        {
            content: "yesterday's roster of the floor",
            trigger: `.o_data_row td[name=floor_id]:contains('${FLOOR}')`,
            run: "click",
        },
        label("button[name=action_copy_to_tomorrow]", {
            en_US: "Copy to Next Day",
            zh_CN: "复制到次日",
        }),
        {
            content: "copy it to today",
            trigger: "button[name=action_copy_to_tomorrow]",
            run: "click",
        },
        {
            content: "today's roster has the six sellers",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('Tour Seller 6')",
        },
        // the desk screen of the floor
        {
            content: "the floors",
            trigger: ".o_main_navbar [data-menu-xmlid='reception_rotation.reception_floor_menu']",
            run: "click",
        },
        {
            content: "the floor's desk screen",
            trigger: `.o_kanban_record:contains('${FLOOR}') button[name=action_open_board]`,
            run: "click",
        },
        {
            content: "the floor is shown",
            trigger: `${BOARD} h2:contains('${FLOOR}')`,
        },
        label(`${BOARD} .o_reception_call`, { en_US: "Incoming Call", zh_CN: "来电" }),
        label(`${BOARD} .fs-4`, { en_US: "Next up", zh_CN: "下一位" }),
        {
            content: "seller 1 is next",
            trigger: `${BOARD} .o_reception_next:contains('Tour Seller 1')`,
        },
        // three walk-ins: RR-01, in roster order
        ...walkIn("new", "Tour Customer A", "13600000001", "Tour Seller 1"),
        ...walkIn("new", "Tour Customer B", "13600000002", "Tour Seller 2"),
        // one away without notice: skipped, the turn forfeited (RR-03)
        noteLoads(),
        {
            content: "seller 3 steps away without notice",
            trigger: `${card("Tour Seller 3")} .o_reception_away`,
            run: "click",
        },
        loadedOnce(`${card("Tour Seller 3")}[data-status=away]`, "away"),
        ...walkIn("new", "Tour Customer C", "13600000003", "Tour Seller 4"),
        // a customer who already bought does not count: a make-up (RR-04, RR-05)
        ...walkIn("returning_bought", "Tour Customer E", "13600000005", "Tour Seller 5"),
        {
            content: "seller 5 holds a make-up",
            trigger: `${BOARD} .o_reception_makeups li:contains('Tour Seller 5')`,
        },
        label(`${BOARD} .o_reception_makeups h4`, { en_US: "Make-ups", zh_CN: "补接" }),
        // another desk sets seller 3 back: the screen follows through the bus
        noteLoads(),
        {
            content: "another desk sets seller 3 back on duty",
            trigger: `${card("Tour Seller 3")}[data-status=away]`,
            async run() {
                await rpc("/web/dataset/call_kw/reception.roster.line/action_set_on_duty", {
                    model: "reception.roster.line",
                    method: "action_set_on_duty",
                    args: [[Number(this.anchor.dataset.lineId)]],
                    kwargs: {},
                });
            },
        },
        loadedOnce(`${card("Tour Seller 3")}[data-status=on_duty]`, "the bus"),
    ],
});

registry.category("web_tour.tours").add("reception_floor_override", {
    url: "/odoo/action-reception_rotation.reception_floor_action",
    steps: () => [
        {
            content: "the floor's desk screen",
            trigger: `.o_kanban_record:contains('${FLOOR}') button[name=action_open_board]`,
            run: "click",
        },
        label(`${BOARD} .o_reception_override`, { en_US: "Override", zh_CN: "调整分配" }),
        {
            content: "override the order",
            trigger: `${BOARD} .o_reception_override`,
            run: "click",
        },
        {
            content: "to seller 6",
            trigger: ".modal div[name=employee_id] input",
            run: "edit Tour Seller 6",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Seller 6')",
            run: "click",
        },
        {
            trigger: ".modal div[name=customer_name] input",
            run: "edit Tour Customer D",
        },
        {
            trigger: ".modal div[name=phone] input",
            run: "edit 13600000004",
        },
        {
            content: "the reason",
            trigger: ".modal div[name=reason] textarea, .modal div[name=reason] input",
            run: "edit Speaks Cantonese",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the visit of the override",
            trigger: ".o_form_view .o_field_widget[name=server_id]:contains('Tour Seller 6')",
        },
    ],
});
