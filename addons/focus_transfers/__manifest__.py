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
        "security/ir.model.access-sis.csv",
        "views/fl_student_views.xml",
        "views/fl_school_views.xml",
        "wizards/add_student_wizard_views.xml",
        "views/focus_transfers_menus.xml",
    ],
    "demo": [
        "demo/fl_sis_demo.xml",
    ],
    "application": True,
    "installable": True,
}
