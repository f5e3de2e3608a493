// The office reader (office_import.cpp): real .xlsx/.docx made by LibreOffice
// give the model their text versions give, and broken or hostile files get
// one clear import.* message, never a hang, a crash or unbounded memory.
#include <gtest/gtest.h>

#include <ctime>
#include <zlib.h>

#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "formcheck/model_json.hpp"
#include "formcheck/office_formula.hpp"
#include "formcheck/office_import.hpp"
#include "formcheck/rule.hpp"
#include "formcheck/xml_reader.hpp"
#include "test_util.hpp"

namespace {

using formcheck::Document;

// ------------------------------------------------------------ a zip writer

void put16(std::string& s, uint32_t v) { s += static_cast<char>(v & 0xFF), s += static_cast<char>(v >> 8 & 0xFF); }
void put32(std::string& s, uint32_t v) { put16(s, v & 0xFFFF), put16(s, v >> 16); }

struct Entry {
  std::string name, data;
  bool deflate = false;
  uint16_t flags = 0;
  int64_t claimed_size = -1;  // a lying header
};

std::string deflate_raw(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string zip(const std::vector<Entry>& entries) {
  std::string body, dir;
  for (const auto& e : entries) {
    const std::string data = e.deflate ? deflate_raw(e.data) : e.data;
    const uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(e.data.data()), static_cast<uInt>(e.data.size())));
    const uint32_t size = e.claimed_size >= 0 ? static_cast<uint32_t>(e.claimed_size) : static_cast<uint32_t>(e.data.size());
    const uint32_t offset = static_cast<uint32_t>(body.size());
    put32(body, 0x04034b50), put16(body, 20), put16(body, e.flags), put16(body, e.deflate ? 8 : 0), put32(body, 0);
    put32(body, crc), put32(body, static_cast<uint32_t>(data.size())), put32(body, size);
    put16(body, static_cast<uint32_t>(e.name.size())), put16(body, 0);
    body += e.name + data;
    put32(dir, 0x02014b50), put16(dir, 20), put16(dir, 20), put16(dir, e.flags), put16(dir, e.deflate ? 8 : 0);
    put32(dir, 0), put32(dir, crc), put32(dir, static_cast<uint32_t>(data.size())), put32(dir, size);
    put16(dir, static_cast<uint32_t>(e.name.size())), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0);
    put32(dir, 0), put32(dir, offset);
    dir += e.name;
  }
  std::string out = body + dir;
  put32(out, 0x06054b50), put16(out, 0), put16(out, 0), put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size())), put32(out, static_cast<uint32_t>(dir.size()));
  put32(out, static_cast<uint32_t>(body.size())), put16(out, 0);
  return out;
}

const char* kWorkbook =
    R"(<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="目标表" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const char* kRels = R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";

std::string xlsx(const std::string& sheet_data, const std::string& after = "", bool deflate = true) {
  const std::string sheet = "<worksheet><sheetData>" + sheet_data + "</sheetData>" + after + "</worksheet>";
  return zip({{"xl/workbook.xml", kWorkbook, deflate},
              {"xl/_rels/workbook.xml.rels", kRels, deflate},
              {"xl/worksheets/sheet1.xml", sheet, deflate}});
}

std::string docx(const std::string& body) {
  return zip({{"word/document.xml", "<w:document xmlns:w=\"w\"><w:body>" + body + "</w:body></w:document>", true}});
}

Document load(const std::string& bytes) {
  Document d = formcheck::load_document("t.xlsx", bytes);
  formcheck::check_document(d);
  return d;
}

bool has(const Document& d, const std::string& rule, const std::string& part = "") {
  for (const auto& f : d.findings)
    if (f.rule == rule && f.message.find(part) != std::string::npos) return true;
  return false;
}

std::string dump(const Document& d) {
  std::string s;
  for (const auto& f : d.findings) s += f.rule + ": " + f.message + "\n";
  return s;
}

// Each hostile file is answered within a second (the sanitizer build runs
// several times slower, so it is given five).
#if defined(__SANITIZE_ADDRESS__)
constexpr double kSecond = 5.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kSecond = 5.0;
#else
constexpr double kSecond = 1.0;
#endif
#else
constexpr double kSecond = 1.0;
#endif
// The time is this thread's CPU time, not the wall clock: a machine busy with
// other work (a parallel build, CI neighbours) must not fail the test, and a
// reader that loops still does.
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
template <class F>
void within_a_second(F f) {
  const double t0 = thread_cpu_seconds();
  f();
  EXPECT_LT(thread_cpu_seconds() - t0, kSecond);
}

// ------------------------------------------------------------ real files

