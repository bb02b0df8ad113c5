/** @odoo-module **/
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";
import { labelStep } from "@customer_callback/../tests/tours/customer_callback_tours";

/**
 * HR approves a submitted scorecard and exports the quarter's assessment
 * sheet (KPI-08, KPI-13), run by odoo-bin as the HR approver, in English and
 * in Simplified Chinese (tests/test_kpi_tours.py). The sheet's content is
 * tested in Python (test_kpi_xlsx.py); here the export's result is checked.
 */

registry.category("web_tour.tours").add("callback_kpi_hr_approve_export", {
    url: "/odoo/action-callback_kpi.kpi_scorecard_action",
    steps: () => [
        {
            content: "the submitted scorecard of the staff member",
            trigger: ".o_data_row td[name=employee_id]:contains('Tour Scored Staff')",
            run: "click",
        },
        labelStep(".o_form_view button[name=action_approve]", {
            en_US: "Approve",
            zh_CN: "批准",
        }),
        {
            content: "approve it (KPI-08)",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
        {
            content: "the assessment sheet",
            trigger: ".o_main_navbar [data-menu-xmlid='callback_kpi.kpi_reporting_menu']",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu [data-menu-xmlid='callback_kpi.kpi_sheet_export_menu']",
            run: "click",
        },
        labelStep(".modal button[name=action_export]", {
            en_US: "Export XLSX",
            zh_CN: "导出 XLSX",
        }),
        {
            trigger: ".modal div[name=year] input",
            run: "edit 2025",
        },
        {
            trigger: ".modal div[name=quarter] select",
            run: 'select "1"',
        },
        {
            content: "export",
            trigger: ".modal button[name=action_export]",
            run: "click",
        },
        {
            content: "the sheet was written for download",
            trigger: "body",
            async run() {
                for (let tries = 0; tries < 100; tries++) {
                    const done = await rpc("/web/dataset/call_kw/kpi.sheet.export/search_read", {
                        model: "kpi.sheet.export",
                        method: "search_read",
                        args: [[["file_name", "!=", false]], ["file_name"]],
                        kwargs: {},
                    });
                    if (done.length) {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 200));
                }
                throw new Error("the assessment sheet was not exported");
            },
        },
    ],
});
