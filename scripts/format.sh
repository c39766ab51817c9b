#!/usr/bin/env bash
# Formats the C++ sources with clang-format (.clang-format at the top).
#   scripts/format.sh          rewrite the files in place
#   scripts/format.sh --check  change nothing; exit 1 and list what differs (CI runs this)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [[ "${1:-}" == "--check" ]]; then
    clang-format --dry-run --Werror "${files[@]}"
else
    clang-format -i "${files[@]}"
fi
