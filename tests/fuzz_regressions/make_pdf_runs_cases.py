#!/usr/bin/env python3
"""Writes hostile runs JSON for the PDF grid builder into pdf_runs/ (the input of
fuzz_pdf_runs: the JSON after its opening '{"formcheck_pdf_runs":1,'). Each
must end in a grid or one import.pdf message, quickly. Run once; committed."""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pdf_runs')


def write(name, pages=None, raw=None):
    body = raw if raw is not None else json.dumps({'pages': pages}, ensure_ascii=False)[1:]
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        f.write(body)


def main():
    os.makedirs(OUT, exist_ok=True)
    # 600 vertical lines: more columns than a row may hold (falls back to text).
    write('too-many-columns', [{'w': 595, 'h': 842, 'runs': [['a', 10, 10, 5, 10]],
                                'lines': [[x, 0, x, 800] for x in range(0, 600)] + [[0, 0, 600, 0], [0, 800, 600, 800]]}])
    # One run as wide as the coordinate limit, many rows of it (column coverage).
    write('wide-runs', [{'w': 595, 'h': 842, 'runs': [['宽', 0, y, 99999, 10] for y in range(0, 2000)] +
                         [['x', 5, y, 1, 10] for y in range(0, 2000)], 'lines': []}])
    # Negative and zero sizes, runs outside the page, a table of zero height.
    write('degenerate', [{'w': 0, 'h': 0, 'runs': [['a', -5, -5, -1, -1], ['b', 99999, 99999, 0, 0]],
                          'lines': [[10, 10, 10, 10], [0, 5, 100, 5], [0, 5, 100, 5], [0, 0, 0, 5], [100, 0, 100, 5]]}])
    # Every run in one merged cell of a 1000-row table without inner lines.
    write('one-big-merge', [{'w': 595, 'h': 842, 'runs': [['字', 20, 10 + i * 0.7, 5, 1] for i in range(1000)],
                             'lines': [[10, 0, 500, 0], [10, 800, 500, 800], [10, 0, 10, 800], [500, 0, 500, 800]] +
                             [[10 + i * 0.49, 0, 10 + i * 0.49, 1] for i in range(1000)]}])
    # A row split over 200 pages: continuation on continuation.
    pages = []
    for p in range(200):
        pages.append({'w': 595, 'h': 842, 'runs': [['续' * 20, 105, 705, 95, 10]],
                      'lines': [[100, 700, 200, 700], [100, 780, 200, 780], [100, 700, 100, 780], [200, 700, 200, 780]]})
    write('split-200-pages', pages)
    # Invalid UTF-8 escapes and lone surrogates in run text.
    write('bad-text', raw='"pages":[{"w":595,"h":842,"runs":[["\\ud800",1,1,1,1],["\\udfff\\u0000",2,2,2,2]],"lines":[]}]}')
    # Error kinds the extractor never writes, and an error that is not a string.
    write('unknown-error', raw='"error":"other","detail":5}')
    write('error-not-string', raw='"error":[1],"detail":"x"}')


if __name__ == '__main__':
    main()
