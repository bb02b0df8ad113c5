/** @odoo-module **/
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { queryFirst, waitFor, waitUntil } from "@odoo/hoot-dom";
import { waitForStable } from "@web/core/macro";

/**
 * A CRM salesperson wins a deal and sees its after-sale callbacks (CB-02,
 * CB-03); callback staff fill a callback record with its questionnaire
 * (CB-09, CB-10, CB-12). Run by odoo-bin as the real roles, in English and in
 * Simplified Chinese (tests/test_tours_callback.py).
 */

/** A step that finds ``selector`` and checks it shows the label of the
 * user's language. */
export function labelStep(selector, labels) {
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

registry.category("web_tour.tours").add("customer_callback_win_deal", {
    url: "/odoo/action-crm.crm_lead_action_pipeline",
    steps: () => [
        {
            content: "the deal in the pipeline",
            trigger: ".o_kanban_record:contains('Tour Deal')",
            run: "click",
        },
        {
            content: "win it",
            trigger: ".o_form_view button[name=action_set_won_rainbowman]",
            run: "click",
        },
        {
            content: "the deal is won",
            trigger: ".o_form_view .ribbon",
        },
        stepUtils.showAppsMenuItem(),
        {
            content: "the Callbacks app",
            trigger: ".o_app[data-menu-xmlid='customer_callback.customer_callback_menu_root']",
            run: "click",
        },
        {
            content: "the after-sale callback of the customer, planned for me",
            trigger: ".o_list_view .o_data_row:contains('Tour Buyer')",
        },
        labelStep(".o_breadcrumb .active", { en_US: "Callback Plans", zh_CN: "回访计划" }),
    ],
});

const ANSWERS = ".o_field_widget[name=answer_ids]";
const WAIT = { timeout: 10000 };

/** The staff member scores ``question``: its row, shown by the questionnaire
 * (CB-10), or else a row they add for it. */
function answer(question, score) {
    return {
        content: `answer ${question}: ${score}`,
        trigger: ANSWERS,
        timeout: 30000,
        async run(helpers) {
            const row = queryFirst(`${ANSWERS} .o_data_row:contains('${question}')`);
            if (row) {
                await helpers.click(row.querySelector("td[name=score]"));
                // the click saves the row left and selects this one
                await waitUntil(() => row.classList.contains("o_selected_row"), WAIT);
                await helpers.edit(String(score), row.querySelector("td[name=score] input"));
                return;
            } else {
                await helpers.click(`${ANSWERS} .o_field_x2many_list_row_add a`);
                // the list may render the new row again when the previous
                // row's save returns: type until the question is offered
                let offered = null;
                for (let tries = 0; !offered && tries < 10; tries++) {
                    await waitForStable(document.body, 250);
                    await helpers.edit(
                        question,
                        await waitFor(`${ANSWERS} .o_selected_row td[name=question_id] input`, WAIT)
                    );
                    offered = await waitFor(
                        `.o-autocomplete--dropdown-item:contains('${question}')`,
                        { timeout: 3000 }
                    ).catch(() => null);
                }
                await helpers.click(offered);
                await waitForStable(document.body, 250);
                await helpers.click(await waitFor(`${ANSWERS} .o_selected_row td[name=score]`, WAIT));
            }
            await helpers.edit(
                String(score),
                await waitFor(`${ANSWERS} .o_selected_row td[name=score] input`, WAIT)
            );
        },
    };
}

registry.category("web_tour.tours").add("customer_callback_fill_record", {
    url: "/odoo/action-customer_callback.callback_plan_action",
    steps: () => [
        {
            content: "my planned callback",
            trigger: ".o_data_row td[name=partner_id]:contains('Tour Client')",
            run: "click",
        },
        labelStep(".o_form_view button[name=action_new_record]", {
            en_US: "Log Callback",
            zh_CN: "登记回访",
        }),
        {
            content: "log the callback",
            trigger: ".o_form_view button[name=action_new_record]",
            run: "click",
        },
        labelStep(".o_notebook .nav-link[name=answers]", { en_US: "Answers", zh_CN: "答卷" }),
        {
            trigger: ".o_form_view div[name=contact_name] input",
            run: "edit Mrs Tour",
        },
        answer("Tour question 1", 5),
        answer("Tour question 2", 4),
        answer("Tour question 3", 4),
        {
            content: "file the report (CB-12)",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "the record is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
