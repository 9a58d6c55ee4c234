#!/usr/bin/env python3
"""Writes street-scene PNGs and a COCO file with a detector's boxes for them, for the box
canvas screenshot (scripts/screenshots.sh). Standard library only.
  make-street-demo.py OUTPUT_FOLDER COCO_FILE [COUNT]"""
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
    x = 0
    while x < W:
        w = rnd.randint(90, 220)
        h = rnd.randint(120, 320)
        gray = rnd.randint(120, 190)
        fill(rows, x, horizon - h, x + w - 6, horizon, (gray, gray - 10, gray - 20))
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
        fill(rows, cx + cw * 0.2, cy, cx + cw * 0.8, cy + ch * 0.45, color)
        fill(rows, cx + cw * 0.27, cy + ch * 0.08, cx + cw * 0.73, cy + ch * 0.4, (150, 190, 220))
        fill(rows, cx, cy + ch * 0.4, cx + cw, cy + ch * 0.85, color)
        fill(rows, cx + cw * 0.12, cy + ch * 0.75, cx + cw * 0.3, cy + ch, (20, 20, 20))
        fill(rows, cx + cw * 0.7, cy + ch * 0.75, cx + cw * 0.88, cy + ch, (20, 20, 20))
        boxes.append(("Car", cx, cy, cw, ch, round(rnd.uniform(0.72, 0.98), 2)))
    for i in range(rnd.randint(3, 5)):  # people on the sidewalk
        px = rnd.randint(20, W - 60)
        py = horizon - 60 + rnd.randint(0, 30)
        coat = rnd.choice(colors)
        fill(rows, px + 12, py, px + 30, py + 20, (230, 190, 160))
        fill(rows, px + 4, py + 20, px + 38, py + 80, coat)
        fill(rows, px + 8, py + 80, px + 18, py + 120, (40, 40, 60))
        fill(rows, px + 24, py + 80, px + 34, py + 120, (40, 40, 60))
        boxes.append(("Person", px, py, 42, 120, round(rnd.uniform(0.55, 0.95), 2)))
    bx = rnd.randint(100, W - 200)  # a bike
    by = 470
    fill(rows, bx, by + 30, bx + 40, by + 70, (20, 20, 20))
    fill(rows, bx + 80, by + 30, bx + 120, by + 70, (20, 20, 20))
    fill(rows, bx + 20, by + 20, bx + 100, by + 30, (0, 140, 120))
    boxes.append(("Bike", bx, by + 15, 120, 55, 0.61))
    return rows, boxes


def main():
    folder = Path(sys.argv[1])
    coco_file = Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    folder.mkdir(parents=True, exist_ok=True)
    names = ["Car", "Person", "Bike"]
    coco = {"images": [], "annotations": [],
            "categories": [{"id": i + 1, "name": n} for i, n in enumerate(names)]}
    for i in range(count):
        rows, boxes = scene(7 + i)
        name = f"street-{i + 1:02d}.png"
        png(folder / name, rows)
        coco["images"].append({"id": i + 1, "file_name": name, "width": W, "height": H})
        for name_, x, y, w, h, score in boxes:
            coco["annotations"].append({"id": len(coco["annotations"]) + 1, "image_id": i + 1,
                                        "category_id": names.index(name_) + 1, "bbox": [x, y, w, h],
                                        "area": w * h, "iscrowd": 0, "score": score})
    coco_file.write_text(json.dumps(coco))


if __name__ == "__main__":
    main()
