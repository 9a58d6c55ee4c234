#!/usr/bin/python3
"""Writes the reference data of the DICOM reader tests, once, with pydicom.

    /usr/bin/python3 tests/data/dicom/make_expected.py

Needs Debian's python3-pydicom (2.3), python3-numpy and python3-opencv (its OpenJPEG
encoder). Writes, next to this script:
  expected.json            what pydicom reads from every file of pydicom's test corpus
                           (Rows, Columns, NumberOfFrames, PixelData present, a few header
                           fields) and a few pixel_array values of selected files
  palette_color_8bit.dcm   PALETTE COLOR, 8-bit, 16 x 8 (the corpus has no palette file)
  multiframe_16bit.dcm     10 frames, 16 x 12, 12 of 16 bits, frame k holds 100 * k + x + y
  jpeg2000_multiframe_bot.dcm, jpeg2000_multiframe_nobot.dcm
                           3 frames, 64 x 40, JPEG 2000 Lossless, frame k holds
                           1000 * k + x + 10 * y, two fragments per frame, with and without
                           a Basic Offset Table
  htj2k_relabelled.dcm     MR_small_jp2klossless.dcm relabelled with the HTJ2K Lossless
                           transfer syntax UID (1.2.840.10008.1.2.4.201); its codestream is
                           still a Part 1 one, so it tests the UID plumbing only
The tests read expected.json; they never run this script.
"""

import json
import os
import struct
import sys
import warnings

import cv2
import numpy
import pydicom
from pydicom.encaps import encapsulate
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CORPUS = "/usr/lib/python3/dist-packages/pydicom/data/test_files"
HERE = os.path.dirname(os.path.abspath(__file__))

# Transfer syntaxes whose pixel data is stored uncompressed, so a short PixelData value
# means a truncated file.
NATIVE = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"}

# Refused by Pixmark's policy although pydicom reads them, with the reason.
POLICY_REFUSALS = {
    # DCMTK would inflate the whole data set into memory, unbounded, and the nesting check
    # that protects DCMTK's recursive parser cannot see inside the compressed stream.
    "1.2.840.10008.1.2.1.99": "deflated data sets are refused",
}

# Files whose pixel values the tests compare with pydicom's pixel_array: (row, col[, frame]).
PIXEL_PROBES = {
    "CT_small.dcm": [(0, 0), (10, 100), (64, 64), (127, 127), (31, 77)],
    "MR_small.dcm": [(0, 0), (5, 60), (32, 32), (63, 63), (40, 12)],
    "dicomdirtests/77654033/CR1/6154": [(0, 0), (8, 8), (15, 15), (3, 12)],
    "SC_rgb_rle.dcm": [(0, 0), (50, 50), (99, 99), (20, 80)],
    "rtdose.dcm": [(0, 0, 0), (5, 5, 3), (9, 9, 14)],
}


def frames_of(ds):
    """NumberOfFrames as an int; None when present but not a positive integer."""
    if "NumberOfFrames" not in ds:
        return 1
    raw = str(ds["NumberOfFrames"].value).strip()
    if not raw.isdigit() or int(raw) < 1:
        return None
    return int(raw)


def read(path):
    try:
        return pydicom.dcmread(path)
    except Exception:
        try:
            return pydicom.dcmread(path, force=True)
        except Exception:
            return None


