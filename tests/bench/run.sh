#!/usr/bin/env bash
# Builds the release preset and runs every benchmark. Prints one line per measurement;
# copy the figures, with the date and the machine, into docs/benchmarks.md.
#   tests/bench/run.sh [ITEMS] [SMALL_FILES] [UI_IMAGES] [DATA_GRID]
#   (defaults 1000000, 100000, 10000, grid; DATA_GRID=skip leaves out the Data grid
#   benchmark, which scrolls the Data tab through ITEMS items)
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${1:-1000000}
small=${2:-100000}
ui_images=${3:-10000}
data_grid=${4:-grid}
targets="pixmark_store_bench pixmark_queue_bench pixmark_formats_bench pixmark_ingest_bench pixmark_ui_ingest_bench pixmark_labeling_bench pixmark_canvas_bench"
[ "$data_grid" = skip ] || targets="$targets pixmark_data_grid_bench"

cmake --preset release >/dev/null
cmake --build --preset release --target $targets >/dev/null
# The ML benchmark exists only where LibTorch was found.
ml_bench=no
if ninja -C build-release -t targets all | grep -q '^pixmark_ml_quality_bench:'; then
  cmake --build --preset release --target pixmark_ml_quality_bench pixmark_ml_calibration_bench \
    pixmark_ml_detection_bench pixmark_assist_annotator_bench >/dev/null
  ml_bench=yes
fi
bench=build-release/tests/bench

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); date: $(date -u +%F)"

echo "## project store"
"$bench/pixmark_store_bench" insert "$items" "$work/bench.pixmark"
ls -l "$work/bench.pixmark" | awk '{printf "project file bytes=%s\n", $5}'
cat "$work/bench.pixmark" > /dev/null # warm page cache, as after the first open
for run in 1 2 3 4 5; do "$bench/pixmark_store_bench" open "$work/bench.pixmark"; done
"$bench/pixmark_store_bench" workflow "$work/bench.pixmark"
rm -f "$work"/bench.pixmark*

echo "## formats (COCO, 500,000 images / 5,000,000 boxes)"
"$bench/pixmark_formats_bench" "$work/formats" 500000 10
rm -rf "$work/formats"

echo "## queue"
"$bench/pixmark_queue_bench" "$work/queue.pixmark" "$items"
rm -rf "$work"/queue.pixmark* "$work"/queue.cache

echo "## ingest"
"$bench/pixmark_ingest_bench" generate "$work/tree" "$small" 10
find "$work/tree" -type f -exec cat {} + > /dev/null # warm page cache
"$bench/pixmark_ingest_bench" register "$work/tree" "$work/ingest.pixmark"
"$bench/pixmark_ingest_bench" thumbnails "$work/ingest.pixmark"
corpus=/usr/lib/python3/dist-packages/pydicom/data/test_files
"$bench/pixmark_ingest_bench" decode 20 \
  "$(ls "$work"/tree/batch-0/*.jpg | head -1)" "$(ls "$work"/tree/batch-0/*.png | head -1)" \
  "$work/tree/large/photo-0.jpg" "$work/tree/large/sample.bmp" "$work/tree/large/sample-16bit.tif" \
  "$corpus/CT_small.dcm" "$corpus/MR_small.dcm" "$corpus/MR_small_RLE.dcm" \
  "$corpus/MR_small_jpeg_ls_lossless.dcm" "$corpus/JPEG-lossy.dcm" "$corpus/rtdose.dcm"

echo "## GUI responsiveness while ingesting"
QT_QPA_PLATFORM=offscreen "$bench/pixmark_ui_ingest_bench" "$work/ui" "$ui_images"

echo "## labeling page turn"
QT_QPA_PLATFORM=offscreen "$bench/pixmark_labeling_bench" "$work/labeling"

echo "## drawing canvas"
QT_QPA_PLATFORM=offscreen "$bench/pixmark_canvas_bench" frames
QT_QPA_PLATFORM=offscreen "$bench/pixmark_canvas_bench" tiff "$work/canvas"
QT_QPA_PLATFORM=offscreen "$bench/pixmark_canvas_bench" next "$work/canvas" 40
rm -rf "$work/canvas"

if [ "$data_grid" != skip ]; then
  echo "## Data grid scrolling"
  QT_QPA_PLATFORM=offscreen "$bench/pixmark_data_grid_bench" "$items" "$work/grid.pixmark"
fi

if [ "$ml_bench" = yes ]; then
  echo "## ML engine (issue 8): Fashion-MNIST prelabels from 1,000 labels; classifier speed at 224 px against PyTorch eager"
  fm=/usr/share/datasets/fashion-mnist
  gunzip -c "$fm/train-images-idx3-ubyte.gz" > "$work/fm-images.idx3"
  gunzip -c "$fm/train-labels-idx1-ubyte.gz" > "$work/fm-labels.idx1"
  # A teacher, then one student on its prelabels (docs/benchmarks.md, "Seeded, reproducible runs"),
  # then how often that student's calibration meets the target over 50 draws of held-out labels.
  SEED=1 SELF_TRAIN=6000 SELF_FRESH=1 SELF_ROUNDS=1 ERASE=0.5 STUDENT_PATIENCE=0 MARGIN=0.8 \
    "$bench/pixmark_ml_quality_bench" quality "$work/fm-images.idx3" "$work/fm-labels.idx1" "$work/fm" 1000 20000
  "$bench/pixmark_ml_calibration_bench" "$work/fm-labels.idx1" "$work/fm" 1000 20000 50
  tests/bench/ml_speed.sh "$bench/pixmark_ml_quality_bench" "$work/speed" 224 16 8 2
  echo "## ML assist: a scripted annotator labels 10,000 Fashion-MNIST images with and without assist"
  "$bench/pixmark_assist_annotator_bench" "$work/fm-images.idx3" "$work/fm-labels.idx1" "$work/annotator" 10000 1000 3000   # each training on the engine's plan
  echo "## ML engine: detector mAP@0.5 on generated scenes (500 training scenes, 300 unseen, 128 px)"
  "$bench/pixmark_ml_detection_bench" "$work/detection" 500 300 30 128
else
  echo "## ML engine: skipped (LibTorch not found)"
fi
