#!/usr/bin/env bash
# Regenerate the user guide's pictures (docs/afbeeldingen) from the browser tests that walk the journeys.
# Run after `bash scripts/test.sh` has installed Chromium once.
set -euo pipefail
cd "$(dirname "$0")/.."
export SCREENSHOTS_DIR="$PWD/docs/afbeeldingen"
cd src/regiekamer
PYTHONPATH=.. ../../.venv/bin/pytest -q -p no:logging signalen/tests/test_journey.py casussen/tests/test_partner_mobiel.py "$@"