// The seeds' office versions (LibreOffice, merged cells) read as their text does.
TEST(OfficeImport, LibreOfficeFilesGiveTheTextModel) {
  for (const char* seed : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022}) {
    const std::string base = std::string(seed).substr(0, std::string(seed).size() - 4);
    nlohmann::ordered_json text = formcheck::form_to_json(fctest::check_text(fctest::seed(seed)).form);
    for (const char* ext : {".xlsx", ".docx"}) {
      Document d = load(fctest::fixture("office/" + base + ext));
      ASSERT_TRUE(d.has_form) << base << ext << dump(d);
      nlohmann::ordered_json office = formcheck::form_to_json(d.form);
      // Positions differ by nature (sheet rows vs text lines); numbers by how
      // Excel stores them (".7" is 0.7): compare the readings.
      auto strip = [](nlohmann::ordered_json j) {
        j.erase("src");
        for (auto& [k, section] : j.items())
          if (section.is_array())
            for (auto& row : section) row.erase("src");
        if (j.contains("funds"))
          for (auto& side : j["funds"]) for (auto& row : side) row.erase("src");
        return j;
      };
      auto a = strip(text), b = strip(office);
      auto flat_a = a.flatten(), flat_b = b.flatten();
      for (auto& [k, v] : flat_a.items()) {
        ASSERT_TRUE(flat_b.contains(k)) << base << ext << " lacks " << k;
        const std::string x = v.is_string() ? v.get<std::string>() : v.dump();
        const std::string y = flat_b[k].is_string() ? flat_b[k].get<std::string>() : flat_b[k].dump();
        if (x == y) continue;
        // 0.7 vs .7, 92.61% vs 92.610%: the same number.
        char* e1 = nullptr;
        char* e2 = nullptr;
        const double n1 = std::strtod(x.c_str(), &e1), n2 = std::strtod(y.c_str(), &e2);
        EXPECT_TRUE(e1 != x.c_str() && e2 != y.c_str() && std::string(e1) == std::string(e2) && std::abs(n1 - n2) < 1e-9)
            << base << ext << " " << k << ": " << x << " != " << y;
      }
      EXPECT_EQ(flat_a.size(), flat_b.size()) << base << ext;
    }
  }
}

TEST(OfficeImport, FindingsNameTheSheetCell) {
  const Document d = load(fctest::fixture("office/001_f2b30ced5db2740f.xlsx"));
  bool named = false;
  for (const auto& f : d.findings) named = named || formcheck::cell_name(d, f.location.src).rfind("Sheet1!", 0) == 0;
  EXPECT_TRUE(named) << dump(d);
  const std::string json = formcheck::document_json_text(d, false, false);
  EXPECT_NE(json.find("\"cell\":\"Sheet1!"), std::string::npos);
}

// ------------------------------------------------------------ cell values

TEST(OfficeImport, CellsAsExcelShowsThem) {
  const std::string styles =
      R"(<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs>)"
      R"(<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/><xf numFmtId="9"/></cellXfs></styleSheet>)";
  const std::string sheet =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.92610000000000003</v></c>)"
      R"(<c r="C1" s="2"><v>1234.5</v></c><c r="D1" s="3"><v>0.5</v></c><c r="E1"><f>100%</f><v>1</v></c>)"
      R"(<c r="F1" t="inlineStr"><is><t>内联</t></is></c><c r="G1"><v>15.810000000000002</v></c>)"
      R"(<c r="H1"><f>SUM(A2:A3)</f><v>3</v></c><c r="I1" t="b"><v>1</v></c></row>)";
  const std::string shared = R"(<sst><si><r><t>富</t></r><r><t>文本</t></r><rPh><t>ふ</t></rPh></si></sst>)";
  const std::string file = zip({{"xl/workbook.xml", kWorkbook, true},
                                {"xl/_rels/workbook.xml.rels", kRels, false},
                                {"xl/styles.xml", styles, true},
                                {"xl/sharedStrings.xml", shared, true},
                                {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheet + "</sheetData></worksheet>", true}});
  EXPECT_EQ(formcheck::grid_text(file), "1\t富文本\t92.61%\t1234.50\t50%\t=100%\t内联\t15.81\t3\tTRUE\n");
}

TEST(OfficeImport, MergedCellsAndWordSpans) {
  const std::string sheet = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c>)"
                            R"(<c r="B1" t="inlineStr"><is><t>苏州市某中心</t></is></c></row>)"
                            R"(<row r="2"><c r="A2" t="inlineStr"><is><t>一级</t></is></c><c r="D2"><v>5</v></c></row>)"
                            R"(<row r="3"><c r="D3"><v>6</v></c></row>)";
  const std::string merges = R"(<mergeCells><mergeCell ref="B1:C1"/><mergeCell ref="A2:A3"/></mergeCells>)";
  // B1:C1 is one cell (C1 dropped); A2:A3 leaves an empty A3.
  EXPECT_EQ(formcheck::grid_text(xlsx(sheet, merges)), "1\t单位名称\t苏州市某中心\n2\t一级\t\t\t5\n3\t\t\t\t6\n");
  const std::string body =
      R"(<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>)"
      R"(<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>组</w:t></w:r></w:p></w:tc>)"
      R"(<w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>组</w:t></w:r></w:p></w:tc>)"
      R"(<w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)";
  EXPECT_EQ(formcheck::grid_text(docx(body)), "1\t标题\n2\t甲乙\t\t3\n3\t组\t\t4\n4\t\t\t5\n0\n");
}

