#!/usr/bin/env bash
# Sets up and runs every test: unit tests, then the integration tests that boot a real
# systemd in a private namespace (they need root; elsewhere they are skipped, loudly).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
swift format lint --strict --recursive --parallel Package.swift Sources Tests
swift build --build-tests
swift test --skip-build
