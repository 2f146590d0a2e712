#!/usr/bin/env bash
# The example API's GET /api/me under wrk (Debian's), on loopback: with the verified-token cache, without it, and
# the same route without authentication, in one run. Target: with the cache, at least 0.8 of the open route's
# requests per second. Prints requests/s and latency percentiles for each.
# BASELINE=REV also builds the server against git revision REV and adds its cached and uncached modes to every
# round, reporting this tree / REV paired by round.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages wrk >&2
out=bench/out/api
mkdir -p "$out"
python3 bench/generate_tokens.py "$out" 1
. bench/inprocess-setup.sh
swift build -c release --package-path bench/inprocess --product api-bench-server >&2
server="$(swift build -c release --package-path bench/inprocess --show-bin-path)/api-bench-server"
. bench/baseline.sh api-bench-server
port=${PORT:-18080}
duration=${DURATION:-5s}
rounds=${ROUNDS:-3}
modes="open cached uncached"
[ -n "$baseline_bin" ] && modes="$modes baseline-cached baseline-uncached"
declare -A rates latencies
paired="$out/rounds.txt"
: >"$paired"
# Rounds alternate between the modes, so that a slow spell of the machine hits each alike; medians are reported.
for round in $(seq "$rounds"); do
  for mode in $modes; do
    binary="$server"
    case "$mode" in baseline-*) binary="$baseline_bin/api-bench-server" ;; esac
    exec 3< <(timeout 300 "$binary" "${mode#baseline-}" "$port" "$out")
    pid=$!
    read -r token <&3
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/api/me" && break; sleep 0.1; done
    header=(-H "Authorization: Bearer $token")
    [ "$mode" = open ] && header=()
    # Warm up (the first call fetches the keys), then measure.
    wrk -t2 -c32 -d2s "${header[@]}" "http://127.0.0.1:$port/api/me" >/dev/null
    result=$(wrk -t2 -c32 -d"$duration" --latency "${header[@]}" "http://127.0.0.1:$port/api/me")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    exec 3<&-
    if grep -q "Non-2xx" <<<"$result"; then echo "error: $mode answered non-2xx:" >&2; echo "$result" >&2; exit 1; fi
    rate=$(awk '/^Requests\/sec/ {print $2}' <<<"$result")
    rates[$mode]+="$rate "
    latencies[$mode]+="$(awk '/^ +(50|90|99)%/ {printf "p%s %s ", $1, $2}' <<<"$result" | tr -d '%')| "
    case "$mode" in
      cached) current_cached=$rate ;;
      uncached) echo "current $current_cached $rate" >>"$paired" ;;
      baseline-cached) baseline_cached=$rate ;;
      baseline-uncached) echo "baseline $baseline_cached $rate" >>"$paired" ;;
    esac
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for mode in $modes; do
  echo "$mode: median $(median <<<"${rates[$mode]}") requests/s (rounds: ${rates[$mode]}); latency by round: ${latencies[$mode]}"
done
awk -v o="$(median <<<"${rates[open]}")" -v c="$(median <<<"${rates[cached]}")" -v u="$(median <<<"${rates[uncached]}")" \
  'BEGIN { printf "cached / open = %.2f (target >= 0.8); uncached / open = %.2f\n", c / o, u / o }'
[ -n "$baseline_bin" ] && python3 bench/paired.py "$paired" "this tree" "$BASELINE" cached uncached
exit 0
