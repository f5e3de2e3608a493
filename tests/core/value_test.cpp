#include <gtest/gtest.h>

#include "formcheck/model.hpp"
#include "formcheck/model_json.hpp"
#include "formcheck/value.hpp"
#include "test_util.hpp"

using formcheck::IndicatorValue;
using formcheck::Op;
using formcheck::parse_value;
using formcheck::ValueKind;

TEST(Value, Quantitative) {
  struct Case {
    const char* in;
    Op op;
    const char* number;
    const char* unit;
    const char* canonical;
  };
  const Case cases[] = {
      {"≥300亿元", Op::Ge, "300", "亿元", "≥300亿元"},
      {"=100%", Op::Eq, "100", "%", "=100%"},
      {"＝100%", Op::Eq, "100", "%", "=100%"},
      {"≤10%", Op::Le, "10", "%", "≤10%"},
      {"<=100%", Op::Le, "100", "%", "≤100%"},
      {">=200", Op::Ge, "200", "", "≥200"},
      {"=0小时", Op::Eq, "0", "小时", "=0小时"},
      {"≥56000台套", Op::Ge, "56000", "台套", "≥56000台套"},
      {"=1年", Op::Eq, "1", "年", "=1年"},
      {"100%", Op::None, "100", "%", "100%"},
      {"756", Op::None, "756", "", "756"},
      {"92.61%", Op::None, "92.61", "%", "92.61%"},
      {"5.86万", Op::None, "5.86", "万", "5.86万"},
      {"24.58亿元", Op::None, "24.58", "亿元", "24.58亿元"},
      {"＞５家", Op::Gt, "5", "家", ">5家"},
      {"< 3 次", Op::Lt, "3", "次", "<3次"},
      {"不低于90%", Op::Ge, "90", "%", "≥90%"},
      {"=15场次", Op::Eq, "15", "场次", "=15场次"},
      {"≥800家次", Op::Ge, "800", "家次", "≥800家次"},
      {"=2批次", Op::Eq, "2", "批次", "=2批次"},
      {"≥1,200项", Op::Ge, "1200", "项", "≥1200项"},
      {"≥3个工作日", Op::Ge, "3", "个工作日", "≥3个工作日"},  // unknown units kept verbatim
      {"-7.39%", Op::None, "-7.39", "%", "-7.39%"},
  };
  for (const auto& c : cases) {
    const IndicatorValue v = parse_value(c.in);
    ASSERT_EQ(v.kind, ValueKind::Quantitative) << c.in;
    EXPECT_EQ(v.op, c.op) << c.in;
    EXPECT_EQ(v.number.to_string(), c.number) << c.in;
    EXPECT_EQ(v.unit, c.unit) << c.in;
    EXPECT_EQ(v.canonical(), c.canonical) << c.in;
    EXPECT_EQ(parse_value(v.canonical()).canonical(), v.canonical()) << c.in;
  }
}

TEST(Value, MagnitudeIsPartOfTheUnit) {
  const IndicatorValue v = parse_value("5.86万台套");
  EXPECT_EQ(v.unit, "万台套");
  EXPECT_EQ(v.base_unit(), "台套");
  EXPECT_EQ(v.base_number().to_string(), "58600.00");
  EXPECT_TRUE(formcheck::same_unit(parse_value("1亿元"), parse_value("3万元")));
  EXPECT_FALSE(formcheck::same_unit(parse_value("1%"), parse_value("3")));
}

TEST(Value, QualitativeAndInvalid) {
  for (const char* q : {"健全", "有序推进", "推动升级", "较显著", "合规"}) {
    EXPECT_EQ(parse_value(q).kind, ValueKind::Qualitative) << q;
    EXPECT_EQ(parse_value(q).canonical(), q);
  }
  for (const char* e : {"", "  ", "/", "—"}) EXPECT_EQ(parse_value(e).kind, ValueKind::Empty) << e;
  for (const char* bad : {"≥", "=良好", "90%-100%", "1年2次", "≥abc"})
    EXPECT_EQ(parse_value(bad).kind, ValueKind::Invalid) << bad;
}

