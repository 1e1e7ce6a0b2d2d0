#!/usr/bin/env bash
# Times roadmapper against the tools people use today, whole process against
# whole process, on the same inputs, alternating runs, and prints the
# medians, the ratios and whether each target of issue 5 is met.
#
#   bash bench/compare.sh            # 5 rounds per comparison
#   ROUNDS=11 bash bench/compare.sh  # more rounds, steadier medians
#   LAYERED_SIZES="1000 10000 50000" bash bench/compare.sh
#                                    # layered scaling up to 50k topics
#                                    # (default 1000 10000: a quick run)
#
# Contenders:
#   - `dot -Tsvg` and `dot -Tpng` (Graphviz) on roadmapper's own DOT of the
#     same graph;
#   - `tsort` (coreutils) on the same constraint edges the study order
#     respects (`roadmapper order --format tsort`);
#   - `rsvg-convert` (librsvg) rendering roadmapper's own SVG at the same
#     size as roadmapper's PNG.
# Inputs: the shipped backend roadmap and roadmaps made by `roadmapper
# generate` (seed 1, 10% prerequisites). All outputs go to a scratch folder
# (on tmpfs when /dev/shm exists, so no contender pays for the disk).
#
# Needs: a release build (built here if missing), graphviz, librsvg2-bin,
# coreutils, GNU time (`apt-get install graphviz librsvg2-bin time`).
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
LAYERED_SIZES=${LAYERED_SIZES:-1000 10000}
LAYERED_PERCENTS=${LAYERED_PERCENTS:-10 100 200}
BIN=target/release/roadmapper

missing=()
for tool in dot rsvg-convert tsort /usr/bin/time; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "error: missing ${missing[*]}" >&2
    echo "  help: apt-get install graphviz librsvg2-bin coreutils time" >&2
    exit 2
fi
if ((BASH_VERSINFO[0] < 5)); then
    echo "error: bash 5 or later is needed (for \$EPOCHREALTIME)" >&2
    exit 2
fi
cargo build --release --quiet

