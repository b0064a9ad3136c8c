"""The permission matrix: each group, each operation, allowed or refused —
enforced by the server, not only hidden in views."""

import datetime
import importlib.util
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.focus_transfers.models.transfer_client import PeerError

from .common import SisCase

GROUPS = {
    "plain_user": "base.group_user",
    "transfers_view": "focus_transfers.group_focus_transfers_view",
    "transfers_edit": "focus_transfers.group_focus_transfers_edit",
    "importer": "focus_transfers.group_import_external",
    "transfer_to_view": "focus_transfers.group_transfer_to_view",
    "transfer_to_edit": "focus_transfers.group_transfer_to_edit",
    "registrar": "focus_transfers.group_registrar",
    "district_admin": "focus_transfers.group_district_transfer_admin",
}
# operation -> the groups allowed to do it (the others are refused)
MATRIX = {
    "read_students": set(GROUPS),
    "read_enrollments": set(GROUPS),
    "read_transfer_to": {
        "transfer_to_view",
        "transfer_to_edit",
        "registrar",
        "district_admin",
    },
    "write_transfer_to": {"transfer_to_edit", "registrar", "district_admin"},
    # issue 8: peers, the record of disclosures, submit and cancel
    "read_peers": {"district_admin"},
    "manage_peers": {"district_admin"},
    "read_peer_api_key": set(),  # Settings administrators only
    "read_disclosures": {
        "transfers_view",
        "transfers_edit",
        "registrar",
        "district_admin",
    },
    "submit_request": {"transfers_edit", "registrar", "district_admin"},
    "cancel_request": {"transfers_edit", "registrar", "district_admin"},
}
SECTIONS = (
    "group_section_schedule",
    "group_section_demographics",
    "group_section_ese",
    "group_section_grades",
    "group_section_immunizations",
    "group_section_tests",
)


@tagged("post_install", "-at_install")
class TestPermissionMatrix(SisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            name: new_test_user(cls.env, login=f"perm_{name}", groups=group)
            for name, group in GROUPS.items()
        }
        cls.enrollment = cls.enroll(
            drop_date=datetime.date(2030, 9, 1),
            withdrawal_code_id=cls.w3a.id,
            transfer_to_id=cls.other_district.id,
        )
        # a peer that does not answer (discard port): whoever gets past the
        # access checks meets seed 000's error, the others an AccessError
        cls.peer = cls.env["fl.transfer.peer"].create(
            {
                "district_id": cls.other_district.id,
                "base_url": "http://127.0.0.1:9",
                "api_key": "k" * 40,
            }
        )
        cls.returning = cls.enroll(
            day=datetime.date(2030, 10, 6), prior_district_id=cls.other_district.id
        )
        cls.outgoing = cls.env["fl.transfer.request"].create(
            {
                "direction": "outgoing",
                "student_id": cls.student.id,
                "first_name": "Avery",
                "last_name": "Thornbury",
                "birthdate": datetime.date(2015, 4, 2),
                "district_id": cls.env["fl.district"]._lookup("37").id,
                "enrollment_date": datetime.date(2030, 10, 6),
            }
        )
        cls.env["fl.transfer.disclosure"].create(
            {
                "student_id": cls.student.id,
                "district_id": cls.other_district.id,
                "basis": "transfer_to",
                "sections": "demographics",
            }
        )

    def _do(self, operation, user):
        enrollment = self.enrollment.with_user(user)
        if operation == "read_students":
            self.student.with_user(user).read(["name", "birthdate"])
        elif operation == "read_enrollments":
            enrollment.read(["school_id", "drop_date"])
        elif operation == "read_transfer_to":
            enrollment.read(["transfer_to_id"])
        elif operation == "write_transfer_to":
            enrollment.write(
                {"transfer_to_id": self.env["fl.district"]._lookup("37").id}
            )
        elif operation == "read_peers":
            self.peer.with_user(user).read(["district_id", "base_url"])
        elif operation == "manage_peers":
            self.peer.with_user(user).write({"enabled": False})
        elif operation == "read_peer_api_key":
            self.peer.with_user(user).read(["api_key"])
        elif operation == "read_disclosures":
            self.env["fl.transfer.disclosure"].with_user(user).search([]).read(
                ["sections"]
            )
        elif operation == "submit_request":
            try:
                self.returning.with_user(user).action_submit_transfer_request()
            except PeerError as error:
                self.assertIn("does not have Focus Student Transfers", str(error))
        elif operation == "cancel_request":
            self.outgoing.with_user(user).action_cancel()
            self.assertEqual(self.outgoing.state, "cancelled")

    def test_matrix(self):
        for operation, allowed in MATRIX.items():
            for name, user in self.users.items():
                with self.subTest(operation=operation, group=name):
                    if name in allowed:
                        with self.env.cr.savepoint() as savepoint:
                            self._do(operation, user)
                            self.env.flush_all()  # so that rollback undoes it
                            savepoint.rollback()
                    else:
                        with self.assertRaises(AccessError):
                            self._do(operation, user)

    def test_transfer_to_invisible_and_readonly_in_the_form(self):
        views = {
            name: self.env["fl.enrollment"]
            .with_user(self.users[name])
            .get_views([(False, "form")])["views"]["form"]["arch"]
            for name in ("plain_user", "transfer_to_view", "transfer_to_edit")
        }
        self.assertNotIn('name="transfer_to_id"', views["plain_user"])
        self.assertIn('name="transfer_to_id"', views["transfer_to_view"])
        for name, editable in (("transfer_to_view", False), ("transfer_to_edit", True)):
            record = self.enrollment.with_user(self.users[name])
            self.assertEqual(record.can_edit_transfer_to, editable)

    def test_registrar_role_holds_the_six_sections(self):
        registrar = self.users["registrar"]
        for xmlid in SECTIONS:
            self.assertTrue(registrar.has_group(f"focus_transfers.{xmlid}"), xmlid)
        self.assertFalse(
            registrar.has_group("focus_transfers.group_focus_transfers_edit")
        )
        self.assertTrue(
            self.users["district_admin"].has_group(
                "focus_transfers.group_focus_transfers_edit"
            )
        )


