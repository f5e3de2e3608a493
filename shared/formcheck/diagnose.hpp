// What a difference most likely is. An accountant whose total does not add
// up asks which figure is wrong and how: a line left out or counted twice, two
// digits swapped, a decimal point shifted, 元 written in a 万元 column, a sign
// flipped. Each pattern is recognised only when it fits the figures exactly;
// the answer is a possibility ("可能…"), never a verdict, and "" when nothing
// fits.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "formcheck/decimal.hpp"

namespace formcheck {

// `shown` is the figure written in the form, `computed` what its parts add
// up to; `parts` are the named lines of the sum.
std::string explain_difference(const Decimal& shown, const Decimal& computed,
                               const std::vector<std::pair<std::string, Decimal>>& parts);

}  // namespace formcheck
