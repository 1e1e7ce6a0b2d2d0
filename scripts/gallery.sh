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
# A learner's progress: ticked topics, half-learnt ones, skipped ones struck.
progress=(--progress roadmap/backend.progress.md)
"$bin" render "${in[@]}" "${progress[@]}" --scale 1 -o "$out/backend-progress-light.png"
"$bin" render "${in[@]}" "${progress[@]}" --scale 1 --theme dark -o "$out/backend-progress-dark.png"
# Every script, drawn from Debian's Noto fonts (fonts-noto-cjk, fonts-noto-core,
# fonts-noto-color-emoji).
noto=/usr/share/fonts/opentype/noto
noto_tt=/usr/share/fonts/truetype/noto
if [ -f "$noto/NotoSansCJK-Regular.ttc" ] && [ -f "$noto_tt/NotoColorEmoji.ttf" ]; then
  "$bin" render tests/fixtures/scripts/scripts.txt --scale 1 -o "$out/scripts.png" \
      --font "$noto/NotoSansCJK-Regular.ttc" --font "$noto/NotoSansCJK-Bold.ttc" \
      --font "$noto_tt/NotoSansArabic-Regular.ttf" --font "$noto_tt/NotoSansArabic-Bold.ttf" \
      --font "$noto_tt/NotoColorEmoji.ttf"
else
  echo "skipped scripts.png: install fonts-noto-cjk fonts-noto-core fonts-noto-color-emoji" >&2
fi
# A dense curriculum (500 topics, about 2.4 prerequisites a topic, most
# across sections), layered; at scale 0.4 to keep the file small.
dense=$(mktemp -d)
trap 'rm -rf "$dense"' EXIT
"$bin" generate --dense -o "$dense/dense.txt"
"$bin" render "$dense/dense.txt" --prereqs "$dense/dense.prereqs" --layout layered --scale 0.4 \
    -o "$out/dense-layered.png"
ls -l "$out"