// A check that keeps the grid carries the merges, so the page can draw the
// table as Excel or Word shows it: .xlsx in the sheet's columns, .docx in the grid's.
TEST(OfficeImport, MergesComeWithTheKeptGrid) {
  formcheck::Options keep;
  keep.keep_grid = true;
  using M = std::vector<std::array<int, 4>>;
  const std::string sheet = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c>)"
                            R"(<c r="B1" t="inlineStr"><is><t>苏州市某中心</t></is></c></row>)"
                            R"(<row r="2"><c r="A2" t="inlineStr"><is><t>一级</t></is></c><c r="D2"><v>5</v></c></row>)"
                            R"(<row r="3"><c r="D3"><v>6</v></c></row>)";
  const std::string merges =
      R"(<mergeCells><mergeCell ref="B1:C1"/><mergeCell ref="A2:A3"/><mergeCell ref="B9:C9"/></mergeCells>)";
  const Document x = formcheck::load_document("t.xlsx", xlsx(sheet, merges), keep);
  EXPECT_EQ(x.source_merges, (M{{1, 2, 1, 2}, {2, 1, 2, 1}}));  // a merge below the last row is not drawn
  const std::string body =
      R"(<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>)"
      R"(<w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>组</w:t></w:r></w:p></w:tc>)"
      R"(<w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>)"
      R"(<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>)";
  const Document w = formcheck::load_document("t.docx", docx(body), keep);
  EXPECT_EQ(w.source_merges, (M{{1, 1, 1, 2}, {2, 1, 2, 1}}));  // a lone restart is no merge
  // Without keep_grid, nothing.
  EXPECT_TRUE(formcheck::load_document("t.xlsx", xlsx(sheet, merges)).source_merges.empty());
  // In the result JSON, beside source_grid.
  std::vector<Document> docs;
  docs.push_back(formcheck::load_document("t.xlsx", xlsx(sheet, merges), keep));
  EXPECT_NE(formcheck::documents_json_text(docs, false, false).find(R"("source_merges":[[1,2,1,2],[2,1,2,1]])"), std::string::npos);
}

// ------------------------------------------------------------ hostile files

TEST(OfficeImport, TruncatedAndCorruptFilesSaySo) {
  const std::string good = fctest::fixture("office/000_f35a91aedacdb67a.xlsx");
  for (size_t cut : {good.size() / 2, good.size() - 30, size_t{100}}) {
    const Document d = load(good.substr(0, cut));
    EXPECT_TRUE(has(d, "import.invalid_office")) << cut << dump(d);
    EXPECT_FALSE(d.has_form);
  }
  std::string flipped = good;
  for (size_t i = 200; i < 400; ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  EXPECT_TRUE(has(load(flipped), "import.invalid_office"));
}

TEST(OfficeImport, AZipBombStopsAtTheCapByBytesProduced) {
  // 200 MB of spaces deflates to ~200 KB; the header claims 1 KB.
  std::vector<Entry> e = {{"xl/workbook.xml", kWorkbook, true}, {"xl/_rels/workbook.xml.rels", kRels, true}};
  Entry bomb{"xl/worksheets/sheet1.xml", std::string(200u * 1024u * 1024u, ' '), true};
  bomb.claimed_size = 1024;
  e.push_back(std::move(bomb));
  const std::string file = zip(e);
  e.clear();
  within_a_second([&] {
    const Document d = load(file);
    EXPECT_TRUE(has(d, "import.invalid_office", "过大")) << dump(d);
  });
}

TEST(OfficeImport, AnEntryThatInflatesPastItsRecordedSizeIsDamaged) {
  // The central directory records every entry's size; an honest writer's
  // entry never inflates past it. Stopped there, whatever the overall cap.
  std::vector<Entry> e = {{"xl/workbook.xml", kWorkbook, true}, {"xl/_rels/workbook.xml.rels", kRels, true}};
  Entry sheet{"xl/worksheets/sheet1.xml", std::string(5000, ' '), true};
  sheet.claimed_size = 100;
  e.push_back(std::move(sheet));
  const Document d = load(zip(e));
  EXPECT_TRUE(has(d, "import.invalid_office", "文件已损坏（xl/worksheets/sheet1.xml 解压后过大，超过压缩包记录的 100 字节）"))
      << dump(d);
}

TEST(OfficeImport, EncryptedAndLegacyFilesSaySo) {
  std::vector<Entry> e = {{"xl/workbook.xml", kWorkbook, true, 1}};
  EXPECT_TRUE(has(load(zip(e)), "import.invalid_office", "加密"));
  const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0');
  EXPECT_TRUE(has(load(ole), "import.invalid_office", "旧版"));
  EXPECT_TRUE(has(load(zip({{"a.txt", "x", false}})), "import.invalid_office", "不是 Excel"));
}

TEST(OfficeImport, ExternalEntitiesAreNeverExpanded) {
  const std::string sheet = R"(<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "&a;&a;">]>)"
                            R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;&a;</t></is></c></row>)"
                            R"(</sheetData></worksheet>)";
  const std::string file = zip({{"xl/workbook.xml", kWorkbook, true},
                                {"xl/_rels/workbook.xml.rels", kRels, true},
                                {"xl/worksheets/sheet1.xml", sheet, true}});
  EXPECT_EQ(formcheck::grid_text(file), "1\t&xxe;&a;\n");
}

