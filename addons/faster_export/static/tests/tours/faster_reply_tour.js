/** Answer FASTER Requests in the web client: the file of requests received
 * (set as the wizard's default by the test: a tour cannot pick a file) is
 * read, reviewed — one request found, one answered S02 — and queued. */
import { registry } from "@web/core/registry";

const ROW = ".modal-dialog .o_data_row";

registry.category("web_tour.tours").add("faster_reply_answer", {
    url: "/odoo/action-faster_export.faster_reply_wizard_action",
    steps: () => [
        {
            content: "Read the requests of the file",
            trigger: ".modal-dialog footer button[name=action_read]",
            run: "click",
        },
        {
            content: "The requested student is found",
            trigger: `${ROW}:contains(TOURMALINE) .o_data_cell[name=student_id]:contains(Quill Tourmaline)`,
        },
        {
            content: "Nobody of this district is the other one",
            trigger: `${ROW}:contains(NOBODY) .o_data_cell[name=note]:contains(No student found)`,
        },
        {
            content: "Answer S02 for that one",
            trigger: `${ROW}:contains(NOBODY) .o_data_cell[name=cannot_identify]`,
            run: "click",
        },
        {
            content: "Tick it",
            trigger: `${ROW}:contains(NOBODY) .o_data_cell[name=cannot_identify] input`,
            run: "check",
        },
        {
            content: "Both will be answered",
            trigger: ".modal-dialog .o_field_widget[name=answerable_count]:contains(2)",
        },
        {
            content: "Queue Replies",
            trigger: ".modal-dialog footer button[name=action_queue]",
            run: "click",
        },
        {
            content: "The two replies are queued, pending",
            trigger: ".o_list_view:not(:has(.modal-dialog)) .o_data_row:contains(Pending) + .o_data_row:contains(Pending)",
        },
    ],
});
