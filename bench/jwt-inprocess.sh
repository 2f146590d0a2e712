#!/usr/bin/env bash
# In-process verification on one core: IDTokenKit against vapor/jwt-kit 5.8.0 on the same RS256 and ES256 tokens
# (bench/generate_tokens.py) with the same claim checks, and openssl speed's raw single-core verify beside them.
# jwt-kit lives only in the benchmark's own package (bench/inprocess), never in the project's build.
# BASELINE=REV also builds the benchmark against git revision REV and runs the two in turn, the same tokens for
# both, reporting each one's IDTokenKit rates and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages openssl >&2
out=bench/out/inprocess
mkdir -p "$out"
python3 bench/generate_tokens.py "$out" "${TOKENS:-2000}"
. bench/inprocess-setup.sh
swift build -c release --package-path bench/inprocess --product verify-bench >&2
current="$(swift build -c release --package-path bench/inprocess --show-bin-path)/verify-bench"
. bench/baseline.sh verify-bench
if [ -z "$baseline_bin" ]; then
  taskset -c 0 "$current" "$out" "${SECONDS_EACH:-1}"
else
  rounds="$out/rounds.txt"
  : >"$rounds"
  for round in $(seq "${PAIRS:-5}"); do
    for build in current baseline; do
      binary="$current"
      [ "$build" = baseline ] && binary="$baseline_bin/verify-bench"
      result=$(taskset -c 0 "$binary" "$out" "${SECONDS_EACH:-1}")
      echo "$build: $result" >&2
      echo "$build $(sed -n 's/.*IDTokenKit \([0-9.]*\)k.*/\1/p' <<<"$result" | tr '\n' ' ')" >>"$rounds"
    done
  done
  python3 bench/paired.py "$rounds" "this tree" "$BASELINE" RS256 ES256
fi
for peer in rsa2048 ecdsap256; do
  rate=$(taskset -c 0 openssl speed -seconds 3 "$peer" 2>/dev/null | grep -E "^rsa 2048|nistp256" | tail -1 | awk '{print $NF}')
  echo "openssl speed $peer verify, one core: ${rate}/s"
done
