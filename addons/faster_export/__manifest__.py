{
    "name": "FASTER Export",
    "summary": "faster_requests queue and the Outgoing MSIX FASTER Responses job "
    "that writes FASTER transcripts",
    "version": "18.0.1.0.0",
    "category": "Education",
    "website": "https://github.com/fl-student-transfers/fl-student-transfers",
    "author": "FL Student Transfers contributors",
    "maintainers": ["fl-student-transfers"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["focus_transfers"],
    "data": [],
    "installable": True,
}