TEST(Value, Satisfies) {
  using formcheck::satisfies;
  EXPECT_EQ(satisfies(parse_value(">=200"), parse_value("756")), true);
  EXPECT_EQ(satisfies(parse_value("=100%"), parse_value("92.61%")), false);
  EXPECT_EQ(satisfies(parse_value("≤10%"), parse_value("7.39%")), true);
  EXPECT_EQ(satisfies(parse_value(">=15000项"), parse_value("12880项")), false);
  EXPECT_EQ(satisfies(parse_value("≥300亿元"), parse_value("1080.3亿元")), true);
  EXPECT_EQ(satisfies(parse_value("≥2亿元"), parse_value("30000万元")), true);  // same base unit
  EXPECT_EQ(satisfies(parse_value("健全"), parse_value("健全")), true);
  EXPECT_EQ(satisfies(parse_value("健全"), parse_value("未健全")), false);
  EXPECT_FALSE(satisfies(parse_value("健全"), parse_value("较好")).has_value());
  EXPECT_FALSE(satisfies(parse_value("≥5家"), parse_value("5%")).has_value());
}

// Every indicator value in the three seed files parses and round-trips.
TEST(Value, EverySeedValueParsesAndRoundTrips) {
  int checked = 0;
  for (const char* name : {fctest::kSeedTarget, fctest::kSeedReport2024, fctest::kSeedReport2022}) {
    const formcheck::Document d = formcheck::load_document(name, fctest::seed(name));
    ASSERT_TRUE(d.has_form) << name;
    std::vector<std::string> values;
    for (const auto& i : d.form.indicators) values.insert(values.end(), {i.half, i.full});
    for (const auto& e : d.form.evaluation) values.insert(values.end(), {e.target, e.actual, e.deviation});
    for (const auto& v : values) {
      const IndicatorValue p = parse_value(v);
      EXPECT_NE(p.kind, ValueKind::Invalid) << name << ": " << v;
      EXPECT_EQ(parse_value(p.canonical()).canonical(), p.canonical()) << v;
      if (p.quantitative()) {
        EXPECT_EQ(parse_value(p.canonical()).number, p.number) << v;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(ValueCache, RowSlotsAndOtherStringsGiveWhatParseValueGives) {
  std::vector<formcheck::EvalRow> rows(3000);  // more than one block of slots
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].target = "≥" + std::to_string(i) + "%";
    rows[i].actual = std::to_string(i) + "人";
    rows[i].source = "=" + std::to_string(i);  // not a slotted field: hashed
  }
  formcheck::ValueCache cache;
  cache.add_rows(rows, {&formcheck::EvalRow::target, &formcheck::EvalRow::actual});
  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads what the first stored
    for (size_t i = 0; i < rows.size(); i += 7) {
      for (const std::string* s : {&rows[i].target, &rows[i].actual, &rows[i].source}) {
        const IndicatorValue& v = cache(*s);
        const IndicatorValue p = parse_value(*s);
        EXPECT_EQ(v.canonical(), p.canonical()) << *s;
        EXPECT_EQ(v.kind, p.kind) << *s;
        EXPECT_EQ(v.op, p.op) << *s;
        EXPECT_EQ(v.unit, p.unit) << *s;
        EXPECT_EQ(v.number.shown(), p.number.shown()) << *s;
        EXPECT_TRUE(v.number == p.number) << *s;
      }
    }
  }
  EXPECT_TRUE(cache(rows[5].target).percent());
  EXPECT_EQ(cache(rows[5].actual).unit, "人");
}

TEST(ValueCache, QualitativeAndInvalidValuesKeepTheirText) {
  std::vector<formcheck::EvalRow> rows(2);
  rows[0].target = "健全";
  rows[0].actual = "基本 健全";  // a form string with an inner space: text is the cleaned one
  rows[1].target = "≥abc5%";
  formcheck::ValueCache cache;
  cache.add_rows(rows, {&formcheck::EvalRow::target, &formcheck::EvalRow::actual});
  for (const std::string* s : {&rows[0].target, &rows[0].actual, &rows[1].target}) {
    EXPECT_EQ(cache(*s).text, parse_value(*s).text) << *s;
    EXPECT_EQ(cache(*s).canonical(), parse_value(*s).canonical()) << *s;
  }
  for (const char* text : {"-3.50万元", "=0.000000000001%", "≤-9223372036854775808", "<1,234.5678台套", "", "—"}) {
    std::vector<formcheck::EvalRow> one(1);
    one[0].target = text;
    formcheck::ValueCache c;
    c.add_rows(one, {&formcheck::EvalRow::target});
    for (int pass = 0; pass < 2; ++pass) {  // parsed, then unpacked from the cache
      const IndicatorValue v = c(one[0].target), p = parse_value(text);
      EXPECT_EQ(v.kind, p.kind) << text;
      EXPECT_EQ(v.op, p.op) << text;
      EXPECT_EQ(v.unit, p.unit) << text;
      EXPECT_EQ(v.number.units(), p.number.units()) << text;
      EXPECT_EQ(v.number.scale(), p.number.scale()) << text;
      EXPECT_EQ(v.number.shown(), p.number.shown()) << text;
    }
  }
  const std::string other = "有序推进";  // not a row slot: hashed by address
  EXPECT_EQ(cache(other).text, "有序推进");
  EXPECT_TRUE(cache(other).qualitative());
}

TEST(Value, DatesAreAValueKind) {
  struct Case {
    const char* in;
    Op op;
    int first, last;  // 0: no year
  };
  const Case cases[] = {
      {"2025年12月", Op::None, 20251201, 20251231},
      {"2025年底前", Op::Le, 20251231, 20251231},
      {"2025年年底前完成", Op::Le, 20251231, 20251231},
      {"12月31日前", Op::Le, 0, 0},
      {"2025-12-31", Op::None, 20251231, 20251231},
      {"2025/6", Op::None, 20250601, 20250630},
      {"≤2024年11月30日", Op::Le, 20241130, 20241130},
      {"2024年", Op::None, 20240101, 20241231},
      {"2024年6月底", Op::None, 20240630, 20240630},
      {"2026年以后", Op::Ge, 20260101, 20261231},
      {"２０２５年１２月", Op::None, 20251201, 20251231},
  };
  for (const auto& c : cases) {
    const IndicatorValue v = parse_value(c.in);
    ASSERT_EQ(v.kind, ValueKind::Date) << c.in;
    EXPECT_EQ(v.op, c.op) << c.in;
    EXPECT_EQ(v.first_day().value_or(0), c.first) << c.in;
    EXPECT_EQ(v.last_day().value_or(0), c.last) << c.in;
    EXPECT_EQ(v.canonical(), v.text) << c.in;
  }
  // Durations, amounts and decimals stay what they were.
  for (const char* q : {"≤2年", "1年", "≥2000元", "2025.12", "12个月", "2020-2021", "6月"})
    EXPECT_NE(parse_value(q).kind, ValueKind::Date) << q;
  EXPECT_EQ(parse_value("≤2年").kind, ValueKind::Quantitative);
  for (const char* bad : {"2025年13月", "2月30日前", "2025年12月完成了一半"})
    EXPECT_NE(parse_value(bad).kind, ValueKind::Date) << bad;
}

TEST(Value, PeriodsOfTheHeader) {
  struct Case {
    const char* in;
    int first, last;
  };
  const Case cases[] = {
      {"2023年4月-2024年2月", 20230401, 20240229}, {"202001-202012", 20200101, 20201231},
      {"2024年至2026年", 20240101, 20261231},     {"2023.1-2023.12", 20230101, 20231231},
      {"2023年1月-12月", 20230101, 20231231},     {"2025-01-01至2025-12-31", 20250101, 20251231},
      {"2024年", 20240101, 20241231},
  };
  for (const auto& c : cases) {
    auto p = formcheck::parse_period(c.in);
    ASSERT_TRUE(p) << c.in;
    EXPECT_EQ(p->first, c.first) << c.in;
    EXPECT_EQ(p->last, c.last) << c.in;
  }
  for (const char* bad : {"", "三年", "长期", "2025.12.5万"}) EXPECT_FALSE(formcheck::parse_period(bad)) << bad;
}

TEST(Value, DatesSatisfyDateTargets) {
  using formcheck::satisfies;
  EXPECT_EQ(satisfies(parse_value("≤12月底"), parse_value("12月底")), true);
  EXPECT_EQ(satisfies(parse_value("2025年底前"), parse_value("2025年11月")), true);
  EXPECT_EQ(satisfies(parse_value("2025年底前"), parse_value("2026年1月")), false);
  EXPECT_EQ(satisfies(parse_value("≤12月31日"), parse_value("2025年12月20日")), true);
  EXPECT_EQ(satisfies(parse_value("2025年6月"), parse_value("2025年6月15日")), true);
  EXPECT_FALSE(satisfies(parse_value("2025年6月"), parse_value("≥90%")).has_value());
}
