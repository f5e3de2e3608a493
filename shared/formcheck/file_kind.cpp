#include "formcheck/file_kind.hpp"

#include <cctype>

#include "formcheck/rule.hpp"

namespace formcheck {

namespace {

struct Kind {
  const char* what;  // what the file is, as said to the user
  bool image, pdf;
};

bool starts(std::string_view b, std::string_view magic) { return b.substr(0, magic.size()) == magic; }

std::optional<Kind> sniff_kind(std::string_view b) {
  using namespace std::string_view_literals;
  if (starts(b, "\x89PNG\r\n\x1a\n"sv)) return Kind{"PNG 图片", true, false};
  if (starts(b, "\xFF\xD8\xFF"sv)) return Kind{"JPEG 图片", true, false};
  if (starts(b, "GIF87a"sv) || starts(b, "GIF89a"sv)) return Kind{"GIF 图片", true, false};
  if (starts(b, "RIFF"sv) && b.size() >= 12 && b.substr(8, 4) == "WEBP"sv) return Kind{"WebP 图片", true, false};
  if (starts(b, "II*\0"sv) || starts(b, "MM\0*"sv)) return Kind{"TIFF 图片", true, false};
  if (starts(b, "BM"sv) && b.size() >= 26 && b.substr(6, 4) == "\0\0\0\0"sv) return Kind{"BMP 图片", true, false};
  // A PDF's header may follow a few bytes of other data (the format allows 1 KB).
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Kind{"PDF 文件", false, true};
  if (starts(b, "Rar!\x1a\x07"sv)) return Kind{"RAR 压缩包", false, false};
  if (starts(b, "7z\xBC\xAF\x27\x1C"sv)) return Kind{"7z 压缩包", false, false};
  if (starts(b, "\x1F\x8B"sv)) return Kind{"gzip 压缩文件", false, false};
  return std::nullopt;
}

}  // namespace

std::string extension_of(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && slash > dot)) return "";
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool office_extension(std::string_view path) {
  const std::string e = extension_of(path);
  return e == "xlsx" || e == "xlsm" || e == "docx" || e == "docm" || e == "xls" || e == "et" || e == "doc" || e == "wps";
}

std::optional<Finding> foreign_file(std::string_view bytes, std::string_view path) {
  const auto k = sniff_kind(bytes);
  if (!k) return std::nullopt;
  const bool office = office_extension(path);
  const std::string rule = office ? "import.invalid_office" : "import.binary";
  std::string message = office ? "文件名是 ." + extension_of(path) + "，但内容是 " + k->what + "，不是 Excel/Word 文件。"
                               : std::string("这是 ") + k->what + "，不是表单文件。";
  std::string fix;
  if (k->pdf) {
    // The page and the CLI turn a PDF into its text runs before the core sees
    // it (pdf-runs.js); raw PDF bytes reach the core only from another caller.
    message += "这种调用方式不直接读取 PDF 文件（PDF 须先转为文字）。";
    fix = "请在本工具的页面或命令行中打开这个 PDF（会自动读取其中的表格），或导入表单原来的 Excel/Word 文件。";
  } else if (k->image) {
    message += "本工具不识别图片中的文字。";
    fix = "请导入表单的 Excel/Word 文件，或复制表格文字后粘贴。";
  } else {
    fix = "请先解压，再导入其中的 .xlsx、.docx 或 .txt 文件。";
  }
  return import_finding(rule, message, fix);
}

}  // namespace formcheck
