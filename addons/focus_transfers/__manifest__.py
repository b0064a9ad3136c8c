{
    "name": "Focus Student Transfers",
    "summary": "Student information core and real-time student record transfers "
    "between Florida districts",
    "version": "18.0.1.0.0",
    "category": "Education",
    "website": "https://github.com/fl-student-transfers/fl-student-transfers",
    "author": "FL Student Transfers contributors",
    "maintainers": ["fl-student-transfers"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["mail", "fl_state_codes"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        # academic records: base.group_user reads, base.group_system writes,
        # until the sis branch's permission groups land
        "security/ir.model.access-academic.csv",
        "data/fl_grading_scale_data.xml",
        "views/fl_course_views.xml",
        "views/fl_course_history_views.xml",
        "views/fl_student_record_views.xml",
        "views/fl_student_academic_views.xml",
        "views/fl_school_year_academic_views.xml",
        "security/ir.model.access-wizard.csv",
        "views/fl_transfer_import_log_views.xml",
        "views/fl_transfer_import_wizard_views.xml",
    ],
    "demo": [
        "demo/fl_academic_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "focus_transfers/static/tests/tours/transfer_import_tour.js",
        ],
    },
    "application": True,
    "installable": True,
}
