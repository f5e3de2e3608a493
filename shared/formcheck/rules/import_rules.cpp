// import.*: findings of the front ends and the recognizer. They are reported
// where the input is read (text_import, recognize, api); the registry holds
// their metadata so they are documented like every other rule.
#include "formcheck/rules/families.hpp"

namespace formcheck::rules {

namespace {

const RuleMeta kUnrecognized{
    "import.unrecognized", Severity::Info, Scope::Import, "未识别的内容",
    "输入中未能映射到表单模型的行或单元格",
    "这一行未能识别为表单内容，未参与检查：{text}",
    "“不丢失任何内容”：每一行要么进入表单模型，要么在这里逐行列出（位置和原文），以便确认没有漏检。"};
const RuleMeta kUnknownForm{
    "import.unknown_form", Severity::Error, Scope::Import, "无法识别的表单",
    "输入既不是部门整体预算绩效目标表，也不是整体支出预算绩效自评报告",
    "未能识别为“部门整体预算绩效目标表”或“整体支出预算绩效自评报告”。",
    "按表名（“绩效目标表”“自评报告”）或栏目（部门整体资金、三级指标、预算信息、自评表等）识别表单种类。"};
const RuleMeta kEncoding{
    "import.encoding", Severity::Error, Scope::Import, "文本编码不正确",
    "文本不是有效的 UTF-8",
    "文本不是有效的 UTF-8 编码。",
    "命令行只接受 UTF-8 文本；网页会自动尝试 GB18030 解码。"};
const RuleMeta kBinary{"import.binary", Severity::Error, Scope::Import, "不是文本",
                       "输入含有二进制数据", "输入不是文本。", "含 NUL 字节的输入不是文本表单。"};
const RuleMeta kEmpty{"import.empty", Severity::Error, Scope::Import, "输入为空", "输入为空或只有空白",
                      "输入为空。", "没有任何可识别的内容。"};
const RuleMeta kTooLarge{"import.too_large", Severity::Error, Scope::Import, "输入过大",
                         "输入超过大小、行数或嵌套层数上限", "文件过大。",
                         "单个表单不超过 32 MB、30 万行；JSON 嵌套不超过 32 层。上限保证检查不会卡死浏览器。"};
const RuleMeta kInvalidModel{"import.invalid_model", Severity::Error, Scope::Import, "表单 JSON 不正确",
                             "JSON 表单文件语法错误或不符合 schema/form.schema.json",
                             "表单 JSON 格式不正确：{detail}",
                             "JSON 文件须符合 formcheck/form@1（docs/schema.md）；报告第一处错误及其路径。"};

}  // namespace

void add_import_rules(std::vector<Rule>& out) {
  for (const RuleMeta* m : {&kUnrecognized, &kUnknownForm, &kEncoding, &kBinary, &kEmpty, &kTooLarge, &kInvalidModel})
    out.push_back({m, nullptr});
}

}  // namespace formcheck::rules
