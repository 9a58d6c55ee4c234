#pragma once
// What Pixmark knows about a DICOM transfer syntax beyond what DCMTK 3.6.7 knows.

#include <string>

namespace pixmark::ingest {

/// A readable name: DCMTK's ("JPEG Lossless, Non-hierarchical, 1st Order Prediction"), or
/// Pixmark's own for syntaxes newer than DCMTK 3.6.7 (HTJ2K), or "unknown transfer
/// syntax <uid>".
std::string transferSyntaxName(const std::string& uid);

/// True when DCMTK 3.6.7 has no entry for the UID (its parser then guesses the encoding).
bool unknownToDcmtk(const std::string& uid);

/// JPEG 2000 Part 1 and HTJ2K syntaxes (1.2.840.10008.1.2.4.90/.91/.201/.202/.203), whose
/// frames Pixmark decodes itself because DCMTK 3.6.7 has no decoder for them.
bool isJpeg2000(const std::string& uid);

} // namespace pixmark::ingest
