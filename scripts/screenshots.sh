#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ from the real application under Xvfb: the
# home window, every page of the creation wizard, each tab of the project window, the
# labeling grid, the canvases, ML assist's runs and prelabels, and the export and import
# dialogs, on a copy of the demo project with some labeling done through the CLI.
#   scripts/screenshots.sh [OUTPUT_DIR]     (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
mkdir -p "$out"

cmake --preset default >/dev/null
cmake --build --preset default --target pixmark pixmark-cli >/dev/null
cli=build/app/cli/pixmark-cli
gui=build/app/gui/pixmark

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private settings folder: the labeler name and recent projects of the pictures only.
export XDG_CONFIG_HOME="$work/config"
project="$work/Fashion demo.pixmark"
./scripts/make-demo-project.sh "$cli" "$project" >/dev/null
"$cli" thumbnails "$project" >/dev/null

# Some history for the dashboard and the Data tab: two labelers, a skip, a rejection.
mapfile -t classes < resources/demo/classes.txt
for id in $(seq 1 36); do
  labeler=Ann; [ $((id % 3)) -eq 0 ] && labeler=Ben
  "$cli" label "$project" "$id" --class "${classes[$((id % 10))]}" --as "$labeler" >/dev/null
done
"$cli" skip "$project" 37 --as Ben >/dev/null
"$cli" labelers "$project" --set-role lead --name Lead >/dev/null
"$cli" review reject "$project" 5 9 --reason "The shoe is a sandal, not a sneaker" --as Lead >/dev/null
"$cli" review approve "$project" 1 2 3 --as Lead >/dev/null

# Without a model the app groups the unlabeled images by their look when the project opens;
# doing it here first keeps the pictures the same from run to run.
"$cli" group "$project" >/dev/null

# Pages of look-alike images before any label: a fresh copy of the demo on a 9-tile grid.
similar="$work/Fashion similar.pixmark"
"$cli" create "$similar" --type multiclass --name "Fashion, no labels yet" >/dev/null
"$cli" classes add "$similar" "${classes[@]}" >/dev/null
"$cli" add "$similar" resources/demo/images >/dev/null
"$cli" thumbnails "$similar" >/dev/null
"$cli" cache "$similar" --side 32 --channels 1 >/dev/null
"$cli" group "$similar" >/dev/null
mkdir -p "$work/config-9/Pixmark"
printf '[labeling]\nlayout=9\n' > "$work/config-9/Pixmark/Pixmark.conf"

# Consensus on a second copy: three labelers per item; Cy disagrees now and then.
consensus="$work/Fashion consensus.pixmark"
./scripts/make-demo-project.sh "$cli" "$consensus" >/dev/null
"$cli" thumbnails "$consensus" >/dev/null
"$cli" settings "$consensus" --consensus true --labelers-per-item 3 --agreement 0.6 >/dev/null
for id in $(seq 1 30); do
  for labeler in Ann Ben Cy; do
    class=${classes[$((id % 10))]}
    [ "$labeler" = Cy ] && [ $((id % 4)) -eq 0 ] && class=${classes[$(((id + 1) % 10))]}
    [ "$labeler" = Ben ] && [ $((id % 8)) -eq 0 ] && class=${classes[$(((id + 2) % 10))]}
    "$cli" label "$consensus" "$id" --class "$class" --as "$labeler" >/dev/null
  done
done

# ML assist: 80 of the demo's images labeled with their true class, a small model trained on
# them on the CPU, its prelabels and clusters waiting in the queue.
awk -v dir="$PWD/resources/demo/" 'NR == 1 { print; next } NR <= 81 { print dir $0 }' \
  resources/demo/manifest.csv > "$work/assist-labeled.csv"
