/** Focus Transfers requests in the web client: approve an incoming request,
 * cancel an outgoing one (seed 000, Focus Transfers > Incoming / Outgoing). */
import { registry } from "@web/core/registry";

const CURRENT = ".o_field_statusbar button.o_arrow_button_current";

registry.category("web_tour.tours").add("fl_transfer_approve", {
    url: "/odoo/action-focus_transfers.fl_transfer_request_action_incoming",
    steps: () => [
        {
            content: "The pending incoming request is listed",
            trigger: ".o_list_view .o_data_row:contains(Pending) .o_data_cell[name=student_name]:contains(Tourmaline, Quill)",
            run: "click",
        },
        {
            content: "Approve",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
            run: "click",
        },
        {
            content: "The request is approved",
            trigger: `${CURRENT}:contains(Approved)`,
        },
        {
            content: "Approve is gone",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name=action_approve]))",
        },
    ],
});

registry.category("web_tour.tours").add("fl_transfer_cancel", {
    url: "/odoo/action-focus_transfers.fl_transfer_request_action_outgoing",
    steps: () => [
        {
            content: "The pending outgoing request is listed",
            trigger: ".o_list_view .o_data_row:contains(Pending) .o_data_cell[name=student_name]:contains(Larkfield, Juniper)",
            run: "click",
        },
        {
            content: "Cancel Request",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_cancel]",
            run: "click",
        },
        {
            content: "The request is cancelled",
            trigger: `${CURRENT}:contains(Cancelled)`,
        },
    ],
});

registry.category("web_tour.tours").add("fl_transfer_submit", {
    steps: () => [
        {
            content: "The enrollment has a Prior District",
            trigger: ".o_form_view .o_field_widget[name=prior_district_id] input:value(61 - Suwannee)",
        },
        {
            content: "Submit Focus Transfer Request",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_submit_transfer_request]",
            run: "click",
        },
        {
            content: "The outgoing request opens, addressed to district 61 (read-only)",
            trigger: ".o_form_view .o_field_widget[name=district_id]:not(:has(input)):contains(61 - Suwannee)",
        },
        {
            content: "It is pending",
            trigger: `.o_form_view:has(.o_field_widget[name=remote_reference]) ${CURRENT}:contains(Pending)`,
        },
        {
            content: "It carries the other district's reference (hidden when empty)",
            trigger: ".o_form_view .o_field_widget[name=remote_reference]",
        },
    ],
});

registry.category("web_tour.tours").add("fl_transfer_outcome_import", {
    url: "/odoo/action-focus_transfers.fl_transfer_request_action_outgoing",
    steps: () => [
        {
            content: "The outgoing request came back approved by itself",
            trigger: ".o_list_view .o_data_row:contains(Approved) .o_data_cell[name=student_name]:contains(Ashgrove, Rowan)",
            run: "click",
        },
        {
            content: "The registrar's activity says so",
            trigger: ".o-mail-Activity:contains(Approved by 61)",
        },
        {
            content: "Import data, where the activity leads",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_transfer_import]",
            run: "click",
        },
        {
            content: "The import wizard previews the records of district 61",
            trigger: ".modal .modal-title:contains(Import from 61)",
        },
        {
            content: "Import",
            trigger: ".modal button[name=action_import]",
            run: "click",
        },
        {
            content: "The pop-up closes, the activity is done",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(.o-mail-Activity))",
        },
    ],
});
