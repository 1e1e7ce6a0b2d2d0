#!/usr/bin/env bash
# Measures how legible our layouts are next to Graphviz `dot` on the same
# graph, and how long each takes, and prints the targets of issue 10 with
# pass or FAIL.
#
#   bash bench/legibility.sh                   # backend roadmap + 500-topic dense curriculum
#   DENSE_TOPICS=2000 bash bench/legibility.sh # a bigger dense curriculum
#   ROUNDS=5 DOT_ROUNDS=3 bash bench/legibility.sh  # steadier times
#
# Inputs: roadmap/backend.txt + roadmap/backend.prereqs, and
# `roadmapper generate --dense -n $DENSE_TOPICS --seed $SEED`.
# Drawings: `--layout poster`, `--layout layered`, and `dot -Tjson` on our
# DOT export with the prerequisites as ordinary edges (their
# `constraint=false` removed) and sections as clusters.
# Measures: `layout::quality::measure`, printed by benches/legibility.rs,
# which reads dot's JSON into a Scene (points to pixels at 96 dpi), so the
# same code measures all three. Times: whole processes, median of ROUNDS
# (ours) and DOT_ROUNDS (dot) runs: `render -o x.svg` against
# `dot -Tjson` (layout and output both), and `render --scale 1 -o x.png`.
#
# Needs: a release build (made here), graphviz, python3.
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DOT_ROUNDS=${DOT_ROUNDS:-1}
DENSE_TOPICS=${DENSE_TOPICS:-500}
SEED=${SEED:-1}

for tool in dot python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: missing $tool" >&2
        echo "  help: apt-get install graphviz python3" >&2
        exit 2
    fi
done
if ((BASH_VERSINFO[0] < 5)); then
    echo "error: bash 5 or later is needed (for \$EPOCHREALTIME)" >&2
    exit 2