base=/tmp
[[ -d /dev/shm && -w /dev/shm ]] && base=/dev/shm
work=$(mktemp -d "$base/roadmapper-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- measuring ---------------------------------------------------------------

# Wall seconds of one run of a command line (run by eval, so no extra
# shell is timed; output discarded unless redirected).
wall() {
    local start=$EPOCHREALTIME
    eval "$1" >/dev/null 2>&1
    local end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Peak resident memory in MB of one run.
peak_mb() {
    /usr/bin/time -f "%M" -o "$work/mem" "$@" >/dev/null 2>&1
    awk '{ printf "%.1f\n", $1 / 1024 }' "$work/mem"
}

# compare NAME_A "CMD A" NAME_B "CMD B": ROUNDS alternating runs after one
# warm-up each; sets A and B to the medians.
compare() {
    local name_a=$1 cmd_a=$2 name_b=$3 cmd_b=$4 ta=() tb=()
    eval "$cmd_a" >/dev/null 2>&1
    eval "$cmd_b" >/dev/null 2>&1
    for ((r = 0; r < ROUNDS; r++)); do
        ta+=("$(wall "$cmd_a")")
        tb+=("$(wall "$cmd_b")")
    done
    A=$(printf '%s\n' "${ta[@]}" | median)
    B=$(printf '%s\n' "${tb[@]}" | median)
    printf '  %-44s %8.3f s\n  %-44s %8.3f s   (%sx)\n' \
        "$name_a" "$A" "$name_b" "$B" "$(ratio "$B" "$A")"
}

# single NAME "CMD": ROUNDS runs after one warm-up; sets T to the median.
single() {
    local name=$1 cmd=$2 t=()
    eval "$cmd" >/dev/null 2>&1
    for ((r = 0; r < ROUNDS; r++)); do
        t+=("$(wall "$cmd")")
    done
    T=$(printf '%s\n' "${t[@]}" | median)
    printf '  %-44s %8.3f s\n' "$name" "$T"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0) ? a / b : 0 }'; }

results=()
# check "TARGET" CONDITION(awk expression on the numbers) "MEASURED"
check() {
    local verdict=FAIL
    awk "BEGIN { exit !($2) }" && verdict=pass
    results+=("$(printf '%-4s  %-62s %s' "$verdict" "$1" "$3")")
}

# --- inputs ------------------------------------------------------------------

RM="$BIN"
cp roadmap/backend.txt roadmap/backend.prereqs "$work/"
for n in 1000 12500 20000 25000 50000 100000; do
    "$RM" generate --topics "$n" -o "$work/g$n.txt"
done
"$RM" generate --dense -o "$work/dense.txt"
"$RM" render "$work/dense.txt" -p "$work/dense.prereqs" -o "$work/dense.svg"
"$RM" render "$work/backend.txt" -p "$work/backend.prereqs" -o "$work/backend.dot"
"$RM" render "$work/backend.txt" -p "$work/backend.prereqs" -o "$work/backend.svg"
"$RM" order "$work/g100000.txt" -p "$work/g100000.prereqs" -f tsort -o "$work/g100000.tsort"

echo "roadmapper vs Graphviz, tsort and rsvg-convert; median of $ROUNDS alternating runs"
echo "  $(date -u +%Y-%m-%d) · $(nproc) cores · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "  dot $(dot -V 2>&1 | awk '{print $5}') · $(rsvg-convert --version | head -1) · $(tsort --version | head -1)"
echo

echo "Study order: 100,000 topics + 10,000 prerequisites ($(wc -l <"$work/g100000.tsort") constraint edges)"
compare "roadmapper order" \
    "$RM order $work/g100000.txt -p $work/g100000.prereqs >$work/order.txt" \
    "tsort (same constraints)" \
    "tsort $work/g100000.tsort >$work/tsort.txt"
order_mb=$(peak_mb "$RM" order "$work/g100000.txt" -p "$work/g100000.prereqs")
echo "  roadmapper order peak memory: $order_mb MB"
check "order 100k+10k no slower than tsort" "$A <= $B" "$(ratio "$B" "$A")x tsort's speed"
check "order 100k+10k peak memory < 100 MB" "$order_mb < 100" "$order_mb MB"
echo

echo "Backend roadmap ($(grep -cv '^\s*$' roadmap/backend.txt) topics) to SVG"
compare "roadmapper render -o backend.svg" \
    "$RM render $work/backend.txt -p $work/backend.prereqs -o $work/ours.svg" \
    "dot -Tsvg (roadmapper's DOT)" \
    "dot -Tsvg $work/backend.dot -o $work/dot.svg"
check "backend SVG >= 5x faster than dot -Tsvg" "$B >= 5 * $A" "$(ratio "$B" "$A")x"
echo

echo "Backend roadmap to PNG (scale 2)"
compare "roadmapper render -o backend.png" \
    "$RM render $work/backend.txt -p $work/backend.prereqs -o $work/ours.png" \
    "dot -Tpng (roadmapper's DOT)" \
    "dot -Tpng $work/backend.dot -o $work/dot.png"
ours_png=$A
check "backend PNG faster than dot -Tpng" "$A < $B" "$(ratio "$B" "$A")x"
compare "roadmapper render -o backend.png" \
    "$RM render $work/backend.txt -p $work/backend.prereqs -o $work/ours.png" \
    "rsvg-convert -z 2 (roadmapper's SVG)" \
    "rsvg-convert -z 2 $work/backend.svg -o $work/rsvg.png"
check "backend PNG faster than rsvg-convert at the same size" "$A < $B" "$(ratio "$B" "$A")x"
echo "  sizes: ours $(stat -c %s "$work/ours.png") B, dot $(stat -c %s "$work/dot.png") B, rsvg-convert $(stat -c %s "$work/rsvg.png") B"
echo

echo "Large posters to SVG (--layout poster)"
declare -A poster
for n in 12500 25000 50000 100000; do
    single "$(printf '%7d topics' "$n")" "$RM render $work/g$n.txt -p $work/g$n.prereqs -o $work/p$n.svg"
    poster[$n]=$T
done
single "$(printf '%7d topics' 20000)" "$RM render $work/g20000.txt -p $work/g20000.prereqs -o $work/p20000.svg"
p20k=$T
poster_mb=$(peak_mb "$RM" render "$work/g100000.txt" -p "$work/g100000.prereqs" -o "$work/p100000.svg")
echo "  100,000 topics peak memory: $poster_mb MB"
echo "  time per 1,000 topics: $(for n in 12500 25000 50000 100000; do
    awk -v t="${poster[$n]}" -v n="$n" 'BEGIN { printf "%dk: %.1f ms  ", n / 1000, t * 1e6 / n }'
done | sed 's/ *$//')"
# Growth over the larger sizes, where the process start no longer counts.
growth=$(awk -v a="${poster[25000]}" -v b="${poster[100000]}" 'BEGIN { printf "%.1f", b / a }')
check "20,000 topics poster SVG < 1.5 s (Graphviz: 151 s)" "$p20k < 1.5" "$p20k s"
check "100,000 topics poster SVG < 5 s" "${poster[100000]} < 5" "${poster[100000]} s"
check "100,000 topics poster SVG < 1 GB" "$poster_mb < 1024" "$poster_mb MB"
check "poster time at most linear: 4x topics (25k -> 100k), <= 5x time" \
    "$growth <= 5" "${growth}x"