make_assist_project() { # FILE NAME: the demo with 80 labels, a 32 px gray training cache, assist on
  "$cli" create "$1" --type multiclass --name "$2" >/dev/null
  "$cli" classes add "$1" "${classes[@]}" >/dev/null
  "$cli" add "$1" --manifest "$work/assist-labeled.csv" --image-column image --label-column label \
    --labels final >/dev/null
  "$cli" add "$1" resources/demo/images >/dev/null
  "$cli" thumbnails "$1" >/dev/null
  "$cli" cache "$1" --side 32 --channels 1 >/dev/null
  "$cli" settings "$1" --assist-after 50 --retrain-every 40 >/dev/null
}
assist="$work/Fashion assist.pixmark"
make_assist_project "$assist" "Fashion assist"
"$cli" train "$assist" --device cpu --epochs 20 --precision 0.9 >/dev/null

# Self-training that finds nothing to learn from: the same labels, a target no held-out count
# vouches for; the app trains by itself when the project opens, and says why no student trained.
unreachable="$work/Fashion no student.pixmark"
make_assist_project "$unreachable" "Fashion assist"
"$cli" settings "$unreachable" --self-training true --precision 1 --confidence 0.99 >/dev/null

# A work package for a field labeler, partly labeled in the package itself.
"$cli" package create "$project" -l "Field Dee" --count 24 --copy --out "$work/usb" >/dev/null
package=$(ls "$work"/usb/*.pixmark)
for id in $("$cli" --json queue next "$package" --page 9 | python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(sys.stdin)["items"]))'); do
  "$cli" label "$package" "$id" --class "${classes[$((id % 10))]}" >/dev/null
done

# The box canvas: a detection project of street scenes with a detector's boxes as prelabels.
detection="$work/Street detection.pixmark"
./scripts/make-street-demo.py "$work/street" "$work/street-coco.json" 3
"$cli" create "$detection" --type detection --name "Street detection" >/dev/null
"$cli" classes add "$detection" Car Person Bike >/dev/null
"$cli" add "$detection" "$work/street" >/dev/null
"$cli" import "$detection" --format coco "$work/street-coco.json" --as-prelabels >/dev/null

# The polygon canvas: the same kind of scenes as instance segmentation, outlines as prelabels.
instance="$work/Street instances.pixmark"
./scripts/make-street-demo.py "$work/street-polygons" "$work/street-polygons.json" 3 --polygons
"$cli" create "$instance" --type instance --name "Street instances" >/dev/null
"$cli" classes add "$instance" Car Person Bike >/dev/null
"$cli" add "$instance" "$work/street-polygons" >/dev/null
"$cli" import "$instance" --format coco "$work/street-polygons.json" --as-prelabels >/dev/null

# The mask canvas: semantic segmentation with a segmenter's masks as prelabels.
semantic="$work/Street semantic.pixmark"
./scripts/make-street-demo.py "$work/street-masks" "$work/street-masks.json" 3 --masks
"$cli" create "$semantic" --type semantic --name "Street semantic" >/dev/null
for class in Sky:#46a0e6 Building:#f0c040 Road:#a040a0 Car:#00c8c8 Person:#dc143c; do
  "$cli" classes add "$semantic" "${class%%:*}" --color "${class#*:}" >/dev/null
done
"$cli" add "$semantic" "$work/street-masks" >/dev/null
"$cli" import "$semantic" --format coco "$work/street-masks.json" --as-prelabels >/dev/null

# ML assist on street scenes: 80 scenes, 60 of them labeled (a COCO import as final labels),
# a model trained on them on the CPU (128 px RGB cache), its prelabels on the other 20.
assisted_street() { # NAME TYPE MAKE_FLAG CLASS...
  local name=$1 type=$2 flag=$3; shift 3
  local file="$work/$name.pixmark" folder="$work/$name"
  ./scripts/make-street-demo.py "$folder" "$folder-all.json" 80 $flag
  python3 - "$folder-all.json" "$folder-labels.json" <<'PY'
import json, sys
coco = json.load(open(sys.argv[1]))
labeled = {image["id"] for image in coco["images"][:60]}
coco["images"] = [image for image in coco["images"] if image["id"] in labeled]
coco["annotations"] = [a for a in coco["annotations"] if a["image_id"] in labeled]
for a in coco["annotations"]:
    a.pop("score", None)
json.dump(coco, open(sys.argv[2], "w"))
PY
  "$cli" create "$file" --type "$type" --name "$name" >/dev/null
  "$cli" classes add "$file" "$@" >/dev/null
  "$cli" add "$file" "$folder" >/dev/null
  "$cli" import "$file" --format coco "$folder-labels.json" >/dev/null
  "$cli" cache "$file" --side 128 --channels 3 >/dev/null
  "$cli" train "$file" --device cpu --epochs 30 --precision 0.9 >/dev/null
}
assisted_street "Street assist detection" detection "" Car Person Bike
assisted_street "Street assist semantic" semantic --masks Sky Building Road Car Person
assisted_street "Street assist instances" instance --polygons Car Person Bike

# A CT slice of pydicom's test files on the polygon canvas, at the soft-tissue window.
ct_file=$(python3 -c "import pydicom.data as d; print(d.get_testdata_file('CT_small.dcm'))")
mkdir -p "$work/ct" && cp "$ct_file" "$work/ct/"
ct="$work/CT organs.pixmark"
"$cli" create "$ct" --type instance --name "CT organs" >/dev/null
"$cli" classes add "$ct" Liver Kidney Spleen >/dev/null
"$cli" add "$ct" "$work/ct" >/dev/null

shoot() { xvfb-run -a -s "-screen 0 1400x900x24" "$gui" --labeler Ann "$@"; }
shoot --screenshot-wizard "$out"
for tab in dashboard data details; do
  shoot --show "$tab" --screenshot "$out/project-$tab.png" "$project"
done
"$cli" settings "$project" --self-training true --self-training-rounds 2 >/dev/null
shoot --show settings --screenshot "$out/project-settings.png" "$project"
"$cli" settings "$project" --self-training false --self-training-rounds 1 >/dev/null
shoot --show label --screenshot "$out/labeling-grid.png" "$project"
XDG_CONFIG_HOME="$work/config-9" shoot --show label --screenshot "$out/labeling-similar.png" "$similar"
shoot --show exported --screenshot "$out/export-dialog.png" "$project"
shoot --show import --screenshot "$out/import-dialog.png" "$project"
shoot --show label --screenshot "$out/box-canvas.png" "$detection"
shoot --show label --accept-first-prelabel --screenshot "$out/prelabels.png" "$detection"
shoot --show label --select-first-shape --screenshot "$out/polygon-canvas.png" "$instance"
shoot --show label --reopen-previous --screenshot "$out/previous-item.png" "$instance"
shoot --show label --screenshot "$out/mask-canvas.png" "$semantic"
shoot --show label --window-preset "Soft tissue" --screenshot "$out/ct-soft-tissue.png" "$ct"
shoot --show dashboard --screenshot "$out/project-consensus-dashboard.png" "$consensus"
shoot --show dashboard --screenshot "$out/package-dashboard.png" "$package"
shoot --show dashboard --screenshot "$out/assist-dashboard.png" "$assist"
shoot --show dashboard --screenshot-delay 120000 --screenshot "$out/assist-no-student.png" "$unreachable"
shoot --show label --screenshot "$out/assist-detection.png" "$work/Street assist detection.pixmark"
shoot --show dashboard --screenshot "$out/assist-detection-dashboard.png" "$work/Street assist detection.pixmark"
shoot --show label --screenshot "$out/assist-semantic.png" "$work/Street assist semantic.pixmark"
shoot --show label --screenshot "$out/assist-instance.png" "$work/Street assist instances.pixmark"
# Last: by now the demo is among the recent projects.
shoot --screenshot "$out/home.png"
ls -1 "$out"
