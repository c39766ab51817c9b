#!/usr/bin/env bash
# Installs what is missing, builds Release into build/, and starts the console.
# Arguments go to tokenconsole (e.g. --site DIR, --lang de).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
if [[ -x build/app/tokenconsole ]]; then
  if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    echo "No display found: set DISPLAY, or use 'build/app/tokenconsole --screenshot FILE'." >&2
    exit 1
  fi
  exec build/app/tokenconsole "$@"
fi
build/app/bulkregtoken /?
exec build/app/bulkregtoken "$@" init