TEST(OfficeImport, HugeReferencesAndSpansAreBounded) {
  within_a_second([] {
    // A column far past Excel's last (GKGWBYL), a row past it, a formatted
    // empty row far below, a merge of the whole sheet: read in bounded time.
    // (References past Excel's own grid are damage: see AReferencePastExcelsGridIsADamagedFile.)
    const std::string sheet = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c></row>)"
                              R"(<row r="2"><c r="XFD300" t="inlineStr"><is><t>x</t></is></c></row>)"
                              R"(<row r="3"><c r="B999999" t="inlineStr"><is><t>y</t></is></c></row>)"
                              R"(<row r="200000" s="1" customFormat="1"><c r="A200000" s="1"/></row>)";
    const Document d = load(xlsx(sheet, R"(<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>)"));
    EXPECT_TRUE(has(d, "import.too_large", "超出")) << dump(d);
    EXPECT_FALSE(has(d, "import.invalid_office")) << dump(d);
  });
  within_a_second([] {
    const std::string body = R"(<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="200000000"/></w:tcPr>)"
                             R"(<w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)";
    const Document d = load(docx(body));
    EXPECT_TRUE(has(d, "import.too_large", "512")) << dump(d);
  });
}

TEST(OfficeImport, ASheetWithoutCellsOrAChartSheetIsNotAnError) {
  const std::string rels = R"(<Relationships><Relationship Id="rId1" Target="chartsheets/sheet1.xml"/></Relationships>)";
  const std::string file = zip({{"xl/workbook.xml", kWorkbook, true}, {"xl/_rels/workbook.xml.rels", rels, true},
                                {"xl/chartsheets/sheet1.xml", "<chartsheet><drawing/></chartsheet>", true}});
  const Document d = load(file);
  EXPECT_FALSE(has(d, "import.invalid_office")) << dump(d);
  EXPECT_TRUE(has(d, "import.unknown_form") || has(d, "import.empty")) << dump(d);
}

TEST(XmlReader, MalformedXmlIsAnErrorNotAHang) {
  for (const char* bad : {"<a><b></a>", "<a", "<a b=\"1></a>", "<!-- x", "<a></a></a>"}) {
    formcheck::XmlReader x(bad);
    int guard = 0;
    formcheck::XmlReader::Event ev;
    while ((ev = x.next()) != formcheck::XmlReader::Event::Eof && ev != formcheck::XmlReader::Event::Error && ++guard < 100) {
    }
    EXPECT_LT(guard, 100) << bad;
  }
}

}  // namespace

namespace {

// A workbook with a target table and a report on two sheets: each is checked
// as a form of its own (not mixed in, not passed over).
TEST(OfficeImport, TwoFormsInOneWorkbook) {
  auto sheet_of = [](const std::string& text) {
    std::string xml = "<worksheet><sheetData>";
    int r = 0;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      start = end + 1;
      ++r;
      xml += "<row r=\"" + std::to_string(r) + "\">";
      int c = 0;
      size_t a = 0;
      for (;;) {
        const size_t tab = line.find('\t', a);
        const std::string cell = line.substr(a, tab == std::string::npos ? std::string::npos : tab - a);
        ++c;
        if (!cell.empty()) {
          std::string esc;
          for (char ch : cell) esc += ch == '<' ? std::string("&lt;") : ch == '&' ? std::string("&amp;") : std::string(1, ch);
          xml += "<c r=\"" + formcheck::cell_ref(c, r) + "\" t=\"inlineStr\"><is><t>" + esc + "</t></is></c>";
        }
        if (tab == std::string::npos) break;
        a = tab + 1;
      }
      xml += "</row>";
    }
    return xml + "</sheetData></worksheet>";
  };
  const std::string wb = R"(<workbook xmlns:r="r"><sheets><sheet name="目标表" r:id="rId1"/><sheet name="自评" r:id="rId2"/></sheets></workbook>)";
  const std::string rels = R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>)"
                           R"(<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>)";
  const std::string file = zip({{"xl/workbook.xml", wb, true},
                                {"xl/_rels/workbook.xml.rels", rels, true},
                                {"xl/worksheets/sheet1.xml", sheet_of(fctest::seed(fctest::kSeedTarget)), true},
                                {"xl/worksheets/sheet2.xml", sheet_of(fctest::seed(fctest::kSeedReport2024)), true}});
  const Document d = load(file);
  ASSERT_TRUE(d.has_form) << dump(d);
  EXPECT_EQ(d.form.kind, formcheck::FormKind::Target);
  EXPECT_EQ(d.form.unit, fctest::check_text(fctest::seed(fctest::kSeedTarget)).form.unit);
  EXPECT_FALSE(has(d, "import.unrecognized")) << dump(d);
  // The second form is a document of its own, checked as its text would be.
  std::vector<Document> all;
  formcheck::take_documents(load(file), all);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].path, "t.xlsx#自评");
  formcheck::check_document(all[1]);
  const Document text = fctest::check_text(fctest::seed(fctest::kSeedReport2024));
  EXPECT_EQ(all[1].form.kind, formcheck::FormKind::SelfEval);
  EXPECT_EQ(all[1].form.evaluation.size(), text.form.evaluation.size());
  EXPECT_EQ(formcheck::summarize(all[1].findings).errors, formcheck::summarize(text.findings).errors);
  EXPECT_EQ(formcheck::cell_name(all[1], all[1].form.evaluation[0].src.at).rfind("自评!", 0), 0u);
}

}  // namespace

