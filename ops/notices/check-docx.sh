#!/usr/bin/env bash
# Opens a generated notice in a real office suite: converts it to PDF and to text with LibreOffice
# headless, prints the text, and fails if the conversion fails or an expected line is missing.
#   ops/notices/check-docx.sh FILE.docx [EXPECTED_TEXT...]
# Without LibreOffice (Debian: apt-get install libreoffice-writer-nogui) it says so and exits 0.
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "usage: $0 FILE.docx [EXPECTED_TEXT...]" >&2
  exit 2
fi
input=$1
shift

office=$(command -v libreoffice || command -v soffice || true)
if [[ -z "$office" ]]; then
  echo "LibreOffice not installed, skipped"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private profile: no clash with a running instance, and works as root.
profile="-env:UserInstallation=file://$work/profile"
run() { timeout 180 "$office" "$profile" --headless --norestore "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; return 1; }; }

run --convert-to pdf --outdir "$work/pdf" "$input"
run --convert-to "txt:Text (encoded):UTF8" --outdir "$work/txt" "$input"

pdf=$(find "$work/pdf" -name '*.pdf' | head -n 1)
txt=$(find "$work/txt" -name '*.txt' | head -n 1)
if [[ -z "$pdf" || ! -s "$pdf" || -z "$txt" ]]; then
  echo "LibreOffice could not convert $input" >&2
  cat "$work/log" >&2
  exit 1
fi

pages=""
if command -v pdfinfo >/dev/null; then
  pages=", $(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') page(s)"
fi
echo "== $(basename "$input"): PDF $(stat -c %s "$pdf") bytes$pages; text:"
cat "$txt"
echo

missing=0
for expected in "$@"; do
  if ! grep -qF -- "$expected" "$txt"; then
    echo "missing: $expected" >&2
    missing=1
  fi
done
exit $missing
