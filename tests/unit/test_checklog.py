"""The log check itself: a WARNING or ERROR fails, INFO passes."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "checklog", Path(__file__).resolve().parents[2] / "tools" / "checklog.py"
)
checklog = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(checklog)

INFO = "2026-11-25 03:35:08,752 9411 INFO db odoo.modules.loading: loading 1 modules..."
WARNING = (
    "2026-11-25 03:35:09,001 9411 WARNING db odoo.modules.loading: "
    "The models ['fl.thing'] have no access rules in module focus_transfers"
)
ERROR = "2026-11-25 03:35:10,002 9411 ERROR db odoo.addons.x.tests: FAIL: test_y"


def test_info_passes():
    assert checklog.check_lines([INFO, INFO]) == []


def test_warning_fails():
    offences = checklog.check_lines([INFO, WARNING])
    assert [o.lineno for o in offences] == [2]
    assert "no access rules" in str(offences[0])


def test_error_fails_with_its_traceback():
    offences = checklog.check_lines(
        [ERROR, "Traceback (most recent call last):", "AssertionError: 1 != 2", INFO]
    )
    assert len(offences) == 1
    assert offences[0].context == [
        "Traceback (most recent call last):",
        "AssertionError: 1 != 2",
    ]


def test_skipped_tour_warning_fails():
    line = (
        "2026-11-25 03:35:10,002 9411 WARNING db odoo.tests.common: "
        "websocket-client module is not installed"
    )
    assert len(checklog.check_lines([line])) == 1


def test_zero_tests_is_a_warning_and_fails():
    line = (
        "2026-11-25 03:35:10,002 9411 WARNING db odoo.tests.result: "
        "0 failed, 0 error(s) of 0 tests when loading database 'db'"
    )
    assert len(checklog.check_lines([line])) == 1


def test_ignored_pattern_passes():
    line = (
        "2026-11-25 03:35:10,002 9411 WARNING db "
        "odoo.addons.base.models.ir_mail_server: No SMTP mail server configured"
    )
    assert checklog.check_lines([line]) == []


def test_main_exit_codes(tmp_path):
    good = tmp_path / "good.log"
    good.write_text(INFO + "\n")
    bad = tmp_path / "bad.log"
    bad.write_text(INFO + "\n" + WARNING + "\n")
    assert checklog.main([str(good)]) == 0
    assert checklog.main([str(bad)]) == 1