namespace {

// Excel 97–2003 (.xls) saved from the same forms gives the same findings as
// the .xlsx (the grids are identical: merges, number formats, typed
// constants such as =100% and =500项, shared formulas).
TEST(OfficeImport, XlsGivesTheSameFindingsAsXlsx) {
  for (const char* base : {"000_f35a91aedacdb67a", "001_f2b30ced5db2740f", "002_38699f7d4c788424"}) {
    const Document x = load(fctest::fixture(std::string("office/") + base + ".xls"));
    const Document y = load(fctest::fixture(std::string("office/") + base + ".xlsx"));
    ASSERT_TRUE(x.has_form) << base << dump(x);
    EXPECT_EQ(x.input, "xls");
    EXPECT_EQ(formcheck::grid_text(fctest::fixture(std::string("office/") + base + ".xls")),
              formcheck::grid_text(fctest::fixture(std::string("office/") + base + ".xlsx")))
        << base;
    EXPECT_EQ(dump(x), dump(y)) << base;
  }
}

// A Compound File without a workbook stream is an old Word file: it says so
// and how to save it, instead of calling it a broken workbook.
TEST(OfficeImport, OldWordFilesSaySo) {
  std::string doc = fctest::fixture("office/000_f35a91aedacdb67a.xls");
  const std::string name("W\0o\0r\0k\0b\0o\0o\0k\0", 16);  // the directory entry, UTF-16
  const size_t at = doc.find(name);
  ASSERT_NE(at, std::string::npos);
  doc[at] = 'X';
  const Document d = load(doc);
  EXPECT_FALSE(d.has_form);
  EXPECT_TRUE(has(d, "import.invalid_office", "旧版 Word 文件")) << dump(d);
  for (const auto& f : d.findings) EXPECT_NE(f.fix.find(".docx"), std::string::npos) << f.fix;
  EXPECT_EQ(d.input, "");
}

TEST(OfficeImport, BrokenXlsSaysSo) {
  const std::string good = fctest::fixture("office/000_f35a91aedacdb67a.xls");
  within_a_second([&] {
    for (size_t cut : {good.size() / 2, size_t{600}, good.size() - 100}) {
      const Document d = load(good.substr(0, cut));
      EXPECT_FALSE(d.has_form) << cut;
      EXPECT_TRUE(has(d, "import.invalid_office")) << cut << dump(d);
    }
    // A sector chain that loops on itself ends in a message, not a hang.
    std::string looped = good;
    for (size_t i = 512; i + 4 <= 1024; i += 4) looped[i] = 1, looped[i + 1] = 0, looped[i + 2] = 0, looped[i + 3] = 0;
    const Document d = load(looped);
    EXPECT_FALSE(d.has_form);
    EXPECT_TRUE(has(d, "import.invalid_office", "扇区链循环")) << dump(d);
    EXPECT_FALSE(has(d, "import.unknown_form")) << dump(d);
  });
}

}  // namespace

namespace {

// ------------------------------------------------------------ formulas (issue 24)

// A sheet "Sheet1" (the name references may use) holding `rows`.
std::string book(const std::string& rows, const std::string& shared = "") {
  const std::string wb =
      R"(<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::vector<Entry> e = {{"xl/workbook.xml", wb, true},
                          {"xl/_rels/workbook.xml.rels", kRels, true},
                          {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + rows + "</sheetData></worksheet>", true}};
  if (!shared.empty()) e.push_back({"xl/sharedStrings.xml", shared, true});
  return zip(e);
}

const formcheck::Finding* finding(const Document& d, const std::string& rule, const std::string& cell) {
  for (const auto& f : d.findings)
    if (f.rule == rule && formcheck::cell_name(d, f.location.src) == cell) return &f;
  return nullptr;
}

