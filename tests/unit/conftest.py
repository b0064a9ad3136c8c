"""Pure-Python tests import the codec from this checkout, installed or not."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "addons" / "faster_export"))
