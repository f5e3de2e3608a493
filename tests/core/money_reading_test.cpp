// What a money cell's text says when it cannot be used: the reason names what
// happened (a decimal comma, separators out of place, too many digits).
#include <gtest/gtest.h>

#include "formcheck/arith.hpp"

using formcheck::MoneyReading;
using formcheck::read_money;

TEST(MoneyReading, DecimalCommaIsNamedWithTheMeantFigure) {
  for (const auto& [text, meant] : std::vector<std::pair<const char*, const char*>>{
           {"1234,5", "1234.5"}, {"1234,56", "1234.56"}, {"-12,5", "-12.5"},
           {"1.234,56", "1234.56"}, {"12.345.678,9", "12345678.9"}, {"1.234,567", "1234.567"}}) {
    const MoneyReading r = read_money(text);
    EXPECT_EQ(r.status, MoneyReading::Unreadable) << text;
    EXPECT_NE(r.why.find("小数点"), std::string::npos) << text << ": " << r.why;
    EXPECT_NE(r.why.find(std::string("应为 ") + meant), std::string::npos) << text << ": " << r.why;
    EXPECT_EQ(r.why.find("18 位"), std::string::npos) << text << ": " << r.why;
  }
}

TEST(MoneyReading, ThousandsSeparatorsStillRead) {
  EXPECT_TRUE(read_money("1,234").usable());
  EXPECT_EQ(read_money("1,234").value.to_string(), "1234");
  EXPECT_TRUE(read_money("1,234.56").usable());
  EXPECT_TRUE(read_money("12,345,678.9").usable());
}

TEST(MoneyReading, MisplacedSeparatorsAreNotCalledTooManyDigits) {
  for (const char* text : {"1,23,456", "1.2.3", "12,34,5"}) {
    const MoneyReading r = read_money(text);
    EXPECT_EQ(r.status, MoneyReading::Unreadable) << text;
    EXPECT_NE(r.why.find("位置不对"), std::string::npos) << text << ": " << r.why;
  }
}

TEST(MoneyReading, TooManyDigitsSaysSo) {
  const MoneyReading r = read_money("1234567890123456789");
  EXPECT_EQ(r.status, MoneyReading::Overflow);
  EXPECT_NE(r.why.find("18 位"), std::string::npos) << r.why;
  EXPECT_EQ(read_money("0.1234567890123").status, MoneyReading::Overflow);
}
