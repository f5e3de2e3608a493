// Input limits. Everything the checker reads is bounded so a hostile or
// broken file gets a clear message instead of a hang or an out-of-memory.
#pragma once
#include <cstddef>
#include <string>

namespace formcheck::limits {

inline constexpr size_t kMaxInputBytes = 32u * 1024u * 1024u;  // one form file
inline constexpr size_t kMaxRows = 300000;                      // grid rows / model rows
inline constexpr size_t kMaxCellsPerRow = 512;
inline constexpr size_t kMaxCellBytes = 256u * 1024u;
inline constexpr int kMaxJsonDepth = 32;
// Office files (.xlsx/.docx): entries in the archive, bytes one part may
// inflate to, and bytes all parts read may inflate to together.
inline constexpr size_t kMaxZipEntries = 10000;
inline constexpr size_t kMaxOfficePartBytes = 160u * 1024u * 1024u;
inline constexpr size_t kMaxOfficeTotalBytes = 256u * 1024u * 1024u;

std::string too_large_message(size_t bytes);

}  // namespace formcheck::limits
