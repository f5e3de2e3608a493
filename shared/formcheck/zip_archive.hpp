// The ZIP container of .xlsx and .docx: the central directory, each entry's
// data, and inflation through a function the front end supplies (zlib in the
// native build; in the browser the page inflates with DecompressionStream and
// hands the parts over, see office_import.hpp). Every size is checked against
// the bytes actually there and every inflation is capped by bytes produced,
// so a truncated file, a lying header or a zip bomb ends in a message.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace formcheck {

struct ZipError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The output passed the inflater's cap (thrown by an Inflater; a ZipError).
struct ZipTooLarge : ZipError {
  using ZipError::ZipError;
};

struct ZipEntry {
  std::string name;
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint16_t flags = 0;
  uint64_t csize = 0, size = 0;
  uint64_t offset = 0;  // of the local header
};

// Inflates raw DEFLATE data; throws ZipTooLarge when the output would pass
// `cap` bytes, ZipError when the data is corrupt. `expected` (the size the archive claims, at
// most `cap`) only sizes the first allocation: it is never trusted as a bound.
using Inflater = std::function<std::string(std::string_view deflated, size_t cap, size_t expected)>;

class ZipArchive {
 public:
  // Throws ZipError when `bytes` is not a readable ZIP archive.
  explicit ZipArchive(std::string_view bytes);
  const std::vector<ZipEntry>& entries() const { return entries_; }
  const ZipEntry* find(std::string_view name) const;
  // The entry's contents, at most `cap` bytes (ZipError past that). An entry
  // that inflates past the size the archive records for it is damaged (or a
  // zip bomb): it is stopped there, not at `cap`.
  std::string read(const ZipEntry& e, const Inflater& inflate, size_t cap) const;

 private:
  std::string_view bytes_;
  std::vector<ZipEntry> entries_;
};

bool looks_like_zip(std::string_view bytes);

// zlib's inflate, where the build has it (native); nullptr in the wasm build.
Inflater native_inflater();

}  // namespace formcheck
