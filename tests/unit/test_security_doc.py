"""SECURITY.md names, for each boundary, the test that proves it: every test
it names exists, so a renamed or removed test cannot leave the page behind."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECURITY = ROOT / "addons" / "focus_transfers" / "readme" / "SECURITY.md"


def defined_tests():
    names = set()
    for path in [*ROOT.glob("addons/*/tests/**/*.py"), *ROOT.glob("tests/**/*.py")]:
        names.add(path.stem)
        names.update(re.findall(r"def (test_\w+)", path.read_text(encoding="utf-8")))
    return names


def test_every_test_named_in_security_md_exists():
    named = set(re.findall(r"\b(test_\w+)\b", SECURITY.read_text(encoding="utf-8")))
    named = {name for name in named if not name.endswith("_")}
    assert len(named) > 40, "SECURITY.md names a test for each boundary"
    assert sorted(named - defined_tests()) == []


def test_each_boundary_section_names_a_test():
    sections = re.split(r"\n### ", SECURITY.read_text(encoding="utf-8"))[1:]
    assert len(sections) >= 8
    for section in sections:
        assert re.search(r"`test_\w+", section), section.splitlines()[0]
