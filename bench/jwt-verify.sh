#!/usr/bin/env bash
# Times jwt-inspect in one run against its peers: a single verify as a whole process (local JWKS) against
# `openssl dgst -verify` and PyJWT, and --batch throughput for RS256 and ES256 against `openssl speed`.
# Targets: single verify <= 20 ms and >= 5x faster than PyJWT; batch at least 0.6 (RS256) and 0.8 (ES256) of
# openssl speed's verifications per second on all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages openssl >&2
python3 -m pip install --quiet --disable-pip-version-check pyjwt cryptography >&2
# The shipped build (`make tools`): Swift runtime linked statically, which halves start-up time.
swift build -c release --product jwt-inspect --static-swift-stdlib --scratch-path .build-static >&2
out=bench/out/jwt
rm -rf "$out" && mkdir -p "$out"
python3 bench/generate_tokens.py "$out" "${TOKENS:-2000}"
python3 bench/jwt_bench.py "$out" "$PWD/.build-static/release/jwt-inspect"
