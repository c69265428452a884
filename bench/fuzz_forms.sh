#!/usr/bin/env bash
# Longer run of the hostile-input test (tests/web/test_hostile_input.py): N examples
# per add/edit form on SQLite and PostgreSQL. Usage: bench/fuzz_forms.sh [N] (default 100).
set -euo pipefail
cd "$(dirname "$0")/.."
SIBIKA_FUZZ_EXAMPLES="${1:-100}" exec ./sibika test tests/web/test_hostile_input.py -q -s -p no:cacheprovider
