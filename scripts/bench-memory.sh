#!/usr/bin/env bash
# Peak memory (and wall time) of rasoat on 1, 10 and 100 MB inputs, against the target of staying
# under 20 times the input size. Inputs come from scripts/make-large-pair.py (the corpus bodies
# joined into one long plan, and a second round with 1 % of paragraphs edited).
#
#   scripts/bench-memory.sh [SIZES_MB...]     default: 1 10 100
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1 10 100)
cargo build --release -q
bin=target/release/rasoat
limits=(--max-file-size 1000000000 --max-sections 10000000)

measure() { # prints "seconds peak_KB"
    /usr/bin/time -o target/bench-data/mem-time.txt -f "%e %M" "$@" >/dev/null 2>&1 || true
    tail -1 target/bench-data/mem-time.txt
}

# Start-up footprint (binary, compiled rules) on a one-page document, subtracted in the last column.
declare -A base
for cmd in outline check diff; do
    case $cmd in
        outline) args=(outline samples/cong-van-v1.txt) ;;
        check) args=(check samples/cong-van-v1.txt) ;;
        diff) args=(diff samples/cong-van-v1.txt samples/cong-van-v2.txt) ;;
    esac
    read -r _ kb < <(measure "$bin" "${args[@]}")
    base[$cmd]=$kb
done

printf "| command | input | time | peak memory | peak / input | (peak − start-up) / input |\n|---|---:|---:|---:|---:|---:|\n"
for mb in "${sizes[@]}"; do
    dir=target/bench-data/mem-$mb
    mkdir -p "$dir"
    [ -f "$dir/large-new.txt" ] || python3 scripts/make-large-pair.py "$dir" "$mb" >/dev/null
    one=$(stat -c %s "$dir/large-new.txt")
    two=$((one + $(stat -c %s "$dir/large-old.txt")))
    for cmd in outline check diff; do
        case $cmd in
            outline) args=(outline "${limits[@]}" "$dir/large-new.txt"); size=$one ;;
            check) args=(check "${limits[@]}" --threads 1 "$dir/large-new.txt"); size=$one ;;
            diff) args=(diff "${limits[@]}" "$dir/large-old.txt" "$dir/large-new.txt"); size=$two ;;
        esac
        read -r t kb < <(measure "$bin" "${args[@]}")
        awk -v c="$cmd" -v s="$size" -v t="$t" -v kb="$kb" -v b="${base[$cmd]}" 'BEGIN {
            printf "| %s | %.1f MB | %.2f s | %.0f MB | %.1f× | %.1f× |\n", c, s/1048576, t, kb/1024, kb*1024/s, (kb-b)*1024/s }'
    done
done
