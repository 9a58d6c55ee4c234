#!/usr/bin/env bash
# Creates the demo project from resources/demo with pixmark-cli:
#   make-demo-project.sh PIXMARK_CLI PROJECT_FILE
# The demo images come with their Fashion-MNIST classes, imported as prelabels to review.
set -euo pipefail
cli=$1
project=$2
demo_dir="$(cd "$(dirname "$0")/.." && pwd)/resources/demo"

mkdir -p "$(dirname "$project")"
"$cli" create "$project" --type multiclass --name "Fashion demo"
mapfile -t classes < "$demo_dir/classes.txt"
"$cli" classes add "$project" "${classes[@]}"
"$cli" instructions set "$project" --from-file "$demo_dir/instructions.md" \
  --url "https://github.com/zalandoresearch/fashion-mnist#labels"
"$cli" add "$project" --manifest "$demo_dir/manifest.csv" --image-column image \
  --label-column label --labels prelabel
# 28 px gray images: ML assist trains its compact network on them in seconds, even on a CPU.
"$cli" cache "$project" --side 32 --channels 1
"$cli" info "$project"
