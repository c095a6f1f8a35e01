#!/usr/bin/env bash
# Time from starting the review screen on the large pair (~5 MB per side) until its first frame is
# on screen, in a real terminal under tmux (160x48), best of RUNS (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
data=target/bench-data
cargo build --release -q
[ -f "$data/large-new.txt" ] || python3 scripts/make-large-pair.py "$data" 5 >/dev/null
command -v tmux >/dev/null || { echo "tmux is needed"; exit 1; }
socket=$(mktemp -u /tmp/rasoat-bench-XXXX)
best=""
all=()
for _ in $(seq "$runs"); do
    tmux -S "$socket" new-session -d -s b -x 160 -y 48 "sleep 600"
    start=$(date +%s.%N)
    tmux -S "$socket" respawn-pane -k -t b "target/release/rasoat $data/large-old.txt $data/large-new.txt"
    until tmux -S "$socket" capture-pane -p -t b | grep -q "Mục lục"; do sleep 0.01; done
    end=$(date +%s.%N)
    tmux -S "$socket" send-keys -t b q
    sleep 0.3
    tmux -S "$socket" kill-server 2>/dev/null || true
    t=$(echo "$end - $start" | bc)
    all+=("$t")
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
median=$(printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf "review screen, large pair (%s + %s bytes): first frame after %.2f s (best of %s), median %.2f s\n" \
    "$(stat -c %s "$data/large-old.txt")" "$(stat -c %s "$data/large-new.txt")" "$best" "$runs" "$median"
