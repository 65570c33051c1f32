#!/bin/sh
# Renders a report.html in headless Chromium and saves a PNG screenshot, to check that the
# self-contained report displays (charts, pictures, tables) without any network access.
#   reporting/scripts/screenshot-report.sh results/quickstart/report.html report.png [height]
# Needs Debian's chromium (apt-get install -y chromium).
set -eu
html=${1:?usage: screenshot-report.sh <report.html> <out.png> [height]}
png=${2:?usage: screenshot-report.sh <report.html> <out.png> [height]}
height=${3:-3000}
abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
out=$(cd "$(dirname "$png")" && pwd)/$(basename "$png")
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --screenshot="$out" --window-size=1400,"$height" "file://$abs"
echo "wrote $out"
