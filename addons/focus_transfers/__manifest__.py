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
    "data": [],
    "demo": [],
    "application": True,
    "installable": True,
}