fi
cargo build --release --quiet --bin roadmapper
BIN=target/release/roadmapper
# The measuring tool is a bench target without a harness
# (benches/legibility.rs); cargo names its executable with a hash, which
# the build's JSON messages give.
MEASURE=$(cargo bench --quiet --no-run --bench legibility --message-format=json |
    python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "legibility" and m.get("executable"):
        print(m["executable"])
')
if [[ ! -x $MEASURE ]]; then
    echo "error: no executable for benches/legibility.rs" >&2
    exit 2
fi

base=/tmp
[[ -d /dev/shm && -w /dev/shm ]] && base=/dev/shm
work=$(mktemp -d "$base/roadmapper-legibility.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Median wall seconds of N runs of a command line, or "refused" when it
# fails (a PNG over the pixel budget).
timed() {
    local n=$1 cmd=$2 t=() start end
    for ((r = 0; r < n; r++)); do
        start=$EPOCHREALTIME
        if ! eval "$cmd" >/dev/null 2>"$work/err"; then
            echo refused
            return
        fi
        end=$EPOCHREALTIME
        t+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }')")
    done
    printf '%s\n' "${t[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure NAME OUTLINE PREREQS: one TSV line per drawing, in $work/NAME.tsv.
measure() {
    local name=$1 outline=$2 prereqs=$3 out=$work/$1.tsv
    "$MEASURE" --header | sed 's/^/drawing\tsvg_s\tpng_s\t/' >"$out"
    for layout in poster layered; do
        local svg png
        svg=$(timed "$ROUNDS" "$BIN render $outline -p $prereqs -l $layout -o $work/$name-$layout.svg")
        png=$(timed "$ROUNDS" "$BIN render $outline -p $prereqs -l $layout --scale 1 -o $work/$name-$layout.png")
        printf '%s\t%s\t%s\t%s\n' "$layout" "$svg" "$png" \
            "$("$MEASURE" "$layout" "$outline" "$prereqs")" >>"$out"
    done
    "$BIN" render "$outline" -p "$prereqs" -o "$work/$name.dot"
    sed 's/, constraint=false//' "$work/$name.dot" >"$work/$name-plain.dot"
    local dot_s
    dot_s=$(timed "$DOT_ROUNDS" "dot -Tjson $work/$name-plain.dot -o $work/$name.json")
    printf 'dot\t%s\t\t%s\n' "$dot_s" "$("$MEASURE" dot "$work/$name.json")" >>"$out"
}

"$BIN" generate --dense -n "$DENSE_TOPICS" --seed "$SEED" -o "$work/dense.txt"
measure backend roadmap/backend.txt roadmap/backend.prereqs
measure dense "$work/dense.txt" "$work/dense.prereqs"

echo "Legibility: our layouts and Graphviz dot on the same graph"
echo "  $(date -u +%Y-%m-%d) · $(nproc) cores · dot $(dot -V 2>&1 | awk '{print $5}') · times: median of $ROUNDS (ours), $DOT_ROUNDS (dot)"
python3 - "$work" "$DENSE_TOPICS" "$SEED" <<'PY'
import csv, sys

work, dense_topics, seed = sys.argv[1], sys.argv[2], sys.argv[3]

ROWS = [  # (column, label, format)
    ("boxes", "topics drawn", "{:.0f}"),
    ("arrows", "prerequisite arrows", "{:.0f}"),
    ("edges", "edges (all kinds)", "{:.0f}"),
    ("overlaps", "overlapping box pairs", "{:.0f}"),
    ("through", "edges through boxes", "{:.0f}"),
    ("crossings", "edge crossings", "{:.0f}"),
    ("arrow_crossings", "  of them arrow x arrow", "{:.0f}"),
    ("main_path_crossings", "arrows crossing main path", "{:.0f}"),
    ("shared", "arrow pairs sharing a line", "{:.0f}"),
    ("bends_per_edge", "bends per edge (1/4 turns)", "{:.2f}"),
    ("edge_length", "total edge length (px)", "{:,.0f}"),
    ("width", "canvas width (px)", "{:,.0f}"),
    ("height", "canvas height (px)", "{:,.0f}"),
    ("area_per_topic", "canvas area per topic (px2)", "{:,.0f}"),
    ("aspect", "aspect (width/height)", "{:.2f}"),
    ("layout_ms", "layout alone (ms)", "{:.1f}"),
    ("measure_ms", "quality::measure (ms)", "{:.1f}"),
    ("svg_s", "time to SVG / dot -Tjson (s)", "{:.3f}"),
    ("png_s", "time to PNG, scale 1 (s)", "{:.3f}"),
]

def num(v):
    try:
        return float(v)
    except ValueError:
        return None

failed = False
for name, title in (("backend", "Backend roadmap (roadmap/backend.txt)"),
                    ("dense", f"Dense curriculum (generate --dense -n {dense_topics} --seed {seed})")):
    with open(f"{work}/{name}.tsv") as f:
        rows = {r["drawing"]: r for r in csv.DictReader(f, delimiter="\t")}
    print()
    print(title)
    print(f"  {'':30} {'poster':>12} {'layered':>12} {'dot':>12}")
    for col, label, fmt in ROWS:
        cells = []
        for d in ("poster", "layered", "dot"):
            v = rows[d].get(col, "")
            x = num(v)
            cells.append(fmt.format(x) if x is not None else (v or "-"))
        print(f"  {label:30} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}")
    p, l, d = (rows[k] for k in ("poster", "layered", "dot"))
    g = lambda r, c: num(r[c])
    targets = []
    for lay, r in (("poster", p), ("layered", l)):
        targets.append((f"{lay}: 0 overlapping boxes", g(r, "overlaps") == 0, r["overlaps"]))
        targets.append((f"{lay}: 0 edges through boxes", g(r, "through") == 0, r["through"]))
        a = g(r, "aspect")
        targets.append((f"{lay}: aspect between 1:3 and 3:1", a is not None and 1 / 3 <= a <= 3, f"{a:.2f}"))
        png = g(r, "png_s")
        targets.append((f"{lay}: PNG at scale 1 < 0.5 s", png is not None and png < 0.5, r["png_s"]))
    lc, dc = g(l, "crossings"), g(d, "crossings")
    targets.append(("layered crossings <= dot's", lc <= dc, f"{lc:.0f} vs {dc:.0f}"))
    ll, dl = g(l, "edge_length"), g(d, "edge_length")
    targets.append(("layered total edge length <= dot's", ll <= dl, f"{ll:,.0f} vs {dl:,.0f} px"))
    la, da = g(l, "area_per_topic"), g(d, "area_per_topic")
    targets.append(("layered area per topic <= 1.5x dot's", la <= 1.5 * da, f"{la / da:.2f}x"))
    lt, dt = g(l, "svg_s"), g(d, "svg_s")
    ok = lt is not None and dt is not None and lt <= dt / 10
    targets.append(("layered time <= 1/10 of dot's", ok,
                    f"{lt:.3f} s vs {dt:.3f} s ({dt / lt:.1f}x)" if lt and dt else f"{l['svg_s']} vs {d['svg_s']}"))
    print("  targets")
    for what, ok, measured in targets:
        failed |= not ok
        print(f"  {'pass' if ok else 'FAIL':4}  {what:42} {measured}")
sys.exit(1 if failed else 0)
PY
