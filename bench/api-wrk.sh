#!/usr/bin/env bash
# The example API's GET /api/me under wrk (Debian's), on loopback: with the verified-token cache, without it, and
# the same route without authentication, in one run. Target: with the cache, at least 0.8 of the open route's
# requests per second. Prints requests/s and latency percentiles for each.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages wrk >&2
mkdir -p bench/inprocess/.deps
ln -sfn ../../.. bench/inprocess/.deps/passwordless-site
swift build -c release --package-path bench/inprocess --product api-bench-server >&2
server="$(swift build -c release --package-path bench/inprocess --show-bin-path)/api-bench-server"
port=${PORT:-18080}
duration=${DURATION:-5s}
rounds=${ROUNDS:-3}
declare -A rates latencies
# Rounds alternate between the three, so that a slow spell of the machine hits each alike; medians are reported.
for round in $(seq "$rounds"); do
  for mode in open cached uncached; do
    exec 3< <(timeout 300 "$server" "$mode" "$port")
    pid=$!
    read -r token <&3
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/api/me" && break; sleep 0.1; done
    header=(-H "Authorization: Bearer $token")
    [ "$mode" = open ] && header=()
    # Warm up (the first call fetches the keys), then measure.
    wrk -t2 -c32 -d2s "${header[@]}" "http://127.0.0.1:$port/api/me" >/dev/null
    out=$(wrk -t2 -c32 -d"$duration" --latency "${header[@]}" "http://127.0.0.1:$port/api/me")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    exec 3<&-
    if grep -q "Non-2xx" <<<"$out"; then echo "error: $mode answered non-2xx:" >&2; echo "$out" >&2; exit 1; fi
    rates[$mode]+="$(awk '/^Requests\/sec/ {print $2}' <<<"$out") "
    latencies[$mode]+="$(awk '/^ +(50|90|99)%/ {printf "p%s %s ", $1, $2}' <<<"$out" | tr -d '%')| "
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for mode in open cached uncached; do
  echo "$mode: median $(median <<<"${rates[$mode]}") requests/s (rounds: ${rates[$mode]}); latency by round: ${latencies[$mode]}"
done
awk -v o="$(median <<<"${rates[open]}")" -v c="$(median <<<"${rates[cached]}")" -v u="$(median <<<"${rates[uncached]}")" \
  'BEGIN { printf "cached / open = %.2f (target >= 0.8); uncached / open = %.2f\n", c / o, u / o }'
