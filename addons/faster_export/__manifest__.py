{
    "name": "FASTER Export",
    "summary": "faster_requests queue and the Outgoing MSIX FASTER Responses job "
    "that writes FASTER transcripts",
    "version": "18.0.1.3.0",
    "category": "Education",
    "website": "https://github.com/fl-student-transfers/fl-student-transfers",
    "author": "FL Student Transfers contributors",
    "maintainers": ["fl-student-transfers"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["focus_transfers"],
    "external_dependencies": {"python": ["paramiko"]},
    "data": [
        "security/faster_export_groups.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/faster_request_views.xml",
        "views/fl_student_views.xml",
        "views/res_config_settings_views.xml",
        "views/faster_reply_wizard_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["faster_export/static/tests/tours/**/*"],
    },
    "installable": True,
}