def describe(rel, ds):
    entry = {"hasPixelData": False, "expect": "refused"}
    if ds is None:
        entry["why"] = "pydicom cannot read it"
        return entry
    entry["hasPixelData"] = "PixelData" in ds
    rows, cols = ds.get("Rows"), ds.get("Columns")
    if rows is not None:
        entry["rows"] = int(rows)
    if cols is not None:
        entry["columns"] = int(cols)
    meta = getattr(ds, "file_meta", None)
    ts = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
    if ts:
        entry["transferSyntaxUid"] = ts
    if not entry["hasPixelData"]:
        entry["why"] = "no PixelData"
        return entry
    if not rows or not cols:
        entry["why"] = "no Rows / Columns"
        return entry
    frames = frames_of(ds)
    if frames is None:
        entry["why"] = "Number of Frames is not an integer: %r" % str(ds["NumberOfFrames"].value)
        return entry
    entry["frames"] = frames
    if ts in POLICY_REFUSALS:
        entry["why"] = POLICY_REFUSALS[ts]
        return entry
    if ts in NATIVE:
        samples = int(ds.get("SamplesPerPixel", 1))
        if str(ds.get("PhotometricInterpretation", "")).strip() in ("YBR_FULL_422", "YBR_PARTIAL_422"):
            samples = 2  # 4:2:2 stores two samples per pixel
        need = rows * cols * frames * samples * int(ds.get("BitsAllocated", 16))
        need = (need + 7) // 8
        if len(ds.PixelData) < need:
            entry["why"] = "PixelData is truncated (%d of %d bytes)" % (len(ds.PixelData), need)
            return entry
    entry["expect"] = "image"
    entry["bitsStored"] = int(ds.get("BitsStored", 0))
    entry["samplesPerPixel"] = int(ds.get("SamplesPerPixel", 1))
    entry["photometric"] = str(ds.get("PhotometricInterpretation", "")).strip()
    entry["signed"] = int(ds.get("PixelRepresentation", 0)) == 1
    entry["rescaleSlope"] = float(ds.get("RescaleSlope", 1.0))
    entry["rescaleIntercept"] = float(ds.get("RescaleIntercept", 0.0))
    centers, widths = ds.get("WindowCenter"), ds.get("WindowWidth")
    if centers is not None and widths is not None:
        centers = list(centers) if isinstance(centers, pydicom.multival.MultiValue) else [centers]
        widths = list(widths) if isinstance(widths, pydicom.multival.MultiValue) else [widths]
        entry["windows"] = [[float(c), float(w)] for c, w in zip(centers, widths)]
    return entry


def pixel_probes(rel, ds):
    array = ds.pixel_array
    values = []
    for probe in PIXEL_PROBES[rel]:
        if len(probe) == 3:
            row, col, frame = probe
            value = array[frame][row][col]
        else:
            row, col = probe
            frame = 0
            value = array[row][col]
        values.append({"frame": frame, "row": row, "col": col,
                       "value": [int(v) for v in numpy.atleast_1d(value)]})
    return {"min": int(array.min()), "max": int(array.max()), "probes": values}


def new_dataset(rows, cols, photometric, bits_allocated, bits_stored):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"  # Secondary Capture
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[photometric, str(rows)])
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows = rows
    ds.Columns = cols
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated = bits_allocated
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 0
    return ds


def write_palette(path):
    ds = new_dataset(8, 16, "PALETTE COLOR", 8, 8)
    # 16-bit LUT entries: red rises with the index, green falls, blue is constant.
    ds.RedPaletteColorLookupTableDescriptor = [256, 0, 16]
    ds.GreenPaletteColorLookupTableDescriptor = [256, 0, 16]
    ds.BluePaletteColorLookupTableDescriptor = [256, 0, 16]
    ds.RedPaletteColorLookupTableData = struct.pack("<256H", *[i * 257 for i in range(256)])
    ds.GreenPaletteColorLookupTableData = struct.pack("<256H", *[(255 - i) * 257 for i in range(256)])
    ds.BluePaletteColorLookupTableData = struct.pack("<256H", *[128 * 257] * 256)
    ds.PixelData = bytes((16 * y + x) & 0xFF for y in range(8) for x in range(16))
    ds.save_as(path, write_like_original=False)


def write_multiframe(path):
    ds = new_dataset(12, 16, "MONOCHROME2", 16, 12)
    ds.NumberOfFrames = 10
    ds.WindowCenter = 500
    ds.WindowWidth = 1000
    values = [100 * k + x + y for k in range(10) for y in range(12) for x in range(16)]
    ds.PixelData = struct.pack("<%dH" % len(values), *values)
    ds.save_as(path, write_like_original=False)


