// The office reader (office_import.cpp): real .xlsx/.docx made by LibreOffice
// give the model their text versions give, and broken or hostile files get
// one clear import.* message, never a hang, a crash or unbounded memory.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "formcheck/model_json.hpp"
#include "formcheck/office_import.hpp"
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
template <class F>
void within_a_second(F f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), kSecond);
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
    const std::string sheet = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>单位名称</t></is></c></row>)"
                              R"(<row r="2"><c r="GKGWBYL300" t="inlineStr"><is><t>x</t></is></c></row>)"
                              R"(<row r="3"><c r="B99999999" t="inlineStr"><is><t>y</t></is></c></row>)"
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
  const std::string file = zip({{"xl/workbook.xml", kWorkbook, true}, {"xl/_rels/workbook.xml.rels", kRels, true}});
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
    EXPECT_FALSE(load(looped).has_form);
  });
}

}  // namespace
