/** Add a Student → enroll → Student Info shows the enrollment. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("fl_add_student", {
    url: "/odoo/action-focus_transfers.fl_add_student_wizard_action",
    steps: () => [
        {
            content: "First name",
            trigger: ".modal div[name=first_name] input",
            run: "edit Tourist",
        },
        {
            content: "Last name",
            trigger: ".modal div[name=last_name] input",
            run: "edit Pathfinder",
        },
        {
            content: "Birthdate",
            trigger: ".modal div[name=birthdate] input",
            run: "edit 03/14/2016",
        },
        {
            content: "School",
            trigger: ".modal div[name=school_id] input",
            run: "edit Tour School",
        },
        {
            trigger: ".ui-autocomplete a:contains(Tour School)",
            run: "click",
        },
        {
            content: "Grade level",
            trigger: ".modal div[name=grade_level_id] input",
            run: "edit Grade 4",
        },
        {
            trigger: ".ui-autocomplete a:contains(Grade 4)",
            run: "click",
        },
        {
            content: "School year",
            trigger: ".modal div[name=school_year_id] input",
            run: "edit 2040-2041",
        },
        {
            trigger: ".ui-autocomplete a:contains(2040-2041)",
            run: "click",
        },
        {
            content: "Enrollment date",
            trigger: ".modal div[name=enrollment_date] input",
            run: "edit 08/20/2040",
        },
        {
            content: "Continue",
            trigger: ".modal-footer button[name=action_enroll]",
            run: "click",
        },
        {
            content: "Student Info opens on the new student",
            trigger: ".o_form_view .oe_title:contains(Tourist Pathfinder)",
        },
        {
            content: "Enrollment tab",
            trigger: ".o_notebook a[name=enrollment]",
            run: "click",
        },
        {
            content: "The enrollment is listed",
            trigger: ".o_field_widget[name=enrollment_ids] .o_data_row:contains(Tour School):contains(Grade 4)",
        },
    ],
});
