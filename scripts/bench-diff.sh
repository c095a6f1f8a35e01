#!/usr/bin/env bash
# Compares rasoat's section-aligned word diff with `git diff --no-index --word-diff` and GNU diff
# on the same pairs, and prints a table (wall time, best of N runs, and peak memory).
# Then runs the criterion benchmarks (`cargo bench`) unless --no-criterion is given.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
data=target/bench-data
mkdir -p "$data"

cargo build --release -q
python3 scripts/make-large-pair.py "$data" 5 >/dev/null

# A real decree with realistic edits: a number changed, a clause added, a point deleted.
python3 - "$data" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
src = pathlib.Path("tests/fixtures/corpus/150d48a05ed57aa3.md").read_text(encoding="utf-8")
new = (src.replace("05 tháng 12 năm 2025", "15 tháng 12 năm 2025")
          .replace("Các tổ chức, cá nhân có liên quan.", "Các tổ chức, cá nhân có liên quan đến việc quản lý, sử dụng tài sản công.")
          .replace("Máy móc, thiết bị chuyên dùng.", ""))
(out / "corpus-old.txt").write_text(src, encoding="utf-8")
(out / "corpus-new.txt").write_text(new, encoding="utf-8")
PY

bin=target/release/rasoat
# best_of CMD...: prints "seconds s / peak MB" of the fastest of $runs runs (wall time to the
# millisecond from `date`, peak memory from /usr/bin/time).
best_of() {
    local best="" mem=""
    for _ in $(seq "$runs"); do
        local start end t m
        start=$(date +%s%N)
        /usr/bin/time -o "$data/time.txt" -f "%M" "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        t=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
        m=$(tail -1 "$data/time.txt")
        if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$m; fi
    done
    printf "%s s / %d MB" "$best" $((mem / 1024))
}

# The one-core target: commands pinned to one core when taskset is there.
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); else pin=(); fi
# ratio A B: A's seconds over B's, from two best_of outputs.
ratio() {
    awk -v a="${1%% s*}" -v b="${2%% s*}" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else printf "–" }'
}

printf "| pair | size | rasoat diff | rasoat diff, 1 core | git diff --word-diff | GNU diff | rasoat ÷ git (1 core) |\n"
printf "|---|---:|---|---|---|---|---:|\n"
for pair in "seed drafts:samples/seed-2-draft-round1.txt:samples/seed-3-draft-round2.txt" \
            "edited decree:$data/corpus-old.txt:$data/corpus-new.txt" \
            "large (5 MB):$data/large-old.txt:$data/large-new.txt"; do
    IFS=: read -r name old new <<<"$pair"
    size=$(( ($(stat -c %s "$old") + $(stat -c %s "$new")) / 1024 ))
    r=$(best_of "$bin" diff "$old" "$new" --format json)
    r1=$(best_of ${pin[@]+"${pin[@]}"} "$bin" diff "$old" "$new" --format json)
    g=$(best_of git diff --no-index --word-diff "$old" "$new")
    g1=$(best_of ${pin[@]+"${pin[@]}"} git diff --no-index --word-diff "$old" "$new")
    d=$(best_of diff "$old" "$new")
    printf "| %s | %d KB | %s | %s | %s | %s | %s (%s) |\n" "$name" "$size" "$r" "$r1" "$g" "$d" \
        "$(ratio "$r" "$g")" "$(ratio "$r1" "$g1")"
done

if [ "${1:-}" != "--no-criterion" ]; then
    cargo bench --bench diff
fi
