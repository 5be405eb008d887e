#!/usr/bin/env bash
# test/cases/report.sh: the visual report (demo/report.sh) renders in a real browser. Builds the
# report of a small shop (5,000 customers) in this test's server, loads it in headless Chromium,
# and fails on any script or console error, and unless every chart container holds a canvas on
# which at least 2% of the pixels are drawn (the page checks itself after drawing and writes the
# outcome into <pre id="render-check">). Keeps a screenshot of the run in test/artifacts/.
# Installs Debian's chromium when it can (as root); prints "skipped: ..." and succeeds otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; then
        echo "installed chromium"
    else
        echo "skipped: Chromium is not installed and could not be installed"
        exit 0
    fi
fi
work=$(mktemp -d /tmp/cxm-report-test.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
CUSTOMERS=5000 OUT="$work/report.html" CXM_REPORT_SERVER=1 bash demo/report.sh >/dev/null

browse() {
    timeout 180 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$work/profile" --virtual-time-budget=15000 \
        --enable-logging=stderr --v=0 "$@" "file://$work/report.html"
}
browse --dump-dom > "$work/dom.html" 2> "$work/browser.log"
mkdir -p test/artifacts
browse --window-size=1280,7200 --screenshot="$PWD/test/artifacts/report.png" >/dev/null 2>>"$work/browser.log"

python3 - "$work/dom.html" "$work/browser.log" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
log = open(sys.argv[2], encoding='utf-8', errors='replace').read()
m = re.search(r'<pre id="render-check">([^<]*)</pre>', dom)
if not m or not m.group(1).strip():
    sys.exit('the page did not finish its self-check (no render-check result)')
check = json.loads(html.unescape(m.group(1)))
problems = list(check['errors'])
problems += ['browser console: ' + l.strip() for l in log.splitlines()
             if 'CONSOLE' in l and ('ERROR' in l or 'Uncaught' in l)]
expected = ['nps', 'funnel', 'sankey', 'retention', 'subscription_forecast', 'attribution', 'value_distribution',
            'top_customers', 'lifecycle', 'terms', 'drivers']
for chart in expected:
    c = check['charts'].get(chart)
    if c is None:
        problems.append(f'{chart}: missing')
    elif not c['canvas']:
        problems.append(f'{chart}: no canvas')
    elif c['rows'] == 0:
        problems.append(f'{chart}: no rows')
    elif c['drawn_share'] < 0.02:
        problems.append(f'{chart}: blank ({100 * c["drawn_share"]:.2f}% of the pixels drawn)')
for p in problems:
    print('report:', p)
drawn = ', '.join(f'{k} {100 * v["drawn_share"]:.0f}%' for k, v in check['charts'].items())
print(f'report: {len(check["charts"])} charts rendered in Chromium, drawn share: {drawn}; '
      f'{len(problems)} problems; screenshot test/artifacts/report.png')
sys.exit(1 if problems else 0)
PY
