// Legacy Excel files (.xls, and WPS .et, which is the same format): the
// Compound File container and the BIFF8 records of its Workbook stream, read
// into the same sheet cells as .xlsx (office_sheet.hpp), so a form saved in
// either format gives the same grid. Every offset, sector chain and record
// length is checked against the bytes that are there; chains are walked at
// most once per sector, so a damaged or hostile file ends in a message.
//
// Read: shared strings (SST with CONTINUE), LABELSST, LABEL, NUMBER, RK,
// MULRK, BLANK, MULBLANK, BOOLERR, FORMULA results (numbers, booleans, strings
// via STRING; a formula that is only a constant, shared or not, as typed),
// MERGEDCELLS, number formats (FORMAT, XF), sheet names (BOUNDSHEET8).
// Encrypted workbooks (FILEPASS) are refused with a message.
#include <cctype>
#include <cmath>
#include <cstring>
#include <optional>

#include "formcheck/limits.hpp"
#include "formcheck/office_sheet.hpp"
#include "formcheck/text_util.hpp"

namespace formcheck {

namespace {

using office::OfficeFailure;

uint32_t u16(std::string_view b, size_t o) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[o])) | static_cast<uint32_t>(static_cast<unsigned char>(b[o + 1])) << 8;
}
uint32_t u32(std::string_view b, size_t o) { return u16(b, o) | u16(b, o + 2) << 16; }

[[noreturn]] void broken(const std::string& why) { throw OfficeFailure{"旧版 Excel 文件已损坏或不完整（" + why + "）。"}; }

// ------------------------------------------------------------ compound file

class CompoundFile {
 public:
  explicit CompoundFile(std::string_view b) : b_(b) {
    if (b.size() < 512 || b.substr(0, 8) != std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) broken("文件头");
    const uint32_t shift = u16(b, 0x1E);
    if (shift != 9 && shift != 12) broken("扇区大小");
    sector_ = size_t{1} << shift;
    mini_cutoff_ = u32(b, 0x38);
    // The FAT: its sectors listed in the header (109) and in DIFAT sectors.
    std::vector<uint32_t> fat_sectors;
    for (size_t i = 0; i < 109; ++i) {
      const uint32_t s = u32(b, 0x4C + 4 * i);
      if (s >= 0xFFFFFFFA) break;
      fat_sectors.push_back(s);
    }
    uint32_t difat = u32(b, 0x44);
    for (size_t guard = 0; difat < 0xFFFFFFFA && guard < sectors(); ++guard) {
      const std::string_view d = sector(difat);
      for (size_t i = 0; i + 4 < sector_; i += 4) {
        const uint32_t s = u32(d, i);
        if (s < 0xFFFFFFFA) fat_sectors.push_back(s);
      }
      difat = u32(d, sector_ - 4);
    }
    if (fat_sectors.size() > sectors()) broken("分配表");
    for (uint32_t s : fat_sectors) {
      const std::string_view f = sector(s);
      for (size_t i = 0; i < sector_; i += 4) fat_.push_back(u32(f, i));
    }
    // The directory, then the mini stream (the root entry's stream) and mini FAT.
    directory_ = chain(u32(b, 0x30), SIZE_MAX);
    if (directory_.size() < 128) broken("目录");
    root_stream_ = chain(u32(directory_, 0x74), entry_size(0));
    const std::string minifat = chain(u32(b, 0x3C), SIZE_MAX);
    for (size_t i = 0; i + 4 <= minifat.size(); i += 4) minifat_.push_back(u32(minifat, i));
  }

  // A stream by name (case-insensitive ASCII), or nullopt.
  std::optional<std::string> stream(std::string_view name) const {
    for (size_t e = 0; e + 128 <= directory_.size(); e += 128) {
      const size_t name_bytes = u16(directory_, e + 0x40);
      if (name_bytes < 2 || name_bytes > 64 || static_cast<unsigned char>(directory_[e + 0x42]) != 2) continue;
      std::string n;
      for (size_t i = 0; i + 2 < name_bytes; i += 2) n += static_cast<char>(std::tolower(static_cast<unsigned char>(directory_[e + i])));
      std::string want(name);
      for (char& c : want) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (n != want) continue;
      const size_t size = entry_size(e / 128);
      if (size > limits::kMaxOfficePartBytes) throw OfficeFailure{"旧版 Excel 文件的内容过大。"};
      const uint32_t start = u32(directory_, e + 0x74);
      return size < mini_cutoff_ ? mini_chain(start, size) : chain(start, size);
    }
    return std::nullopt;
  }

