#!/usr/bin/env bash
# Runs the fuzz targets, each for SECONDS (default 600), and prints a line of results per target.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      e.g. fuzz/run.sh 60 docx compare
#
# Needs cargo-fuzz (installed if missing). The machine's toolchain is stable, so the nightly flags
# cargo-fuzz passes to rustc are allowed with RUSTC_BOOTSTRAP=1; `-s none` fuzzes without a
# sanitizer (rasoat has no unsafe code; libFuzzer still finds panics, hangs and memory blow-ups).
# Seeds come from samples/ and tests/fixtures/ (see seed.sh); the growing corpus stays in
# fuzz/corpus/ and crashes in fuzz/artifacts/ (both ignored by git). A crash found is fixed and
# its input copied to tests/fixtures/fuzz/TARGET/, which `cargo test` replays.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(load_text outline compare rules rule_file docx numbering documents)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fuzz/seed.sh
mkdir -p fuzz/logs
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    cargo fuzz build -s none -O "$t" >/dev/null 2>&1 || cargo fuzz build -s none -O "$t"
    cargo fuzz run -s none -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192 \
        -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1 || true
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "fuzz/logs/$t.log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "fuzz/logs/$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
    ft=$(grep -o 'ft: [0-9]*' "fuzz/logs/$t.log" | tail -1 | grep -o '[0-9]*' || echo "?")
    crashes=$(ls "fuzz/artifacts/$t" 2>/dev/null | wc -l)
    printf '%-10s %6ss  %12s execs  cov %6s  ft %7s  crashes %s\n' "$t" "$seconds" "$runs" "$cov" "$ft" "$crashes"
done