// A formula without a saved result (scripts, some tools) is read as Excel
// computes it: arithmetic, %, SUM, ROUND, ranges, $-anchors, Sheet1! naming
// this sheet, text that reads as a number.
TEST(OfficeFormulas, UncachedFormulasAreEvaluated) {
  const std::string rows =
      R"(<row r="1"><c r="A1"><v>1.5</v></c><c r="B1"><v>2</v></c><c r="C1"><f>A1+B1</f></c>)"
      R"(<c r="D1"><f>SUM(A1:C1)*10%</f></c><c r="E1"><f>(B1-A1)/3</f></c><c r="F1"><f>ROUND(E1,2)</f></c>)"
      R"(<c r="G1"><f>-Sheet1!$A$1*(2+B1)</f></c><c r="H1"><f>ROUND(1234.5,-2)+ROUND(-2.5,0)</f></c>)"
      R"(<c r="I1"><f>B1/8</f></c><c r="J1" t="s"><v>0</v></c><c r="K1"><f>J1*2</f></c><c r="L1"><f>SUM(A1,J1,B1)</f></c></row>)";
  EXPECT_EQ(formcheck::grid_text(book(rows, R"(<sst><si><t>1,000</t></si></sst>)")),
            "1\t1.5\t2\t3.5\t0.7\t0.1666666667\t0.17\t-6\t1197\t0.25\t1,000\t2000\t3.5\n");
  const Document d = load(book(rows, R"(<sst><si><t>1,000</t></si></sst>)"));
  for (const auto& f : d.findings) EXPECT_EQ(f.rule.rfind("import.formula", 0), std::string::npos) << dump(d);
}

// Shared formulas: the master's text shifted to each follower, anchored
// parts kept; the cells' number formats still apply.
TEST(OfficeFormulas, SharedFormulasAreShifted) {
  const std::string rows =
      R"(<row r="1"><c r="A1"><v>1</v></c></row>)"
      R"(<row r="2"><c r="A2"><v>10</v></c><c r="B2"><f t="shared" ref="B2:C4" si="0">A2*2+$A$1</f></c><c r="C2"><f t="shared" si="0"/></c>)"
      R"(<c r="D2"><f t="shared" ref="D2:D3" si="1">B2+1</f></c></row>)"
      R"(<row r="3"><c r="A3"><v>20</v></c><c r="B3"><f t="shared" si="0"/></c><c r="D3"><f t="shared" si="1"/></c></row>)"
      R"(<row r="4"><c r="A4"><v>30</v></c><c r="B4"><f t="shared" si="0"/></c></row>)";
  EXPECT_EQ(formcheck::grid_text(book(rows)), "1\t1\n2\t10\t21\t43\t22\n3\t20\t41\t\t42\n4\t30\t61\n");
  EXPECT_EQ(formcheck::office::shifted_formula("A2*2+$A$1+A$1+$A2", 2, 1), "B4*2+$A$1+B$1+$A4");
}

// What cannot be computed is said at its cell, as an error (the figure is
// unknown): another sheet, another function, a cycle, text in arithmetic.
TEST(OfficeFormulas, UnevaluableFormulasAreReportedAtTheCell) {
  const std::string rows =
      R"(<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>VLOOKUP(A1,C1:D2,2)</f></c><c r="C1"><f>Other!A1+1</f></c>)"
      R"(<c r="D1"><f>D1+1</f></c><c r="E1" t="inlineStr"><is><t>合计</t></is></c><c r="F1"><f>E1+A1</f></c>)"
      R"(<c r="G1"><f>A1/0</f></c><c r="H1"><f>B1*2</f></c><c r="I1"><f t="shared" si="7"/></c></row>)";
  const Document d = load(book(rows));
  for (const char* cell : {"Sheet1!B1", "Sheet1!C1", "Sheet1!D1", "Sheet1!F1", "Sheet1!G1", "Sheet1!H1", "Sheet1!I1"}) {
    const formcheck::Finding* f = finding(d, "import.formula_uncached", cell);
    ASSERT_NE(f, nullptr) << cell << "\n" << dump(d);
    EXPECT_EQ(f->severity, formcheck::Severity::Error);
  }
  EXPECT_NE(finding(d, "import.formula_uncached", "Sheet1!B1")->message.find("VLOOKUP"), std::string::npos);
  EXPECT_NE(finding(d, "import.formula_uncached", "Sheet1!C1")->message.find("其他工作表"), std::string::npos);
  EXPECT_NE(finding(d, "import.formula_uncached", "Sheet1!D1")->message.find("循环引用"), std::string::npos);
  EXPECT_NE(finding(d, "import.formula_uncached", "Sheet1!H1")->message.find("B1 无法计算"), std::string::npos);
  // The cell stays empty: nothing is made up.
  EXPECT_NE(finding(d, "import.formula_uncached", "Sheet1!I1")->message.find("主公式"), std::string::npos);
  EXPECT_EQ(formcheck::grid_text(book(rows)), "1\t1\t\t\t\t合计\t\t\t\t\n");
}

