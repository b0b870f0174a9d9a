#!/usr/bin/env bash
# Builds the release binary the way it ships and prints its path.
#
# The Swift runtime and Foundation are linked in (--static-swift-stdlib; libxml2 and
# SQLite stay shared, libsystemd is loaded on demand): resolving some twenty shared Swift libraries' symbols
# cost about 8 ms at every start, and `wirewatch extract` starts once per batch. Every
# release build goes through here, so the demo, the benchmarks and the installed service
# run the same binary and share one build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product wirewatch >&2
echo "$(swift build -c release --static-swift-stdlib --show-bin-path)/wirewatch"
