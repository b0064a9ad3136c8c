"""Give the six section rights to whoever held Import from External District.

Seed 000: "Any user profile that previously had Import from External District
permission automatically receives all five Focus Transfers sub-permissions" —
it lists six (Current Schedule, Demographics, ESE Exceptionalities, Grades,
Immunizations, Test History), and all six are granted. Administrators can then
remove them one by one. Running it twice changes nothing.
"""

from odoo import SUPERUSER_ID, Command, api

SECTION_GROUPS = (
    "focus_transfers.group_section_schedule",
    "focus_transfers.group_section_demographics",
    "focus_transfers.group_section_ese",
    "focus_transfers.group_section_grades",
    "focus_transfers.group_section_immunizations",
    "focus_transfers.group_section_tests",
)


def grant_sections(env):
    """Users and role groups holding the import right get the six sections."""
    importer = env.ref("focus_transfers.group_import_external")
    sections = [env.ref(xmlid) for xmlid in SECTION_GROUPS]
    links = [Command.link(group.id) for group in sections]
    # Role groups that carry the right directly, e.g. a "Registrar" profile.
    roles = env["res.groups"].search([("implied_ids", "in", importer.id)])
    for role in roles:
        role.implied_ids = links
    # Users who were given the right itself.
    users = (
        env["res.users"]
        .with_context(active_test=False)
        .search([("groups_id", "in", importer.id)])
    )
    users.write({"groups_id": links})
    return users, roles


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    grant_sections(env)