def jp2_codestream(jp2):
    """The contiguous codestream box ('jp2c') of a JP2 file."""
    at = 0
    while at + 8 <= len(jp2):
        length, kind = struct.unpack(">I4s", jp2[at:at + 8])
        if kind == b"jp2c":
            return jp2[at + 8:at + length] if length else jp2[at + 8:]
        at += length
    raise ValueError("no codestream")


def write_jpeg2000_multiframe(path, with_offset_table):
    ds = new_dataset(40, 64, "MONOCHROME2", 16, 12)
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.90"  # JPEG 2000 Lossless Only
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.NumberOfFrames = 3
    frames = []
    for k in range(3):
        frame = numpy.fromfunction(lambda y, x: 1000 * k + x + 10 * y, (40, 64)).astype(numpy.uint16)
        ok, encoded = cv2.imencode(".jp2", frame)
        assert ok
        decoded = cv2.imdecode(encoded, cv2.IMREAD_UNCHANGED)
        assert (decoded == frame).all(), "OpenCV's JPEG 2000 encoder was not lossless"
        frames.append(jp2_codestream(encoded.tobytes()))
    ds.PixelData = encapsulate(frames, fragments_per_frame=2, has_bot=with_offset_table)
    ds["PixelData"].is_undefined_length = True
    ds.save_as(path, write_like_original=False)


def write_htj2k(path):
    # pydicom 2.3 does not know the HTJ2K UIDs, so the meta header is edited in place.
    data = open(os.path.join(CORPUS, "MR_small_jp2klossless.dcm"), "rb").read()
    old = b"\x02\x00\x10\x00UI" + struct.pack("<H", 22) + b"1.2.840.10008.1.2.4.90"
    new = b"\x02\x00\x10\x00UI" + struct.pack("<H", 24) + b"1.2.840.10008.1.2.4.201\x00"
    at = data.find(old)
    assert at > 0 and data[128:136] == b"DICM\x02\x00\x00\x00"
    data = data[:at] + new + data[at + len(old):]
    group_length = struct.unpack("<I", data[140:144])[0]
    data = data[:140] + struct.pack("<I", group_length + len(new) - len(old)) + data[144:]
    open(path, "wb").write(data)


def main():
    warnings.simplefilter("ignore")
    if not os.path.isdir(CORPUS):
        sys.exit("pydicom's test corpus is missing: " + CORPUS)
    files = {}
    pixels = {}
    for root, dirs, names in os.walk(CORPUS):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, CORPUS)
            ds = read(path)
            files[rel] = describe(rel, ds)
            if rel in PIXEL_PROBES:
                pixels[rel] = pixel_probes(rel, ds)
    write_palette(os.path.join(HERE, "palette_color_8bit.dcm"))
    write_multiframe(os.path.join(HERE, "multiframe_16bit.dcm"))
    write_htj2k(os.path.join(HERE, "htj2k_relabelled.dcm"))
    write_jpeg2000_multiframe(os.path.join(HERE, "jpeg2000_multiframe_bot.dcm"), True)
    write_jpeg2000_multiframe(os.path.join(HERE, "jpeg2000_multiframe_nobot.dcm"), False)
    document = {
        "generator": "tests/data/dicom/make_expected.py, pydicom " + pydicom.__version__,
        "corpus": CORPUS,
        "files": files,
        "pixels": pixels,
    }
    with open(os.path.join(HERE, "expected.json"), "w") as out:
        json.dump(document, out, indent=1, sort_keys=True)
        out.write("\n")
    images = sum(1 for entry in files.values() if entry["expect"] == "image")
    print("%d files, %d images, %d refused" % (len(files), images, len(files) - images))


if __name__ == "__main__":
    main()
