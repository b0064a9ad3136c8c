import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "code_lists.py"


def load_code_lists():
    """The stdlib reader, loaded by path exactly as the FASTER codec does."""
    spec = importlib.util.spec_from_file_location("fl_code_lists_test", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
