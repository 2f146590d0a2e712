# Sourced by the in-process benchmarks. With BASELINE=REV (a git revision), builds the same benchmark package
# against a checkout of REV as well, so that this tree and REV are measured in one run; sets `baseline_bin` to
# that build's folder of executables, or leaves it empty.
# Usage (after `cd` to the project root): . bench/baseline.sh PRODUCT
baseline_bin=""
if [ -n "${BASELINE:-}" ]; then
  baseline_root=bench/out/baseline
  rm -rf "$baseline_root/src" "$baseline_root/bench"
  mkdir -p "$baseline_root"
  git worktree prune
  git worktree add --detach --force "$baseline_root/src" "$BASELINE" >&2
  # This tree's benchmark sources, built against REV's libraries.
  cp -r bench/inprocess "$baseline_root/bench"
  rm -rf "$baseline_root/bench/.build" "$baseline_root/bench/.deps"
  mkdir -p "$baseline_root/bench/.deps"
  ln -sfn ../../src "$baseline_root/bench/.deps/passwordless-site"
  swift build -c release --package-path "$baseline_root/bench" --product "$1" >&2
  baseline_bin="$(swift build -c release --package-path "$baseline_root/bench" --show-bin-path)"
fi
