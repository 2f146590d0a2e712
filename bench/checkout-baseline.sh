# Sourced by the benchmarks. With BASELINE=REV (a git revision), checks REV out in a worktree kept between runs
# (bench/out/baseline/src) and sets `baseline_src` to it; leaves `baseline_src` empty without BASELINE.
# Usage (after `cd` to the project root): . bench/checkout-baseline.sh
baseline_src=""
if [ -n "${BASELINE:-}" ]; then
  baseline_src=bench/out/baseline/src
  mkdir -p bench/out/baseline
  git worktree prune
  if [ -d "$baseline_src" ]; then
    git -C "$baseline_src" checkout --quiet --detach "$BASELINE" >&2
  else
    git worktree add --detach "$baseline_src" "$BASELINE" >&2
  fi
fi
