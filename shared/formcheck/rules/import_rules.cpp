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
const RuleMeta kFamilyUndecided{
    "import.family_undecided", Severity::Error, Scope::Import, "表单种类未定，未检查",
    "表单同时带有两种表单的特征（如部门整体目标表的表名和项目表的表头），在选定种类之前未检查其内容",
    "无法确定这份表单是“{first}”还是“{second}”，未检查其内容；选定种类后才能判断是否通过。",
    "与 import.ambiguous“表单类型”同时出现（那一条说明两种读法的依据）。种类未定时不运行任何内容规则，"
    "因此表单也不能显示“通过”：上传关口遇到这种表单时退出码为 1。在页面的“表单类型”中选择，或在命令行加 --form KIND。"};
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
                              "Excel/Word 文件损坏、不完整、加密，或不是 .xlsx/.docx/.xls",
                              "Office 文件无法读取：{detail}",
                              "读取 .xlsx/.docx/.xls 时，压缩包结构（同一名称的条目出现两次即为损坏）、部件之间的关系、解压后的大小"
                              "（每个部件不超过 160 MB，合计不超过 256 MB）、XML 语法、单元格引用是否在 Excel 的表格范围内、旧版文件的扇区链都受检查；"
                              "损坏、截断、设有打开密码、解压后过大的文件得到一条说明，而不会卡住或崩溃。扩展名是 .xlsx/.docx/.xls "
                              "而内容是图片（PNG、JPEG、GIF）、PDF 或普通压缩包的文件，说明它实际是什么。网页与命令行对无法读取的 Office "
                              "文件报告同一条规则。"};
const RuleMeta kPdf{"import.pdf", Severity::Error, Scope::Import, "PDF 无法读取",
                    "PDF 文件损坏、不完整、加密、只有图片（扫描件），或没有可读取的文字",
                    "{detail}",
                    "PDF 由 pdf.js 提取每页的文字及其位置和表格线（网页中在后台线程，命令行中用 Node.js），再由同一个 C++ "
                    "程序按表格线和文字位置还原成表格（docs/import.md）。损坏、截断、加密、结构异常（循环引用、超大或解压后过大的数据流）"
                    "的 PDF 在限定时间内停止读取并得到这一条说明，不会卡住或崩溃；只有图片的 PDF（扫描件）不做文字识别（OCR），"
                    "也只得到这一条说明。"};
const RuleMeta kUnreadable{"import.unreadable", Severity::Error, Scope::Import, "文件无法读取",
                           "文件不存在、是文件夹、没有读取权限或读取中出错",
                           "无法读取文件 {path}。",
                           "命令行中文件不存在、是文件夹、没有读取权限或读取出错，或网页中浏览器未能读出所选文件（已被移动或删除、"
                           "没有权限等）时报告。一次检查多个文件时，无法读取的文件得到自己的一条结果（表单为 null，附本条），"
                           "其余文件照常检查；命令行此时以退出码 2 结束。超过大小上限的文件得到 import.too_large；能读出内容但"
                           "无法解析的 Office 文件得到 import.invalid_office，网页与命令行相同。"};
const RuleMeta kFormulaUncached{
    "import.formula_uncached", Severity::Error, Scope::Import, "公式没有保存结果且无法计算",
    "Excel 单元格中有公式而文件没有保存它的计算结果，本工具也无法计算",
    "单元格 {cell} 的公式没有保存计算结果，本工具也无法计算（{why}），这一格的数值未知。",
    "脚本和一些工具写出的 .xlsx 只有公式、没有计算结果。本工具按 Excel 的算法计算表单常用的部分：数字、百分号、"
    "加减乘除、括号、SUM、ROUND，同一工作表中的单元格和区域引用，共享公式；其余（其他工作表、其他函数、名称、循环引用、"
    "引用了文字或错误值的运算）无法计算，这一格的数值未知，在该单元格报告此错误，表单是否平衡不能据此判断。"};
const RuleMeta kFormulaStale{
    "import.formula_stale", Severity::Warning, Scope::Import, "公式保存的结果与公式不符",
    "Excel 单元格保存的计算结果与按公式重新计算的值不同",
    "单元格 {cell} 保存的结果是 {actual}，但按公式算得 {expected}；文件显示的是保存的结果。",
    "Excel/WPS 显示的是文件中保存的结果，检查也按保存的结果进行；当公式能按本工具支持的写法计算（见 import.formula_uncached）"
    "而结果不同（例如关闭了自动重算，或文件被其他程序改过），在该单元格给出此警告，说明两个数和文件显示的是哪一个。"};
const RuleMeta kInvalidModel{"import.invalid_model", Severity::Error, Scope::Import, "表单 JSON 不正确",
                             "JSON 表单文件语法错误或不符合 schema/form.schema.json",
                             "表单 JSON 格式不正确：{detail}",
                             "JSON 文件须符合 formcheck/form@1（docs/schema.md）；报告第一处错误及其路径。"};

}  // namespace

void add_import_rules(std::vector<Rule>& out) {
  for (const RuleMeta* m : {&kUnrecognized, &kUnknownForm, &kAmbiguous, &kFamilyUndecided, &kUnplacedAmount, &kEncoding, &kBinary, &kEmpty, &kTooLarge, &kInvalidOffice, &kPdf, &kUnreadable, &kFormulaUncached, &kFormulaStale, &kOtherSheet, &kInvalidModel})
    out.push_back({m, nullptr});
}

}  // namespace formcheck::rules
