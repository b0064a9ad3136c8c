/** Import wizard: deselect a demographic field and a section, import. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("focus_transfers_import_tour", {
    steps: () => [
        {
            content: "Open the Import data pop-up from Primary Info",
            trigger: ".o_transfer_import_button",
            run: "click",
        },
        {
            content: "Untick the incoming Middle Name",
            trigger:
                ".modal .o_transfer_import_demographics .o_data_row:contains('Middle Name') .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Middle Name is unticked",
            trigger:
                ".modal .o_transfer_import_demographics .o_data_row:contains('Middle Name') .o_field_boolean_toggle input:not(:checked)",
        },
        {
            content: "Untick the Immunizations section",
            trigger:
                ".modal .o_transfer_import_sections .o_data_row:contains('Immunizations') .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Immunizations is unticked",
            trigger:
                ".modal .o_transfer_import_sections .o_data_row:contains('Immunizations') .o_field_boolean_toggle input:not(:checked)",
        },
        {
            content: "Open the Grades tab",
            trigger: ".modal .nav-link:contains('Grades')",
            run: "click",
        },
        {
            content: "A grade with a warning is shown in yellow",
            trigger: ".modal .o_data_row.text-warning",
        },
        {
            content: "Import",
            trigger: ".modal button[name=action_import]",
            run: "click",
        },
        {
            content: "The pop-up closes on the student",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
    ],
});
