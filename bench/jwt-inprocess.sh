#!/usr/bin/env bash
# In-process verification on one core: IDTokenKit against vapor/jwt-kit 5.8.0 on the same RS256 and ES256 tokens
# with the same claim checks, and openssl speed's raw single-core verify beside them. jwt-kit lives only in the
# benchmark's own package (bench/inprocess), never in the project's build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages openssl >&2
mkdir -p bench/inprocess/.deps
ln -sfn ../../.. bench/inprocess/.deps/passwordless-site
swift build -c release --package-path bench/inprocess >&2
taskset -c 0 "$(swift build -c release --package-path bench/inprocess --show-bin-path)/verify-bench" "${TOKENS:-2000}" "${SECONDS_EACH:-1}"
for peer in rsa2048 ecdsap256; do
  rate=$(taskset -c 0 openssl speed -seconds 3 "$peer" 2>/dev/null | grep -E "^rsa 2048|nistp256" | tail -1 | awk '{print $NF}')
  echo "openssl speed $peer verify, one core: ${rate}/s"
done
