#!/usr/bin/env python3
"""Writes street-scene PNGs and a COCO file with a detector's boxes for them, for the
canvas screenshots (scripts/screenshots.sh). With --polygons the annotations carry
outline polygons (instance segmentation); with --masks the file holds run-length masks of
the scene's regions (semantic segmentation: Sky, Building, Road, Car, Person). Standard
library only.
  make-street-demo.py OUTPUT_FOLDER COCO_FILE [COUNT] [--polygons | --masks]"""
import json
import random
import struct
import sys
import zlib
from pathlib import Path

W, H = 1600, 1000


def png(path, rows):
    raw = b"".join(b"\x00" + bytes(row) for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def fill(rows, x0, y0, x1, y1, color):
    x0, x1 = max(0, int(x0)), min(W, int(x1))
    span = bytes(color) * max(0, x1 - x0)
    for y in range(max(0, int(y0)), min(H, int(y1))):
        rows[y][3 * x0:3 * x1] = span


def scene(seed):
    rnd = random.Random(seed)
    rows = []
    horizon = 420
    for y in range(H):
        if y < horizon:
            t = y / horizon
            color = (int(120 + 90 * t), int(170 + 60 * t), int(230 - 10 * t))
        else:
            shade = int(70 + 30 * (y - horizon) / (H - horizon))
            color = (shade, shade, shade + 4)
        rows.append(bytearray(bytes(color) * W))
    # Buildings along the horizon.
    buildings = []
    x = 0
    while x < W:
        w = rnd.randint(90, 220)
        h = rnd.randint(120, 320)
        gray = rnd.randint(120, 190)
        fill(rows, x, horizon - h, x + w - 6, horizon, (gray, gray - 10, gray - 20))
        buildings.append((x, horizon - h, x + w - 6, horizon))
        for wy in range(horizon - h + 20, horizon - 20, 36):
            for wx in range(x + 12, x + w - 30, 30):
                fill(rows, wx, wy, wx + 14, wy + 18, (60, 80, 110))
        x += w
    fill(rows, 0, horizon, W, horizon + 40, (150, 150, 145))  # sidewalk
    for lx in range(0, W, 160):
        fill(rows, lx + 20, 740, lx + 110, 752, (235, 235, 220))  # lane marks
    boxes = []
    colors = [(200, 40, 40), (40, 90, 200), (230, 200, 40), (30, 30, 30), (220, 220, 225)]
    for i in range(rnd.randint(4, 6)):  # cars
        cw = rnd.randint(220, 320)
        ch = int(cw * 0.45)
        cx = rnd.randint(0, W - cw)
        cy = rnd.choice([560, 640, 780]) + rnd.randint(-20, 20)
        if any(abs(cx - b[1]) < cw * 0.8 and abs(cy - b[2]) < ch * 0.8 for b in boxes):
            continue
        color = rnd.choice(colors)
        parts = [(cx + cw * 0.2, cy, cx + cw * 0.8, cy + ch * 0.45), (cx, cy + ch * 0.4, cx + cw, cy + ch * 0.85),
                 (cx + cw * 0.12, cy + ch * 0.75, cx + cw * 0.3, cy + ch), (cx + cw * 0.7, cy + ch * 0.75, cx + cw * 0.88, cy + ch)]
        outline = [(cx + cw * 0.2, cy), (cx + cw * 0.8, cy), (cx + cw * 0.8, cy + ch * 0.4), (cx + cw, cy + ch * 0.4),
                   (cx + cw, cy + ch * 0.85), (cx + cw * 0.88, cy + ch * 0.85), (cx + cw * 0.88, cy + ch),
                   (cx + cw * 0.7, cy + ch), (cx + cw * 0.7, cy + ch * 0.85), (cx + cw * 0.3, cy + ch * 0.85),
                   (cx + cw * 0.3, cy + ch), (cx + cw * 0.12, cy + ch), (cx + cw * 0.12, cy + ch * 0.85),
                   (cx, cy + ch * 0.85), (cx, cy + ch * 0.4), (cx + cw * 0.2, cy + ch * 0.4)]
        fill(rows, cx + cw * 0.2, cy, cx + cw * 0.8, cy + ch * 0.45, color)
        fill(rows, cx + cw * 0.27, cy + ch * 0.08, cx + cw * 0.73, cy + ch * 0.4, (150, 190, 220))
        fill(rows, cx, cy + ch * 0.4, cx + cw, cy + ch * 0.85, color)
        fill(rows, cx + cw * 0.12, cy + ch * 0.75, cx + cw * 0.3, cy + ch, (20, 20, 20))
        fill(rows, cx + cw * 0.7, cy + ch * 0.75, cx + cw * 0.88, cy + ch, (20, 20, 20))
        boxes.append(("Car", cx, cy, cw, ch, round(rnd.uniform(0.72, 0.98), 2), outline, parts))
    for i in range(rnd.randint(3, 5)):  # people on the sidewalk
        px = rnd.randint(20, W - 60)
        py = horizon - 60 + rnd.randint(0, 30)
        coat = rnd.choice(colors)
        fill(rows, px + 12, py, px + 30, py + 20, (230, 190, 160))
        fill(rows, px + 4, py + 20, px + 38, py + 80, coat)
        fill(rows, px + 8, py + 80, px + 18, py + 120, (40, 40, 60))
        fill(rows, px + 24, py + 80, px + 34, py + 120, (40, 40, 60))
        outline = [(px + 12, py), (px + 30, py), (px + 30, py + 20), (px + 38, py + 20), (px + 38, py + 80),
                   (px + 34, py + 80), (px + 34, py + 120), (px + 24, py + 120), (px + 24, py + 80), (px + 18, py + 80),
                   (px + 18, py + 120), (px + 8, py + 120), (px + 8, py + 80), (px + 4, py + 80), (px + 4, py + 20),
                   (px + 12, py + 20)]
        parts = [(px + 12, py, px + 30, py + 20), (px + 4, py + 20, px + 38, py + 80), (px + 8, py + 80, px + 18, py + 120),
                 (px + 24, py + 80, px + 34, py + 120)]
        boxes.append(("Person", px, py, 42, 120, round(rnd.uniform(0.55, 0.95), 2), outline, parts))
    bx = rnd.randint(100, W - 200)  # a bike
    by = 470
    fill(rows, bx, by + 30, bx + 40, by + 70, (20, 20, 20))
    fill(rows, bx + 80, by + 30, bx + 120, by + 70, (20, 20, 20))
    fill(rows, bx + 20, by + 20, bx + 100, by + 30, (0, 140, 120))
    boxes.append(("Bike", bx, by + 15, 120, 55, 0.61,
                  [(bx, by + 30), (bx + 20, by + 30), (bx + 20, by + 20), (bx + 100, by + 20), (bx + 100, by + 30),
                   (bx + 120, by + 30), (bx + 120, by + 70), (bx + 80, by + 70), (bx + 80, by + 30), (bx + 40, by + 30),
                   (bx + 40, by + 70), (bx, by + 70)],
                  [(bx, by + 30, bx + 40, by + 70), (bx + 80, by + 30, bx + 120, by + 70), (bx + 20, by + 20, bx + 100, by + 30)]))
    return rows, boxes, buildings


def rle(rects):
    """COCO's uncompressed counts (column-major runs, unset first) of a union of rectangles."""
    counts = []
    last = 0  # position after the last set run
    for x in range(W):
        spans = sorted((max(0, int(y0)), min(H, int(y1))) for x0, y0, x1, y1 in rects
                       if max(0, int(x0)) <= x < min(W, int(x1)) and int(y1) > int(y0))
        merged = []
        for y0, y1 in spans:
            if merged and y0 <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], y1)
            else:
                merged.append([y0, y1])
        for y0, y1 in merged:
            start = x * H + y0
            if counts and start == last:
                counts[-1] += y1 - y0
            else:
                counts += [start - last, y1 - y0]
            last = x * H + y1
    counts.append(W * H - last)
    return {"size": [H, W], "counts": counts}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mode = next((a for a in sys.argv[1:] if a in ("--polygons", "--masks")), "")
    folder = Path(args[0])
    coco_file = Path(args[1])
    count = int(args[2]) if len(args) > 2 else 3
    folder.mkdir(parents=True, exist_ok=True)
    names = ["Sky", "Building", "Road", "Car", "Person"] if mode == "--masks" else ["Car", "Person", "Bike"]
    coco = {"images": [], "annotations": [],
            "categories": [{"id": i + 1, "name": n} for i, n in enumerate(names)]}

    def add(image_id, name, **fields):
        coco["annotations"].append({"id": len(coco["annotations"]) + 1, "image_id": image_id,
                                    "category_id": names.index(name) + 1, "iscrowd": 0, **fields})

    for i in range(count):
        rows, boxes, buildings = scene(7 + i)
        name = f"street-{i + 1:02d}.png"
        png(folder / name, rows)
        coco["images"].append({"id": i + 1, "file_name": name, "width": W, "height": H})
        if mode == "--masks":
            # Later masks paint over earlier ones: the scene's layers back to front.
            add(i + 1, "Sky", segmentation=rle([(0, 0, W, 420)]), score=0.9)
            add(i + 1, "Building", segmentation=rle(buildings), score=0.8)
            add(i + 1, "Road", segmentation=rle([(0, 460, W, H)]), score=0.9)
            for name_, x, y, w, h, score, outline, parts in boxes:
                if name_ in names:
                    add(i + 1, name_, segmentation=rle(parts), score=score)
            continue
        for name_, x, y, w, h, score, outline, parts in boxes:
            fields = {"bbox": [x, y, w, h], "area": w * h, "score": score}
            if mode == "--polygons":
                fields["segmentation"] = [[round(c, 1) for point in outline for c in point]]
            add(i + 1, name_, **fields)
    coco_file.write_text(json.dumps(coco))


if __name__ == "__main__":
    main()