// A saved result is what Excel shows and is kept; when its formula gives
// another value, a warning names both and says which the file shows.
TEST(OfficeFormulas, AStaleSavedResultIsAWarning) {
  const std::string rows =
      R"(<row r="1"><c r="A1"><v>7.9</v></c><c r="B1"><v>7.91</v></c><c r="C1"><f>A1+B1</f><v>15.810000000000002</v></c>)"
      R"(<c r="D1"><f>A1+B1</f><v>20</v></c><c r="E1"><f>B1/3</f><v>2.6366666666666667</v></c>)"
      R"(<c r="F1"><f>VLOOKUP(A1,A1:B1,2)</f><v>5</v></c></row>)";
  EXPECT_EQ(formcheck::grid_text(book(rows)), "1\t7.9\t7.91\t15.81\t20\t2.63666666666667\t5\n");
  const Document d = load(book(rows));
  const formcheck::Finding* f = finding(d, "import.formula_stale", "Sheet1!D1");
  ASSERT_NE(f, nullptr) << dump(d);
  EXPECT_EQ(f->severity, formcheck::Severity::Warning);
  EXPECT_NE(f->message.find("20"), std::string::npos);
  EXPECT_NE(f->message.find("15.81"), std::string::npos);
  EXPECT_NE(f->message.find("文件显示的是保存的结果"), std::string::npos);
  EXPECT_EQ(f->actual, "20");
  EXPECT_EQ(f->expected, "15.81");
  for (const char* cell : {"Sheet1!C1", "Sheet1!E1", "Sheet1!F1"}) {
    EXPECT_EQ(finding(d, "import.formula_stale", cell), nullptr) << cell << dump(d);
    EXPECT_EQ(finding(d, "import.formula_uncached", cell), nullptr) << cell << dump(d);
  }
}

// With "precision as displayed" Excel computes with the values as shown: a
// saved result is not compared with the stored values.
TEST(OfficeFormulas, PrecisionAsDisplayedIsNotStale) {
  const std::string wb = R"(<workbook xmlns:r="r"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>)"
                         R"(<calcPr calcId="191029" fullPrecision="0"/></workbook>)";
  const std::string rows = R"(<row r="1"><c r="A1"><v>1.004</v></c><c r="B1"><f>A1*2</f><v>2</v></c></row>)";
  const std::string sheet = "<worksheet><sheetData>" + rows + "</sheetData></worksheet>";
  const Document shown = load(zip({{"xl/workbook.xml", wb, true}, {"xl/_rels/workbook.xml.rels", kRels, true},
                                   {"xl/worksheets/sheet1.xml", sheet, true}}));
  EXPECT_FALSE(has(shown, "import.formula_stale")) << dump(shown);
  EXPECT_TRUE(has(load(book(rows)), "import.formula_stale"));
}

// A long chain of formulas and a sheet of thousands of SUMs over a long
// column are evaluated without recursion and within bounded work.
TEST(OfficeFormulas, ChainsAndHeavyRangesAreBounded) {
  // A1 = A2+1, A2 = A3+1, …: the first formula needs the whole chain.
  std::string rows;
  for (int r = 1; r < 30000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><f>A" + std::to_string(r + 1) + "+1</f></c></row>";
  rows += R"(<row r="30000"><c r="A30000"><v>1</v></c></row>)";
  const std::string chain = book(rows);
  within_a_second([&] {
    const std::string g = formcheck::grid_text(chain);
    EXPECT_EQ(g.substr(0, 8), "1\t30000\n");
  });
  std::string heavy;
  for (int r = 1; r <= 5000; ++r)
    heavy += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>1</v></c><c r=\"B" + std::to_string(r) +
             "\"><f>SUM($A$1:$A$5000)</f></c></row>";
  const std::string many = book(heavy);
  within_a_second([&] {
    const Document d = load(many);
    // Past the work cap the rest is said, not guessed and not hung on.
    EXPECT_TRUE(has(d, "import.formula_uncached", "公式过多")) << dump(d).substr(0, 400);
  });
}

// Text Excel and Word do not show is not read: phonetic runs of an inline
// string, a hidden Word run, a deleted revision, the unchosen branch of an
// mc:AlternateContent.
TEST(OfficeImport, TextTheApplicationsDoNotShowIsNotRead) {
  EXPECT_EQ(formcheck::grid_text(book(R"(<row r="1"><c r="A1" t="inlineStr"><is><r><t>10</t></r><rPh sb="0" eb="1"><t>0</t></rPh><r><t>0</t></r></is></c></row>)")),
            "1\t100\n");
  const std::string body =
      R"(<w:p><w:r><w:t>0</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>100</w:t></w:r>)"
      R"(<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>1</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:t>10</w:t></w:r><w:del w:id="1"><w:r><w:t>9</w:t></w:r></w:del><w:ins w:id="2"><w:r><w:t>0</w:t></w:r></w:ins></w:p>)"
      R"(<w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>100</w:t></w:r></mc:Choice>)"
      R"(<mc:Fallback><w:r><w:t>100</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>)"
      R"(<w:p><mc:AlternateContent><mc:Fallback><w:r><w:t>7</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>)";
  EXPECT_EQ(formcheck::grid_text(docx(body)), "1\t01\n2\t100\n3\t100\n4\t7\n");
}

// ------------------------------------------------------------ damaged files (issue 24)

TEST(OfficeImport, TwoEntriesOfOneNameAreADamagedFile) {
  const std::string sheet = R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row></sheetData></worksheet>)";
  const std::string other = R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>乙</t></is></c></row></sheetData></worksheet>)";
  const Document d = load(zip({{"xl/workbook.xml", kWorkbook, true},
                               {"xl/_rels/workbook.xml.rels", kRels, true},
                               {"xl/worksheets/sheet1.xml", sheet, true},
                               {"xl/worksheets/sheet1.xml", other, true}}));
  EXPECT_FALSE(d.has_form);
  EXPECT_TRUE(has(d, "import.invalid_office", "两个名为 xl/worksheets/sheet1.xml 的条目")) << dump(d);
}

