#!/usr/bin/env python3
"""Write a tab-separated report as a one-sheet .xls (BIFF8) with xlwt, for the tests.

Usage: tsv_to_xls.py IN.tsv OUT.xls

Each line is a row; tab-separated fields become cells. A field that looks like an amount
(digits with a decimal point, optional sign and thousands commas) is written as a number
with the "#,##0.00" format; everything else (codes, names, headers) is written as text, so
codes such as 2010101 or 06 keep their digits.
"""
import re
import sys

import xlwt

AMOUNT = re.compile(r"^-?[0-9][0-9,]*\.[0-9]+$")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if len(lines) > 65536:
        print(f"too many rows for .xls: {len(lines)}", file=sys.stderr)
        return 1
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("决算")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for r, line in enumerate(lines):
        for c, field in enumerate(line.split("\t")):
            t = field.strip()
            if not t:
                continue
            if AMOUNT.match(t):
                ws.write(r, c, float(t.replace(",", "")), money)
            else:
                ws.write(r, c, t)
    wb.save(dst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