 private:
  size_t sectors() const { return b_.size() / sector_; }
  std::string_view sector(uint32_t s) const {
    const size_t at = (static_cast<size_t>(s) + 1) * sector_;
    if (at + sector_ > b_.size()) broken("扇区越界");
    return b_.substr(at, sector_);
  }
  size_t entry_size(size_t e) const {
    if (e * 128 + 128 > directory_.size()) broken("目录项");
    return u32(directory_, e * 128 + 0x78);  // the high half is zero in version 3 files
  }
  // A stream's sectors in the FAT chain from `start`, at most `size` bytes.
  // A chain that comes back to a sector it passed is damage (a stream read
  // round a loop would repeat its bytes), whatever size the stream claims.
  std::string chain(uint32_t start, size_t size) const {
    std::string out;
    std::vector<bool> seen(fat_.size());
    for (size_t guard = 0; start < 0xFFFFFFFA && out.size() < size; ++guard) {
      if (guard > fat_.size() || (start >= fat_.size() && !fat_.empty())) broken("扇区链");
      if (!fat_.empty()) {
        if (seen[start]) broken("扇区链循环");
        seen[start] = true;
      }
      out.append(sector(start));
      start = fat_.empty() ? 0xFFFFFFFE : fat_[start];
    }
    if (size != SIZE_MAX) {
      if (out.size() < size) broken("流被截断");
      out.resize(size);
    }
    return out;
  }
  std::string mini_chain(uint32_t start, size_t size) const {
    std::string out;
    std::vector<bool> seen(minifat_.size());
    for (size_t guard = 0; start < 0xFFFFFFFA && out.size() < size; ++guard) {
      if (guard > minifat_.size() || start >= minifat_.size()) broken("小扇区链");
      if (seen[start]) broken("小扇区链循环");
      seen[start] = true;
      const size_t at = static_cast<size_t>(start) * 64;
      if (at + 64 > root_stream_.size()) broken("小扇区越界");
      out.append(root_stream_, at, 64);
      start = minifat_[start];
    }
    if (out.size() < size) broken("流被截断");
    out.resize(size);
    return out;
  }

  std::string_view b_;
  size_t sector_ = 512;
  uint32_t mini_cutoff_ = 4096;
  std::vector<uint32_t> fat_, minifat_;
  std::string directory_, root_stream_;
};

// ------------------------------------------------------------ BIFF8 records

struct Record {
  uint16_t type;
  std::string_view data;
  std::vector<std::string_view> continues;  // CONTINUE records that follow
};

// Reads a BIFF8 unicode string's characters (`count` of them) from `r` at
// `at`, crossing into CONTINUE records, where each piece starts with its own
// high-byte flag. Returns UTF-8.
class Reader {
 public:
  explicit Reader(const Record& r) : parts_{r.data} { parts_.insert(parts_.end(), r.continues.begin(), r.continues.end()); }
  bool has(size_t n) const {
    size_t left = parts_[part_].size() - at_;
    for (size_t p = part_ + 1; p < parts_.size() && left < n; ++p) left += parts_[p].size();
    return left >= n;
  }
  uint32_t byte() {
    next_if_done();
    if (at_ >= parts_[part_].size()) broken("字符串越界");
    return static_cast<unsigned char>(parts_[part_][at_++]);
  }
  uint32_t u16v() { const uint32_t a = byte(); return a | byte() << 8; }
  uint32_t u32v() { const uint32_t a = u16v(); return a | u16v() << 16; }
  void skip(size_t n) {
    for (size_t i = 0; i < n; ++i) byte();
  }
  // An XLUnicodeRichExtendedString (SST) or XLUnicodeString (count known).
  std::string unicode(size_t count, bool rich_ext) {
    uint32_t flags = byte();
    size_t runs = 0, ext = 0;
    if (rich_ext && (flags & 0x08)) runs = u16v();
    if (rich_ext && (flags & 0x04)) ext = u32v();
    std::string out;
    bool wide = flags & 0x01;
    for (size_t i = 0; i < count; ++i) {
      if (at_ >= parts_[part_].size()) {
        // The characters continue in the next CONTINUE record, after its own flag.
        if (part_ + 1 >= parts_.size()) broken("字符串被截断");
        ++part_, at_ = 0;
        wide = byte() & 0x01;
      }
      char32_t c = byte();
      if (wide) c |= static_cast<char32_t>(byte()) << 8;
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < count) {
        // A surrogate pair.
        const size_t save_part = part_, save_at = at_;
        char32_t lo = byte();
        if (wide) lo |= static_cast<char32_t>(byte()) << 8;
        if (lo >= 0xDC00 && lo <= 0xDFFF) c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00), ++i;
        else part_ = save_part, at_ = save_at;
      }
      append_utf8(out, (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c);
    }
    skip(4 * runs);
    skip(ext);
    return out;
  }

 private:
  void next_if_done() {
    while (at_ >= parts_[part_].size() && part_ + 1 < parts_.size()) ++part_, at_ = 0;
  }
  std::vector<std::string_view> parts_;
  size_t part_ = 0, at_ = 0;
};

