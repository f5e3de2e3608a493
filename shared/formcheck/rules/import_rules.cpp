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
    "按表名与栏目识别表单种类（shared/profiles/families.json 与 template-*.json）。能认出的其他表单（项目支出绩效目标表、"
    "项目支出绩效自评表）说明它是什么；有表名而没有该表单任何表格的文档（如只有叙述文字的外地自评报告）也只说明这一点。"
    "这类文档只得到这一条，不对其内容报告“未填写”等问题。"};
const RuleMeta kAmbiguous{
    "import.ambiguous", Severity::Info, Scope::Import, "无法确定的读法",
    "表单的某一部分有两种读法而内容无法判断，或必需的栏目没有找到而有行未能识别",
    "{part}：{why}",
    "“不把读不懂的归咎于表单”：合并单元格的标签印在分组中间、分页、被提取工具丢掉的空单元格，都可能让一行有两种归属。"
    "识别器先用内容判断（一级指标用词、共性指标目录、二级指标归属、指标值的写法、表内合计是否成立；标签居中时还看内层标签能否各居其块、某行是否与某一标签独有的字词相同、分组边界两侧的写法是否不同）；仍无法确定时，"
    "这一部分标为“不确定”，依赖它的检查（必填栏目、一级指标下须有三级指标、缺少共性指标、指标层级）不再对它报告，"
    "改由本条说明位置和原因。只有一个金额的支出行按“项目支出＝各项目之和”成立的列读取时，也在这里说明所取的读法。"};
const RuleMeta kUnplacedAmount{
    "import.unplaced_amount", Severity::Error, Scope::Import, "未能归入表格的金额",
    "资金表中的一个金额（或本应是金额的单元格）读到了，却无法确定它属于哪一栏",
    "{place}：“{text}”未能归入表中的任何一栏（{why}），未参与合计核对。",
    "“每个单元格都有着落”：资金表（部门整体资金、预算信息、项目资金）中一行的金额按表头的栏目名称（全年预算数、"
    "半年计划执行数、年初预算数、调整预算数、执行数……）归栏，不按位置猜测。表头没有对应栏目、一行的金额比表头的金额栏多时，"
    "多出的金额在其单元格报告本错误：表单在有金额去向不明时不能显示“通过”。文字（不像金额的内容）未能归栏时仍只作提示"
    "（import.unrecognized）。"};
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
                         "输入超过大小、行数、每行单元格数、单元格长度或嵌套层数上限", "文件过大。",
                         "单个表单不超过 32 MB、30 万行，每行不超过 512 个单元格，每格不超过 256 KB；JSON 嵌套不超过 "
                         "32 层。上限保证检查不会卡死浏览器。超出上限的部分不会被悄悄丢弃：在第一处超限的位置报告，"
                         "并说明共有多少处。"};
const RuleMeta kOtherSheet{"import.other_sheet", Severity::Warning, Scope::Import, "工作簿中未检查的表单",
                           "工作簿中的表单超过可分开检查的份数，这一份未检查",
                           "工作表“{sheet}”是另一份表单，未检查。",
                           "一个工作簿按顺序读作一份表单（表单可以跨工作表续写）；两个以上工作表各自是一份表单时，"
                           "每份作为单独的结果检查（路径为“文件名#工作表名”）。一个工作簿最多分开检查 50 份，其余每份给出"
                           "此警告，不混在一起读，也不悄悄略过。"};
const RuleMeta kInvalidOffice{"import.invalid_office", Severity::Error, Scope::Import, "Office 文件无法读取",
                              "Excel/Word 文件损坏、不完整、加密，或不是 .xlsx/.docx",
                              "Office 文件无法读取：{detail}",
                              "读取 .xlsx/.docx 时，压缩包结构、解压后的大小（每个部件不超过 160 MB，合计不超过 256 MB）、XML 语法都受检查；"
                              "损坏、截断、设有打开密码、解压后过大的文件得到一条说明，而不会卡住或崩溃。"};
const RuleMeta kInvalidModel{"import.invalid_model", Severity::Error, Scope::Import, "表单 JSON 不正确",
                             "JSON 表单文件语法错误或不符合 schema/form.schema.json",
                             "表单 JSON 格式不正确：{detail}",
                             "JSON 文件须符合 formcheck/form@1（docs/schema.md）；报告第一处错误及其路径。"};

}  // namespace

void add_import_rules(std::vector<Rule>& out) {
  for (const RuleMeta* m : {&kUnrecognized, &kUnknownForm, &kAmbiguous, &kUnplacedAmount, &kEncoding, &kBinary, &kEmpty, &kTooLarge, &kInvalidOffice, &kOtherSheet, &kInvalidModel})
    out.push_back({m, nullptr});
}

}  // namespace formcheck::rules
