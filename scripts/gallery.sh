#!/usr/bin/env bash
# Regenerates the README's gallery images from the shipped roadmap.
# Usage: bash scripts/gallery.sh   (from anywhere in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/roadmapper
in=(roadmap/backend.txt --prereqs roadmap/backend.prereqs)
out=docs/gallery
mkdir -p "$out"
"$bin" render "${in[@]}" --scale 1 -o "$out/backend-light.png"
"$bin" render "${in[@]}" --scale 1 --theme dark -o "$out/backend-dark.png"
"$bin" render "${in[@]}" --scale 1 --layout layered -o "$out/backend-layered.png"
"$bin" render "${in[@]}" --scale 1 --to REST --to "Sharding Strategies" -o "$out/backend-to.png"
"$bin" render "${in[@]}" --scale 1 --section "Web Security" -o "$out/backend-section.png"
# A dense curriculum (500 topics, about 2.4 prerequisites a topic, most
# across sections), layered; at scale 0.4 to keep the file small.
dense=$(mktemp -d)
trap 'rm -rf "$dense"' EXIT
"$bin" generate --dense -o "$dense/dense.txt"
"$bin" render "$dense/dense.txt" --prereqs "$dense/dense.prereqs" --layout layered --scale 0.4 \
    -o "$out/dense-layered.png"
ls -l "$out"
