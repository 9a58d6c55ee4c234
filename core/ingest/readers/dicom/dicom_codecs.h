#pragma once
// DCMTK's process-wide setup, done once before the first DICOM file is read.

namespace pixmark::ingest {

/// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and sets its parser and log options.
/// Safe to call from any thread, any number of times; the work happens on the first call
/// and the registrations stay for the life of the process (they are never torn down, so
/// no thread can be left decoding with a codec that was just unregistered).
void initDicomCodecs();

} // namespace pixmark::ingest
