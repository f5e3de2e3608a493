// The page core: the single file without the blocks it decodes only on first
// use (marked data-formcheck-lazy by build-page.mjs: the full module, needed
// for old Office files). Its gzip size is page_core_gzip_bytes (bench/report.mjs,
// tests/node/page-size.test.cjs).
const LAZY_BLOCKS = /<script\b[^>]*\bdata-formcheck-lazy\b[^>]*>[\s\S]*?<\/script>\n?/g;
const pageCore = (html) => String(html).replace(LAZY_BLOCKS, '');
module.exports = { LAZY_BLOCKS, pageCore };
