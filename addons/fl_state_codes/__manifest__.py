{
    "name": "Florida DOE State Codes",
    "summary": "Florida DOE code tables: districts, schools, entry/withdrawal codes, "
    "grade levels, ESE and the FASTER code sets",
    "version": "18.0.1.0.0",
    "category": "Education",
    "website": "https://github.com/fl-student-transfers/fl-student-transfers",
    "author": "FL Student Transfers contributors",
    "maintainers": ["fl-student-transfers"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["base"],
    "data": [],
    "installable": True,
}