def _migration():
    path = (
        Path(__file__).resolve().parents[1]
        / "migrations"
        / "18.0.1.1.0"
        / "post-migrate.py"
    )
    spec = importlib.util.spec_from_file_location("ft_post_migrate_18_0_1_1_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestSectionRightsMigration(SisCase):
    def test_holders_of_the_old_right_get_six_sections_once(self):
        migration = _migration()
        importer = self.env.ref("focus_transfers.group_import_external")
        sections = [self.env.ref(f"focus_transfers.{x}") for x in SECTIONS]
        old_holder = new_test_user(
            self.env,
            login="old_importer",
            groups="focus_transfers.group_import_external",
        )
        bystander = new_test_user(self.env, login="bystander", groups="base.group_user")
        profile = self.env["res.groups"].create(
            {"name": "Old registrar profile", "implied_ids": [(4, importer.id)]}
        )
        # The database as it was: nobody holds a section right yet.
        for group in sections:
            group.users = [(5,)]
        self.env["fl.student"].flush_model()
        self.assertFalse(old_holder.has_group("focus_transfers.group_section_grades"))

        migration.grant_sections(self.env)
        self.env.invalidate_all()
        for group in sections:
            self.assertIn(old_holder, group.users, group.name)
            self.assertIn(group, profile.implied_ids, group.name)
            self.assertNotIn(bystander, group.users, group.name)
        before = {g.id: (set(g.users.ids), set(g.implied_ids.ids)) for g in sections}
        profile_before = set(profile.implied_ids.ids)

        migration.grant_sections(self.env)
        self.env.invalidate_all()
        self.assertEqual(
            {g.id: (set(g.users.ids), set(g.implied_ids.ids)) for g in sections}, before
        )
        self.assertEqual(set(profile.implied_ids.ids), profile_before)

    def test_migrate_does_nothing_on_a_new_install(self):
        migration = _migration()
        self.assertIsNone(migration.migrate(self.env.cr, None))


@tagged("post_install", "-at_install")
class TestImportRightsCheckboxes(SisCase):
    """Administrators toggle the import rights without developer mode."""

    def test_checkboxes_grant_and_remove_section_rights(self):
        user = new_test_user(
            self.env, login="fl_checkbox_user", groups="base.group_user"
        )
        grades = self.env.ref("focus_transfers.group_section_grades")
        importer = self.env.ref("focus_transfers.group_import_external")
        user.fl_import_right_ids = importer | grades
        self.assertTrue(user.has_group("focus_transfers.group_section_grades"))
        self.assertTrue(user.has_group("focus_transfers.group_import_external"))
        self.assertEqual(user.fl_import_right_ids, importer | grades)
        user.fl_import_right_ids = importer
        self.assertFalse(user.has_group("focus_transfers.group_section_grades"))
        self.assertTrue(user.has_group("base.group_user"))
        # Groups of other categories are out of the field's reach.
        user.fl_import_right_ids = self.env.ref("base.group_system")
        self.assertFalse(user.has_group("base.group_system"))
        self.assertFalse(user.has_group("focus_transfers.group_import_external"))
