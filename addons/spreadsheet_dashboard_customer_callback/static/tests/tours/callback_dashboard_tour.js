/** @odoo-module **/
/* global odoo */
import { registry } from "@web/core/registry";

/** The spreadsheet model of the dashboard on screen (owl component tree). */
function dashboardModel() {
    const stack = [odoo.__WOWL_DEBUG__.root.__owl__];
    while (stack.length) {
        const node = stack.pop();
        const model = node.component?.state?.activeDashboard?.model;
        if (model) {
            return model;
        }
        stack.push(...Object.values(node.children));
    }
    return undefined;
}

/** Waits until every data-source formula of the dashboard has evaluated:
 * the scorecards' figures (sheet Data, column B) are numbers and no table of
 * the dashboard sheet is an error; returns the figures by label. */
async function loadedFigures() {
    for (let attempt = 0; attempt < 150; attempt++) {
        const model = dashboardModel();
        if (model) {
            const getters = model.getters;
            const dataId = getters.getSheetIdByName("Data");
            const figures = {};
            let loaded = true;
            for (let row = 0; row < 6; row++) {
                const label = getters.getEvaluatedCell({ sheetId: dataId, col: 0, row });
                const value = getters.getEvaluatedCell({ sheetId: dataId, col: 1, row });
                if (typeof value.value !== "number") {
                    loaded = false;
                }
                figures[label.value] = value.value;
            }
            const mainId = getters.getSheetIdByName("Dashboard");
            for (const [xc, cell] of Object.entries(getters.getCells(mainId))) {
                const position = getters.getCellPosition(cell.id);
                const evaluated = getters.getEvaluatedCell(position);
                if (evaluated.type === "error") {
                    if (evaluated.value === "Loading...") {
                        loaded = false;
                    } else {
                        throw new Error(`cell ${xc}: ${evaluated.message || evaluated.value}`);
                    }
                }
            }
            if (loaded) {
                return figures;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the callback dashboard's figures did not load");
}

registry.category("web_tour.tours").add("spreadsheet_dashboard_customer_callback_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        {
            content: "Open the Callbacks dashboard",
            trigger: ".o_search_panel li[data-name='Callbacks']",
            // the first visit builds the spreadsheet's asset bundle
            timeout: 60000,
            run: "click",
        },
        {
            content: "The callback rate scorecard is on screen",
            trigger: ".o-spreadsheet canvas.o-scorecard[title='Callback rate (%)']",
            timeout: 60000,
        },
        {
            content: "The figures come from the demo callbacks",
            trigger: ".o-spreadsheet canvas.o-scorecard[title='Missed plans']",
            async run() {
                const figures = await loadedFigures();
                const rate = figures["Callback rate (%)"];
                if (!(rate > 0 && rate <= 100)) {
                    throw new Error(`callback rate ${rate}`);
                }
                if (!(figures["Missed plans"] > 0)) {
                    throw new Error(`missed plans ${figures["Missed plans"]}`);
                }
                document.body.classList.add("o_callback_dashboard_loaded");
            },
        },
        {
            content: "Done",
            trigger: "body.o_callback_dashboard_loaded",
        },
    ],
});
