#include "formcheck/zip_archive.hpp"

#include <algorithm>

#include "formcheck/limits.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

uint32_t u16(std::string_view b, size_t o) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[o])) | static_cast<uint32_t>(static_cast<unsigned char>(b[o + 1])) << 8;
}
uint32_t u32(std::string_view b, size_t o) { return u16(b, o) | u16(b, o + 2) << 16; }

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

ZipArchive::ZipArchive(std::string_view bytes) : bytes_(bytes) {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes.
  if (bytes.size() < 22) throw ZipError("文件不完整（ZIP 结构过短）");
  size_t eocd = std::string_view::npos;
  const size_t lowest = bytes.size() > 65557 ? bytes.size() - 65557 : 0;
  for (size_t i = bytes.size() - 22 + 1; i-- > lowest;)
    if (u32(bytes, i) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd == std::string_view::npos) throw ZipError("文件不完整或已损坏（找不到 ZIP 目录）");
  const uint32_t count = u16(bytes, eocd + 10);
  const uint64_t dir = u32(bytes, eocd + 16);
  if (count > limits::kMaxZipEntries) throw ZipError("压缩包中的文件过多（" + std::to_string(count) + " 个）");
  size_t p = static_cast<size_t>(dir);
  for (uint32_t n = 0; n < count; ++n) {
    if (p > bytes.size() || bytes.size() - p < 46 || u32(bytes, p) != 0x02014b50)
      throw ZipError("文件已损坏（ZIP 目录不完整）");
    ZipEntry e;
    e.flags = static_cast<uint16_t>(u16(bytes, p + 8));
    e.method = static_cast<uint16_t>(u16(bytes, p + 10));
    e.csize = u32(bytes, p + 20);
    e.size = u32(bytes, p + 24);
    const uint32_t nlen = u16(bytes, p + 28), xlen = u16(bytes, p + 30), clen = u16(bytes, p + 32);
    e.offset = u32(bytes, p + 42);
    if (bytes.size() - p - 46 < nlen) throw ZipError("文件已损坏（ZIP 目录不完整）");
    e.name.assign(bytes.substr(p + 46, nlen));
    entries_.push_back(std::move(e));
    p += 46 + static_cast<size_t>(nlen) + xlen + clen;
  }
  // Two entries of one name: readers disagree on which is the part (the
  // first, the last), so the file is damaged rather than read either way.
  std::vector<std::string_view> names;
  names.reserve(entries_.size());
  for (const auto& e : entries_) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  const auto twice = std::adjacent_find(names.begin(), names.end());
  if (twice != names.end()) {
    const std::string name(*twice);
    throw ZipError("文件已损坏（压缩包中有两个名为 " + (is_valid_utf8(name) ? name : utf8_lossy(name)) + " 的条目）");
  }
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

namespace {
// Shared word for word with web/js/office.js (the page and the CLI say the same).
std::string recorded_size_message(const std::string& name, uint64_t size) {
  return "文件已损坏（" + name + " 解压后过大，超过压缩包记录的 " + std::to_string(size) + " 字节）";
}
}  // namespace

std::string ZipArchive::read(const ZipEntry& e, const Inflater& inflate, size_t cap) const {
  if (e.flags & 1) throw ZipError("文件已加密（设有打开密码），请先在 Excel/WPS 中取消密码再导入");
  const size_t h = static_cast<size_t>(e.offset);
  if (h > bytes_.size() || bytes_.size() - h < 30 || u32(bytes_, h) != 0x04034b50)
    throw ZipError("文件已损坏（" + e.name + " 的位置不对）");
  const size_t start = h + 30 + u16(bytes_, h + 26) + u16(bytes_, h + 28);
  if (start > bytes_.size() || bytes_.size() - start < e.csize) throw ZipError("文件不完整（" + e.name + " 被截断）");
  const std::string_view data = bytes_.substr(start, static_cast<size_t>(e.csize));
  if (e.method == 0) {
    if (data.size() > cap) throw ZipError(e.name + " 过大");
    return std::string(data);
  }
  if (e.method != 8) throw ZipError("不支持的压缩方式（" + std::to_string(e.method) + "）");
  if (!inflate) throw ZipError("此版本不能解压 Office 文件");
  // The central directory records each entry's size exactly (0xFFFFFFFF means
  // ZIP64, whose size sits elsewhere): more output than that is no honest file.
  const bool recorded = e.size < 0xFFFFFFFFu && e.size < cap;
  const size_t bound = recorded ? static_cast<size_t>(e.size) : cap;
  try {
    return inflate(data, bound, bound);
  } catch (const ZipTooLarge&) {
    if (!recorded) throw;
    throw ZipError(recorded_size_message(e.name, e.size));
  }
}

}  // namespace formcheck
