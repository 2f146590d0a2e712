# Sourced by the in-process benchmarks. With BASELINE=REV (a git revision), builds the same benchmark package
# against a checkout of REV as well, so that this tree and REV are measured in one run; sets `baseline_bin` to
# that build's folder of executables, or leaves it empty. The checkout and the build folder are kept between runs.
# Usage (after `cd` to the project root): . bench/baseline.sh PRODUCT
baseline_bin=""
. bench/checkout-baseline.sh
if [ -n "$baseline_src" ]; then
  baseline_root=bench/out/baseline
  mkdir -p "$baseline_root/bench/.deps"
  # This tree's benchmark sources, built against REV's libraries.
  rm -rf "$baseline_root/bench/Sources"
  cp -r bench/inprocess/Package.swift bench/inprocess/Sources "$baseline_root/bench/"
  # REV's example API, as REV's tree has it.
  rm -rf "$baseline_root/bench/Sources/ExampleAPI"
  cp -r "$baseline_src/content/_api/ExampleAPI" "$baseline_root/bench/Sources/ExampleAPI"
  ln -sfn ../../src "$baseline_root/bench/.deps/passwordless-site"
  swift build -c release --package-path "$baseline_root/bench" --product "$1" >&2
  baseline_bin="$(swift build -c release --package-path "$baseline_root/bench" --show-bin-path)"
fi
