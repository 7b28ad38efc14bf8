"""The seeds' tables, figures, report and comparison are the pinned bytes (scripts/pin_outputs.py)."""

from __future__ import annotations

import json
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import pin_outputs


def test_the_seeds_outputs_are_byte_identical_to_the_pinned_ones(tmp_path):
    pin_outputs.run_all(tmp_path)
    pinned = json.loads(pin_outputs.PINNED.read_text(encoding="utf-8"))
    found = pin_outputs.fingerprint(tmp_path)
    changed = sorted(name for name in set(pinned) | set(found) if pinned.get(name) != found.get(name))
    assert changed == [], f"outputs changed: {changed}; if on purpose, run scripts/pin_outputs.py and say why"