std::vector<Record> records(std::string_view s) {
  std::vector<Record> out;
  for (size_t at = 0; at + 4 <= s.size();) {
    const uint16_t type = static_cast<uint16_t>(u16(s, at));
    const size_t len = u16(s, at + 2);
    if (at + 4 + len > s.size()) broken("记录被截断");
    const std::string_view data = s.substr(at + 4, len);
    if (type == 0x003C && !out.empty()) out.back().continues.push_back(data);
    else out.push_back({type, data, {}});
    at += 4 + len;
    if (out.size() > limits::kMaxRows * 24) throw OfficeFailure{"旧版 Excel 文件中的记录过多。"};
  }
  return out;
}

// The number a BIFF RK value holds.
double rk_value(uint32_t rk) {
  double v;
  if (rk & 0x02) {
    v = static_cast<double>(static_cast<int32_t>(rk) >> 2);
  } else {
    const uint64_t bits = static_cast<uint64_t>(rk & 0xFFFFFFFC) << 32;
    std::memcpy(&v, &bits, sizeof v);
  }
  return (rk & 0x01) ? v / 100 : v;
}

// A formula that is only a constant, with an optional % and sign — what Excel
// makes of "=100%" typed into a cell — as the user typed it ("=100%"), the way
// the .xlsx reader reads the same cell; "" for any other formula.
// (BIFF8 formula tokens: ptgInt 0x1E, ptgNum 0x1F, ptgPercent 0x14,
// ptgUplus 0x12, ptgUminus 0x13.)
std::string typed_constant(std::string_view rgce) {
  if (rgce.empty()) return "";
  std::string number;
  size_t i = 0;
  const auto t = static_cast<unsigned char>(rgce[0]);
  if (t == 0x17 && rgce.size() >= 3) {
    // ptgStr: "=500项" is kept by Excel as the text 500项; read as typed when
    // it is a number with a unit, as the .xlsx reader does.
    const size_t cch = static_cast<unsigned char>(rgce[1]);
    const bool wide = rgce[2] & 1;
    if (3 + cch * (wide ? 2 : 1) != rgce.size()) return "";
    std::string text;
    for (size_t k = 0; k < cch; ++k)
      append_utf8(text, wide ? static_cast<char32_t>(u16(rgce, 3 + 2 * k)) : static_cast<unsigned char>(rgce[3 + k]));
    return office::constant_formula(text) ? "=" + std::string(trim_view(text)) : "";
  }
  if (t == 0x1E && rgce.size() >= 3) {
    number = std::to_string(u16(rgce, 1));
    i = 3;
  } else if (t == 0x1F && rgce.size() >= 9) {
    double v;
    std::memcpy(&v, rgce.data() + 1, sizeof v);
    if (!std::isfinite(v)) return "";
    number = office::js_number(v);
    i = 9;
  } else {
    return "";
  }
  bool percent = false, minus = false;
  for (; i < rgce.size(); ++i) {
    const auto op = static_cast<unsigned char>(rgce[i]);
    if (op == 0x14 && !percent && !minus) percent = true;
    else if (op == 0x13 && !minus) minus = true;
    else if (op != 0x12) return "";
  }
  return "=" + std::string(minus ? "-" : "") + number + (percent ? "%" : "");
}

struct SheetInfo {
  std::string name;
  size_t offset;  // of its BOF in the Workbook stream
  bool worksheet;
};

}  // namespace

