#!/usr/bin/env bash
# Sets up, builds, seeds ./demo/inbox with the sample dumps and runs the daemon on it in
# the foreground. Drop more dumps into demo/inbox while it runs; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
Scripts/release.sh >/dev/null
mkdir -p demo/inbox
cp -n Tests/Fixtures/samples/*.txt demo/inbox/ 2>/dev/null || true
echo "demo: watching demo/inbox; try: .build/release/wirewatch articles --state demo/state" >&2
exec .build/release/wirewatch run --inbox demo/inbox --state demo/state