TEST(OfficeImport, AReferencePastExcelsGridIsADamagedFile) {
  for (const char* row : {R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)", R"(<row r="1"><c r="A1048577"><v>1</v></c></row>)",
                          R"(<row r="1048577"><c><v>1</v></c></row>)"}) {
    const Document d = load(book(std::string(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c></row>)") + row));
    EXPECT_FALSE(d.has_form) << row;
    EXPECT_TRUE(has(d, "import.invalid_office", "超出了 Excel 的表格范围")) << row << dump(d);
  }
}

// Broken or cyclic relationships, an empty or foreign sheet part, a missing
// shared string: the file is damaged (not "no form title found").
TEST(OfficeImport, DamagedPackagesSaySo) {
  const std::string sheet = R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>)";
  const std::string sst = R"(<sst><si><t>单位名称</t></si></sst>)";
  auto file = [&](const std::string& rels, const std::string& sheet_xml, const std::string& shared) {
    return zip({{"xl/workbook.xml", kWorkbook, true},
                {"xl/_rels/workbook.xml.rels", rels, true},
                {"xl/sharedStrings.xml", shared, true},
                {"xl/worksheets/sheet1.xml", sheet_xml, true}});
  };
  const std::string cyclic = R"(<Relationships><Relationship Id="rId1" Target="workbook.xml"/></Relationships>)";
  const std::string broken = R"(<Relationships><Relationship Id="rId9" Target="worksheets/sheet1.xml"/></Relationships>)";
  const std::string nowhere = R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet7.xml"/></Relationships>)";
  for (const auto& [what, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"cyclic", file(cyclic, sheet, sst)},
           {"broken", file(broken, sheet, sst)},
           {"nowhere", file(nowhere, sheet, sst)},
           {"empty sheet", file(kRels, "", sst)},
           {"foreign sheet", file(kRels, "<Relationships/>", sst)},
           {"missing string", file(kRels, sheet, "<sst/>")}}) {
    const Document d = load(bytes);
    EXPECT_FALSE(d.has_form) << what;
    EXPECT_TRUE(has(d, "import.invalid_office", "文件已损坏")) << what << "\n" << dump(d);
    EXPECT_FALSE(has(d, "import.unknown_form")) << what;
  }
  // ../ in a target is resolved, a chart sheet has nothing to read.
  EXPECT_EQ(formcheck::grid_text(file(R"(<Relationships><Relationship Id="rId1" Target="../xl/./worksheets/sheet1.xml"/></Relationships>)", sheet, sst)),
            "1\t单位名称\n");
  EXPECT_FALSE(has(load(file(kRels, "<chartsheet/>", sst)), "import.invalid_office"));
}

// A file named .xlsx that is something else says what it is; a PDF says PDF
// is not yet read.
TEST(OfficeImport, FilesThatAreNotOfficeSayWhatTheyAre) {
  const std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n";
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10);
  const std::string gif = std::string("GIF89a\x01\0\x01\0", 10);
  auto as = [](const std::string& path, const std::string& bytes) {
    Document d = formcheck::load_document(path, bytes);
    formcheck::check_document(d);
    return d;
  };
  EXPECT_TRUE(has(as("表.xlsx", png), "import.invalid_office", "PNG 图片")) << dump(as("表.xlsx", png));
  EXPECT_TRUE(has(as("表.xlsx", pdf), "import.invalid_office", "不直接读取 PDF")) << dump(as("表.xlsx", pdf));
  EXPECT_TRUE(has(as("表.docx", jpeg), "import.invalid_office", "JPEG 图片"));
  EXPECT_TRUE(has(as("表.xls", gif), "import.invalid_office", "GIF 图片"));
  EXPECT_TRUE(has(as("报告.pdf", pdf), "import.binary", "不直接读取 PDF"));
  EXPECT_TRUE(has(as("t.xlsx", zip({{"a.txt", "x", false}})), "import.invalid_office", "不是 Excel"));
  for (const auto& d : {as("表.xlsx", png), as("表.xlsx", pdf)}) {
    EXPECT_EQ(d.findings.size(), 1u) << dump(d);
    EXPECT_FALSE(has(d, "import.unknown_form"));
  }
}

// The unreadable-file rule is in the catalog, and its findings carry the
// catalog's severity.
TEST(OfficeImport, TheUnreadableOfficeRuleIsInTheCatalog) {
  for (const char* id : {"import.invalid_office", "import.formula_uncached", "import.formula_stale"})
    EXPECT_NE(formcheck::find_rule(id), nullptr) << id;
  const Document d = load(zip({{"xl/workbook.xml", kWorkbook, true, 1}}));
  ASSERT_FALSE(d.findings.empty());
  EXPECT_EQ(d.findings[0].severity, formcheck::find_rule("import.invalid_office")->severity);
}

}  // namespace
