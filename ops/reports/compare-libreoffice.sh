#!/usr/bin/env bash
# Opens a yearly review workbook in a real spreadsheet program and checks it against itself:
#   ops/reports/compare-libreoffice.sh WORKBOOK.xlsx
# 1. copies the workbook with every formula's cached value replaced by a sentinel (so a program that shows caches is caught);
# 2. has LibreOffice Calc, headless, with recalculation on load forced, convert every sheet of that copy to CSV;
# 3. compares, cell by cell, LibreOffice's CSV with the original workbook: every formula's recalculated result with the cached
#    value we wrote, every text exactly (Vietnamese diacritics included), every number and date.
# Exit 0 when all agree, 1 on any difference, 2 on bad usage. Without LibreOffice Calc (Debian: apt-get install
# libreoffice-calc-nogui) it says "skipped" and exits 0.
set -euo pipefail

if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: $0 WORKBOOK.xlsx" >&2
  exit 2
fi
workbook=$(realpath "$1")

office=$(command -v soffice || command -v libreoffice || true)
if [[ -z "$office" ]]; then
  echo "skipped: LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui)"
  exit 0
fi
if [[ ! -e /usr/lib/libreoffice/program/libsclo.so && -z "$(find "$(dirname "$(realpath "$office")")" -name 'libsclo.so' 2>/dev/null | head -n 1)" ]]; then
  echo "skipped: LibreOffice is installed without Calc (Debian: apt-get install libreoffice-calc-nogui)"
  exit 0
fi
if ! command -v python3 >/dev/null; then
  echo "python3 is needed to read the workbook and the CSV files" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private profile (no clash with a running instance; works as root) that recalculates every formula of an .xlsx on load.
mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

export WORKBOOK="$workbook" WORK="$work"
python3 - <<'PY'
import os, re, zipfile
# The sentinel replaces every cached formula value; LibreOffice must compute the real one.
src, dst = os.environ["WORKBOOK"], os.path.join(os.environ["WORK"], "review.xlsx")
pattern = re.compile(rb"(<(?:\w+:)?f>[^<]*</(?:\w+:)?f>\s*<((?:\w+:)?v)>)[^<]*(</\2>)")
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/"):
            data = pattern.sub(rb"\g<1>-987654321\g<3>", data)
        zout.writestr(item, data)
PY

version=$("$office" --version 2>/dev/null | head -n 1 || true)
start=$(date +%s)
# CSV filter: comma, double quotes, UTF-8, from row 1, en-US, values not "as shown" (numbers unformatted), every sheet (-1).
if ! timeout 1800 "$office" "-env:UserInstallation=file://$work/profile" --headless --norestore \
     --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
     --outdir "$work/csv" "$work/review.xlsx" >"$work/log" 2>&1 || [[ -z "$(ls -A "$work/csv" 2>/dev/null)" ]]; then
  echo "LibreOffice could not convert $workbook" >&2
  cat "$work/log" >&2
  exit 1
fi
echo "${version:-LibreOffice}: converted every sheet to CSV in $(( $(date +%s) - start )) s, formulas recalculated on load"

python3 - <<'PY'
import csv, datetime, os, re, sys, zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
workbook, work = os.environ["WORKBOOK"], os.environ["WORK"]
epoch = datetime.date(1899, 12, 30)
csv.field_size_limit(1 << 24)

def column(ref):
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch) - 64
    return n - 1

with zipfile.ZipFile(workbook) as z:
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    styles = ET.fromstring(z.read("xl/styles.xml"))
    formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter(M + "numFmt")}
    xfs = [int(x.get("numFmtId", "0")) for x in styles.find(M + "cellXfs")]
    def is_date(style):
        fmt = xfs[style] if style < len(xfs) else 0
        return 14 <= fmt <= 22 or ("d" in (formats.get(fmt) or "") and "y" in (formats.get(fmt) or ""))
    shared = [si.findtext(".//" + M + "t") or "" for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si")] \
        if "xl/sharedStrings.xml" in z.namelist() else []

    failures, totals = [], [0, 0, 0]
    def fail(sheet, ref, ours, theirs):
        failures.append(f"{sheet}!{ref}: workbook {ours!r}, LibreOffice {theirs!r}")

    for sheet in book.iter(M + "sheet"):
        name = sheet.get("name")
        path = "xl/" + rels[sheet.get(R + "id")].lstrip("/").removeprefix("xl/")
        with open(os.path.join(work, "csv", f"review-{name}.csv"), newline="", encoding="utf-8") as f:
            lines = list(csv.reader(f))
        rows = cells = formulas = 0
        with z.open(path) as xml:
            for _, row in ET.iterparse(xml):
                if row.tag != M + "row":
                    continue
                number = int(row.get("r"))
                theirs = lines[number - 1] if number - 1 < len(lines) else []
                rows += 1
                for c in row.iter(M + "c"):
                    ref, kind, style = c.get("r"), c.get("t"), int(c.get("s", "0"))
                    col = column(ref)
                    other = theirs[col] if col < len(theirs) else ""
                    value, formula = c.findtext(M + "v"), c.find(M + "f")
                    if kind == "inlineStr":
                        value = "".join(t.text or "" for t in c.iter(M + "t"))
                    elif kind == "s":
                        value = shared[int(value)]
                    if value is None:
                        if other != "":
                            fail(name, ref, None, other)
                        continue
                    cells += 1
                    if formula is not None:
                        formulas += 1
                    if kind in ("inlineStr", "s", "str"):
                        if value != other:
                            fail(name, ref, value, other)
                    elif is_date(style) and formula is None:
                        day = epoch + datetime.timedelta(days=int(float(value)))
                        parsed = None
                        for pattern in ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d"):
                            try:
                                parsed = datetime.datetime.strptime(other, pattern).date()
                                break
                            except ValueError:
                                pass
                        if parsed != day:
                            fail(name, ref, day.strftime("%d/%m/%Y"), other)
                    else:
                        try:
                            same = abs(float(value) - float(other)) <= 1e-9 * max(1.0, abs(float(value)))
                        except ValueError:
                            same = False
                        if not same:
                            fail(name, ref, value + (" (formula " + (formula.text or "") + ")" if formula is not None else ""), other)
                row.clear()
        totals[0] += rows; totals[1] += cells; totals[2] += formulas
        print(f"  {name}: {rows:,} rows, {cells:,} cells of which {formulas:,} formulas compared")

if failures:
    print(f"DIFFERENT: {len(failures)} cell(s) disagree (first 20 below); a formula showing -987654321 means LibreOffice did not recalculate")
    for line in failures[:20]:
        print("   ", line)
    sys.exit(1)
print(f"result: equal — {totals[0]:,} rows, {totals[1]:,} cells; LibreOffice's results for all {totals[2]:,} formulas equal the cached values we wrote")
PY