echo

echo "Layered layout (--layout layered), 1,000 topics"
single "roadmapper render -l layered -o g1000.svg" "$RM render $work/g1000.txt -p $work/g1000.prereqs -l layered -o $work/l1000.svg"
check "layered 1,000 topics < 2 s" "$T < 2" "$T s"
echo

echo "Dense curriculum (generate --dense: $(grep -c . "$work/dense.txt") topics, $(grep -c -- ' -> ' "$work/dense.prereqs") prerequisites) to PNG (scale 1)"
compare "roadmapper render --scale 1 -o dense.png" \
    "$RM render $work/dense.txt -p $work/dense.prereqs --scale 1 -o $work/dense.png" \
    "rsvg-convert (roadmapper's SVG)" \
    "rsvg-convert $work/dense.svg -o $work/dense-rsvg.png"
check "dense PNG >= 3x faster than rsvg-convert on the same SVG" "$B >= 3 * $A" "$(ratio "$B" "$A")x"
echo

# Time per 1,000 topics of the layered layout (whole process, to SVG),
# at each size and density; one run each (the large ones take seconds).
echo "Layered layout scaling: ms per 1,000 topics (sizes: $LAYERED_SIZES)"
for pct in $LAYERED_PERCENTS; do
    per=()
    line=""
    for n in $LAYERED_SIZES; do
        [[ -f "$work/s$n-$pct.txt" ]] ||
            "$RM" generate --topics "$n" --prereqs-percent "$pct" -o "$work/s$n-$pct.txt"
        t=$(wall "$RM render $work/s$n-$pct.txt -p $work/s$n-$pct.prereqs -l layered -o $work/s.svg")
        ms=$(awk -v t="$t" -v n="$n" 'BEGIN { printf "%.1f", t * 1e6 / n }')
        per+=("$ms")
        line+="$(printf '%6dk: %7.1f ms  ' $((n / 1000)) "$ms")"
    done
    printf '  %3d prerequisites per 100 topics %s\n' "$pct" "$line"
    spread=$(printf '%s\n' "${per[@]}" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f", (lo > 0) ? hi / lo : 0 }')
    check "layered time per topic flat within 1.5x ($pct per 100; $(echo "$LAYERED_SIZES" | wc -w) sizes)" \
        "$spread <= 1.5" "${spread}x from least to most"
done
echo

echo "Targets"
printf '%s\n' "${results[@]}"
if printf '%s\n' "${results[@]}" | grep -q '^FAIL'; then
    exit 1
fi
