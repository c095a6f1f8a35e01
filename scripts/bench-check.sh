#!/usr/bin/env bash
# Measures `rasoat check` throughput (corpus, and a ~100 MB generated repository), start-up time on
# one small file, and compares rasoat's term-list checking with textlint + textlint-rule-prh
# running an equivalent dictionary (built from rules/spelling/*.toml) on the same files.
# textlint is installed into target/bench-tools with npm if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/bench-data
tools=target/bench-tools
mkdir -p "$data" "$tools"
cargo build --release -q
bin=target/release/rasoat

# The corpus: the fixtures in the repository (and ../shared/corpus when present).
corpus=tests/fixtures/corpus
[ -d ../shared/corpus ] && corpus=../shared/corpus

# A ~100 MB repository: the corpus copied into numbered folders.
repo=$data/repo
if [ ! -d "$repo" ]; then
    mkdir -p "$repo"
    size=$(du -sb "$corpus" | cut -f1)
    copies=$(( 100 * 1024 * 1024 / size + 1 ))
    for i in $(seq "$copies"); do mkdir -p "$repo/$i" && cp "$corpus"/*.md "$repo/$i/"; done
fi

runs=${RUNS:-3}
# seconds CMD...: "seconds peak_KB" of one run (wall time to the millisecond from `date`).
seconds() {
    local start end
    start=$(date +%s%N)
    /usr/bin/time -o "$data/time.txt" -f "%M" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo "$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }') $(tail -1 "$data/time.txt")"
}
# best_of CMD...: the fastest of $runs runs (the machine's timings drift between runs).
best_of() {
    local best="" mem="" t m
    for _ in $(seq "$runs"); do
        read -r t m <<<"$(seconds "$@")"
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
    done
    echo "$best $mem"
}
# Throughput in MB/s (10^6 bytes) and MiB/s.
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t == 0) t = 0.001; printf "%.1f MB/s (%.1f MiB/s)", b / 1e6 / t, b / 1048576 / t }'; }

printf "| input | size | threads | time (best of %d) | throughput | peak memory |\n|---|---:|---:|---:|---:|---:|\n" "$runs"
for input in "$corpus" "$repo"; do
    bytes=$(du -sb "$input" | cut -f1)
    for threads in 1 2; do
        # One thread is also pinned to one core, so that nothing else of the run (walking the
        # folders, writing the report) takes the other.
        pin=()
        if [ "$threads" = 1 ] && command -v taskset >/dev/null; then pin=(taskset -c 1); fi
        read -r t m <<<"$(best_of "${pin[@]}" "$bin" check "$input" --threads "$threads" --format json --fail-on never)"
        printf "| %s | %.1f MB | %d | %s s | %s | %d MB |\n" "$(basename "$input")" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$threads" "$t" "$(mbps "$bytes" "$t")" $((m / 1024))
    done
done
startup_runs=$(( runs * 5 ))
read -r t m <<<"$(runs=$startup_runs best_of "$bin" check samples/cong-van-v1.txt --fail-on never)"
printf "\nStart-up, one small file: %s s (best of %d); hyperfine gives finer numbers when installed.\n" "$t" "$startup_runs"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 "$bin check samples/cong-van-v1.txt --fail-on never" 2>/dev/null | grep -E "Time|Range" || true
fi

# textlint + prh with the spelling pack's term list.
if [ ! -x "$tools/node_modules/.bin/textlint" ]; then
    (cd "$tools" && npm install --silent --no-audit --no-fund textlint textlint-rule-prh >/dev/null 2>&1) || { echo "textlint not installable here; skipping the comparison"; exit 0; }
fi
python3 - "$tools/prh.yml" <<'PY'
import pathlib, re, sys, tomllib
out = ["version: 1", "rules:"]
for f in sorted(pathlib.Path("rules/spelling").glob("*.toml")):
    spec = tomllib.loads(f.read_text(encoding="utf-8"))
    for term in spec.get("params", {}).get("terms", []):
        # prh escapes "-" in plain patterns and then fails under its unicode flag: use regexes.
        alternatives = "|".join(re.escape(w).replace("/", "\\/") for w in term["wrong"])
        out.append(f"  - expected: {term['right']}")
        out.append(f"    pattern: /({alternatives})/")
pathlib.Path(sys.argv[1]).write_text("\n".join(out) + "\n", encoding="utf-8")
PY
printf '{ "rules": { "prh": { "rulePaths": ["%s/prh.yml"] } } }\n' "$PWD/$tools" > "$tools/.textlintrc.json"
printf "\n| term-list check on %s (%d files) | time |\n|---|---:|\n" "$(basename "$corpus")" "$(ls "$corpus"/*.md | wc -l)"
read -r tt tm <<<"$(seconds "$tools/node_modules/.bin/textlint" --config "$tools/.textlintrc.json" --format json "$corpus"/*.md)"
read -r rt rm <<<"$(seconds "$bin" check "$corpus" --enable spelling --threads 1 --format json --fail-on never)"
printf "| textlint + prh | %s s |\n| rasoat check --enable spelling (1 thread) | %s s |\n" "$tt" "$rt"
awk -v a="$tt" -v b="$rt" 'BEGIN { if (b == 0) b = 0.01; printf "\nrasoat is %.1fx faster than textlint on this term list.\n", a / b }'