OfficeGrid grid_from_xls(std::string_view bytes) {
  OfficeGrid out;
  out.mode = "xls";
  try {
    const CompoundFile cf(bytes);
    auto wb = cf.stream("Workbook");
    if (!wb) wb = cf.stream("Book");  // BIFF5 (Excel 95) keeps its stream as Book
    // A Compound File without a workbook is an old Word file (.doc, .wps).
    if (!wb) {
      out.mode.clear();  // not a workbook: no input kind to name
      throw OfficeFailure{"这是旧版 Word 文件（.doc/.wps），目前能读取 .docx，以及 .xls/.et/.xlsx 表格。",
                          "请在 Word/WPS 中“另存为” .docx 后再导入，或复制表格粘贴。"};
    }
    const std::string_view w = *wb;
    // Globals: sheets, shared strings, number formats.
    std::vector<SheetInfo> sheets;
    std::vector<std::string> sst;
    std::vector<std::pair<int, std::string>> formats;  // a few dozen at most
    std::vector<int> xf_format;
    size_t at = 0;
    for (; at + 4 <= w.size();) {
      const uint16_t type = static_cast<uint16_t>(u16(w, at));
      const size_t len = u16(w, at + 2);
      if (at + 4 + len > w.size()) broken("记录被截断");
      if (type == 0x000A) break;  // EOF of the globals
      at += 4 + len;
    }
    std::vector<Record> globals = records(w.substr(0, at));
    for (const Record& r : globals) {
      const std::string_view d = r.data;
      if (r.type == 0x0809 && d.size() >= 2 && u16(d, 0) != 0x0600)
        throw OfficeFailure{"这是 Excel 95 或更早的文件，目前只能读取 Excel 97–2003（.xls）及以后的格式。"};
      if (r.type == 0x002F) throw OfficeFailure{"文件已加密（设有打开密码），请先在 Excel/WPS 中取消密码再导入。"};
      if (r.type == 0x0085 && d.size() >= 8) {
        Reader rd(r);
        const size_t offset = rd.u32v();
        rd.byte();  // visibility
        const bool worksheet = rd.byte() == 0;
        const size_t cch = rd.byte();
        sheets.push_back({rd.unicode(cch, false), offset, worksheet});
      } else if (r.type == 0x00FC && d.size() >= 8) {
        Reader rd(r);
        rd.u32v();
        const size_t unique = rd.u32v();
        if (unique > limits::kMaxRows * 4) throw OfficeFailure{"共享字符串过多。"};
        sst.reserve(unique);
        for (size_t i = 0; i < unique && rd.has(3); ++i) sst.push_back(rd.unicode(rd.u16v(), true));
      } else if (r.type == 0x041E && d.size() >= 5) {
        Reader rd(r);
        const int id = static_cast<int>(rd.u16v());
        formats.emplace_back(id, rd.unicode(rd.u16v(), false));
      } else if (r.type == 0x00E0 && d.size() >= 4) {
        xf_format.push_back(static_cast<int>(u16(d, 2)));
      }
    }
    auto format_of = [&](uint32_t xf) -> std::string {
      if (xf >= xf_format.size()) return "";
      const int id = xf_format[xf];
      for (auto f = formats.rbegin(); f != formats.rend(); ++f)
        if (f->first == id) return f->second;
      return office::builtin_format(id);
    };
    auto number_text = [&](double v, uint32_t xf) {
      return std::isfinite(v) ? office::format_number(office::js_number(v), format_of(xf)) : std::string();
    };
    office::WorkbookGrid book(out);
    for (const SheetInfo& s : sheets) {
      if (!s.worksheet) continue;  // a chart sheet: nothing to read
      if (s.offset >= w.size()) broken("工作表位置");
      // The sheet's substream runs from its BOF to its EOF.
      size_t end = s.offset;
      for (; end + 4 <= w.size();) {
        const uint16_t type = static_cast<uint16_t>(u16(w, end));
        const size_t len = u16(w, end + 2);
        if (end + 4 + len > w.size()) broken("记录被截断");
        end += 4 + len;
        if (type == 0x000A) break;
      }
      office::SheetCells cells(s.name);
      // A formatted empty cell (BLANK, MULBLANK) is put with no text, as in .xlsx.
      auto put = [&](uint32_t row, uint32_t col, const std::string& value) {
        cells.put(static_cast<long>(row), static_cast<int>(col), value);
      };
      const std::vector<Record> recs = records(w.substr(s.offset, end - s.offset));
      // Shared formulas (SHRFMLA), by their range's first cell: a FORMULA whose
      // tokens are only ptgExp(row, col) uses the shared tokens.
      auto tokens_of = [&](std::string_view rgce) {
        if (rgce.size() == 5 && static_cast<unsigned char>(rgce[0]) == 0x01)
          for (const Record& r : recs)
            if (r.type == 0x04BC && r.data.size() >= 10 && u16(r.data, 0) == u16(rgce, 1) &&
                static_cast<unsigned char>(r.data[4]) == u16(rgce, 3) && 10 + u16(r.data, 8) <= r.data.size())
              return r.data.substr(10, u16(r.data, 8));
        return rgce;
      };
      for (size_t i = 0; i < recs.size(); ++i) {
        const Record& r = recs[i];
        const std::string_view d = r.data;
        switch (r.type) {
          case 0x00FD:  // LABELSST
            if (d.size() >= 10 && u32(d, 6) < sst.size()) put(u16(d, 0), u16(d, 2), sst[u32(d, 6)]);
            break;
          case 0x0204:  // LABEL
            if (d.size() >= 9) {
              Reader rd(r);
              const uint32_t row = rd.u16v(), col = rd.u16v();
              rd.u16v();
              const size_t cch = rd.u16v();
              put(row, col, rd.unicode(cch, false));
            }
            break;
          case 0x0203:  // NUMBER
            if (d.size() >= 14) {
              double v;
              std::memcpy(&v, d.data() + 6, sizeof v);
              put(u16(d, 0), u16(d, 2), number_text(v, u16(d, 4)));
            }
            break;
          case 0x027E:  // RK
            if (d.size() >= 10) put(u16(d, 0), u16(d, 2), number_text(rk_value(u32(d, 6)), u16(d, 4)));
            break;
          case 0x00BD:  // MULRK
            if (d.size() >= 6) {
              const uint32_t row = u16(d, 0), first = u16(d, 2);
              for (size_t k = 0; 4 + k * 6 + 6 <= d.size() - 2; ++k)
                put(row, first + static_cast<uint32_t>(k), number_text(rk_value(u32(d, 4 + k * 6 + 2)), u16(d, 4 + k * 6)));
            }
            break;
          case 0x0201:  // BLANK
            if (d.size() >= 6) put(u16(d, 0), u16(d, 2), "");
            break;
          case 0x00BE:  // MULBLANK
            if (d.size() >= 6)
              for (size_t k = 0; 4 + k * 2 + 2 <= d.size() - 2; ++k) put(u16(d, 0), u16(d, 2) + static_cast<uint32_t>(k), "");
            break;
          case 0x0205:  // BOOLERR
            if (d.size() >= 8 && d[7] == 0) put(u16(d, 0), u16(d, 2), d[6] ? "TRUE" : "FALSE");
            break;
          case 0x0006:  // FORMULA: its cached result
            if (d.size() >= 14) {
              const uint32_t row = u16(d, 0), col = u16(d, 2), xf = u16(d, 4);
              const size_t cce = d.size() >= 22 ? u16(d, 20) : 0;
              const std::string typed = 22 + cce <= d.size() ? typed_constant(tokens_of(d.substr(22, cce))) : "";
              if (!typed.empty()) {
                put(row, col, typed);
              } else if (u16(d, 12) != 0xFFFF) {
                double v;
                std::memcpy(&v, d.data() + 6, sizeof v);
                put(row, col, number_text(v, xf));
              } else if (d[6] == 0 && i + 1 < recs.size() && recs[i + 1].type == 0x0207) {
                Reader rd(recs[i + 1]);
                put(row, col, rd.unicode(rd.u16v(), false));
              } else if (d[6] == 1) {
                put(row, col, d[8] ? "TRUE" : "FALSE");
              }
            }
            break;
          case 0x00E5:  // MERGEDCELLS
            if (d.size() >= 2)
              for (size_t k = 0, n = u16(d, 0); k < n && 2 + k * 8 + 8 <= d.size() && cells.merges.size() < 100000; ++k) {
                const size_t o = 2 + k * 8;
                const long r1 = u16(d, o), r2 = u16(d, o + 2), c1 = u16(d, o + 4), c2 = u16(d, o + 6);
                if (r2 >= r1 && c2 >= c1) cells.merges.push_back({r1, c1, r2, c2});
              }
            break;
          default: break;
        }
      }
      book.add(std::move(cells));
    }
    book.finish();
  } catch (const OfficeFailure& e) {
    out.ok = false;
    out.findings.push_back(
        office::office_error(e.message, e.fix.empty() ? "请在 Excel/WPS 中另存为 .xlsx 后再导入，或复制表格粘贴。" : e.fix));
  }
  return out;
}

}  // namespace formcheck
