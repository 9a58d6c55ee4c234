#pragma once
// Recognizing DICOM files by their first bytes.

#include "core/ingest/image_format.h"

namespace pixmark::ingest {

/// True for "DICM" at byte 128, and for files written without the preamble (a bare data
/// set, e.g. pydicom's *NoMeta* files) that either carry a .dcm / .dicom extension or start
/// with a group 0x0002 or 0x0008 element in little- or big-endian explicit VR, or
/// little-endian implicit VR. Never true for a JPEG, PNG, BMP or TIFF signature.
bool looksLikeDicom(const FileSignature& signature);

} // namespace pixmark::ingest
