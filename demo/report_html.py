#!/usr/bin/env python3
"""demo/report_html.py: writes the visual report of the sample shop as one self-contained HTML file.

Usage: report_html.py REPORT_JSON ECHARTS_MIN_JS OUT_HTML

REPORT_JSON is what demo/report.sql prints: the charts, each with its title, kind, the SQL that
produced it and its rows (plain columns, as cxm returned them). The page inlines Apache ECharts
and the data, so it opens offline. Each chart is drawn from its rows as they are; under it, a
collapsible block shows its SQL. After drawing, the page checks itself (every chart container
holds a canvas with drawn pixels; no script error or console error) and writes the outcome into
<pre id="render-check">, which the browser test reads. Standard library only.
"""
import html
import json
import sys

RENDER_JS = r"""
const errors = [];
window.addEventListener('error', e => errors.push('error: ' + e.message));
window.addEventListener('unhandledrejection', e => errors.push('unhandled rejection: ' + e.reason));
const consoleError = console.error.bind(console);
console.error = (...args) => { errors.push('console.error: ' + args.join(' ')); consoleError(...args); };

const col = (rows, k) => rows.map(r => r[k]);
const uniq = xs => [...new Set(xs)];
const base = { animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
               grid: { left: 70, right: 70, top: 40, bottom: 50 } };

const render = {
  nps_band(rows) {
    return { ...base,
      xAxis: { type: 'category', data: col(rows, 'month') },
      yAxis: [{ type: 'value', name: 'NPS' }, { type: 'value', name: 'CSAT %', min: 0, max: 100 }],
      legend: { top: 0, data: ['95% interval', 'NPS', 'CSAT'] },
      series: [
        { name: 'interval low', type: 'line', data: col(rows, 'nps_ci_lower'), stack: 'ci',
          lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
        { name: '95% interval', type: 'line', data: col(rows, 'nps_ci_width'), stack: 'ci',
          lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(84,112,198,0.25)' } },
        { name: 'NPS', type: 'line', data: col(rows, 'nps'), color: '#5470c6' },
        { name: 'CSAT', type: 'line', yAxisIndex: 1, data: col(rows, 'csat'), color: '#91cc75' } ] };
  },
  funnel(rows) {
    return { ...base,
      xAxis: { type: 'category', data: col(rows, 'label') },
      yAxis: [{ type: 'value', name: 'customers' }, { type: 'value', name: 'median hours from step 1' }],
      series: [
        { name: 'customers reaching the step', type: 'bar', data: col(rows, 'customers'), label: { show: true, position: 'top' } },
        { name: 'median hours from step 1', type: 'line', yAxisIndex: 1, data: col(rows, 'median_hours_from_step_1') } ] };
  },
  sankey(rows) {
    const names = uniq([...col(rows, 'source'), ...col(rows, 'target')]);
    return { animation: false, tooltip: { trigger: 'item' },
      series: [{ type: 'sankey', left: 20, right: 90, top: 10, bottom: 10, nodeAlign: 'justify',
        data: names.map(name => ({ name })), links: rows,
        lineStyle: { color: 'source', opacity: 0.35 }, emphasis: { focus: 'adjacency' } }] };
  },
  heatmap(rows) {
    const xs = uniq(col(rows, 'months_after_sign_up')).sort((a, b) => a - b).map(String);
    const ys = uniq(col(rows, 'cohort'));
    return { animation: false, tooltip: { position: 'top' },
      grid: { left: 80, right: 30, top: 10, bottom: 90 },
      xAxis: { type: 'category', data: xs, name: 'months after sign-up', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: ys },
      visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ type: 'heatmap', label: { show: true },
        data: rows.map(r => [String(r.months_after_sign_up), r.cohort, r.pct_active]) }] };
  },
  forecast(rows) {
    const months = uniq(col(rows, 'months')).sort((a, b) => a - b);
    const series = [];
    for (const plan of uniq(col(rows, 'plan'))) {
      const mine = rows.filter(r => r.plan === plan);
      series.push({ name: plan + ' observed', type: 'line', symbolSize: 6,
                    data: mine.map(r => [String(r.months), r.observed_pct]) });
      series.push({ name: plan + ' sBG forecast', type: 'line', symbol: 'none', lineStyle: { type: 'dashed' },
                    data: mine.map(r => [String(r.months), r.sbg_forecast_pct]) });
    }
    return { ...base, xAxis: { type: 'category', data: months.map(String), name: 'months', nameLocation: 'middle', nameGap: 28 },
             yAxis: { type: 'value', name: '% still paying', max: 100 }, series };
  },
  grouped_bar(rows) {
    const channels = uniq(col(rows, 'channel'));
    return { ...base, legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: channels }, yAxis: { type: 'value', name: 'revenue' },
      series: uniq(col(rows, 'model')).map(model => ({ name: model, type: 'bar',
        data: channels.map(ch => (rows.find(r => r.model === model && r.channel === ch) || {}).revenue ?? 0) })) };
  },
  histogram(rows) {
    return { ...base, xAxis: { type: 'category', data: col(rows, 'value_52_weeks'), axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', name: 'customers' },
      series: [{ name: 'customers', type: 'bar', barCategoryGap: '5%', data: col(rows, 'customers') }] };
  },
  bar(rows) {
    return { ...base, grid: { left: 130, right: 40, top: 30, bottom: 30 },
      xAxis: { type: 'value', name: 'value, next 52 weeks' },
      yAxis: { type: 'category', data: col(rows, 'customer'), inverse: true },
      series: [{ name: 'value over 52 weeks', type: 'bar', data: col(rows, 'value_52_weeks') }] };
  },
  stacked_bar(rows) {
    const months = uniq(col(rows, 'month'));
    return { ...base, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', name: 'customers' },
      series: uniq(col(rows, 'state')).map(state => ({ name: state, type: 'bar', stack: 'states',
        data: months.map(m => (rows.find(r => r.state === state && r.month === m) || {}).customers ?? 0) })) };
  },
  drivers(rows) {
    return { ...base, grid: { left: 90, right: 40, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: 'share of R²' },
      yAxis: { type: 'category', data: col(rows, 'driver'), inverse: true },
      series: [{ name: 'Shapley (LMG) share', type: 'bar', data: col(rows, 'shapley_share') },
               { name: 'relative weight', type: 'bar', data: col(rows, 'relative_weight') }] };
  },
  terms(rows) {
    const classes = uniq(col(rows, 'class'));
    return { animation: false, tooltip: { trigger: 'axis' },
      title: classes.map((c, i) => ({ text: c, left: (i * 50 + 25) + '%', textAlign: 'center', textStyle: { fontSize: 14 } })),
      grid: classes.map((c, i) => ({ left: (i * 50 + 9) + '%', width: '36%', top: 30, bottom: 20 })),
      xAxis: classes.map((c, i) => ({ type: 'value', gridIndex: i, name: 'z' })),
      yAxis: classes.map((c, i) => ({ type: 'category', gridIndex: i, inverse: true,
        data: col(rows.filter(r => r.class === c), 'term') })),
      series: classes.map((c, i) => ({ name: c, type: 'bar', xAxisIndex: i, yAxisIndex: i,
        data: col(rows.filter(r => r.class === c), 'z') })) };
  },
};

const charts = [];
for (const c of REPORT.charts) {
  const el = document.getElementById('chart-' + c.id);
  try {
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(render[c.kind](c.rows));
    charts.push([c.id, el]);
  } catch (e) {
    errors.push(c.id + ': ' + e.message);
  }
}

// the self-check the browser test reads: every chart drew something, nothing went wrong
window.setTimeout(() => {
  const result = { errors, charts: {} };
  for (const c of REPORT.charts) {
    const el = document.getElementById('chart-' + c.id);
    // ECharts may draw on more than one canvas (layers): a pixel counts when any layer drew it
    const canvases = [...el.querySelectorAll('canvas')];
    let drawn = 0, total = 0;
    if (canvases.length > 0) {
      const w = canvases[0].width, h = canvases[0].height;
      const seen = new Uint8Array(w * h);
      total = w * h;
      for (const canvas of canvases) {
        if (canvas.width !== w || canvas.height !== h) continue;
        const img = canvas.getContext('2d').getImageData(0, 0, w, h).data;
        for (let i = 0; i < total; i++) if (img[4 * i + 3] > 0) seen[i] = 1;
      }
      for (let i = 0; i < total; i++) drawn += seen[i];
    }
    result.charts[c.id] = { canvas: canvases.length > 0, rows: c.rows.length, drawn_share: total ? drawn / total : 0 };
  }
  document.getElementById('render-check').textContent = JSON.stringify(result);
}, 500);
"""

STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0 auto; max-width: 1180px;
       padding: 24px; color: #222; background: #fff; }
h1 { font-size: 26px; margin-bottom: 4px; }
.meta { color: #666; margin-top: 0; }
section { margin: 36px 0; border-top: 1px solid #e4e4e4; padding-top: 12px; }
h2 { font-size: 18px; }
.chart { width: 100%; height: 420px; }
.chart.tall { height: 560px; }
details { margin-top: 6px; }
summary { cursor: pointer; color: #3558b8; }
pre { background: #f6f8fa; padding: 12px; overflow-x: auto; font-size: 12.5px; }
#render-check { display: none; }
"""


def script_text(s):
    """Text safe inside a <script> element."""
    return s.replace('</', '<\\/')


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    report = json.load(open(sys.argv[1], encoding='utf-8'))
    echarts_js = open(sys.argv[2], encoding='utf-8').read()
    out = []
    out.append('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.append('<title>cxm: the sample shop at a glance</title>\n<style>%s</style>\n</head>\n<body>\n' % STYLE)
    out.append('<h1>The sample shop at a glance</h1>\n')
    out.append('<p class="meta">Every chart is one SQL query over the sample shop (%s), with cxm %s. '
               'Its rows come straight from cxm\'s functions as plain columns; the SQL is under each chart.</p>\n'
               % (html.escape(report['generated_from']), html.escape(report['cxm_version'])))
    for c in report['charts']:
        tall = ' tall' if c['kind'] in ('sankey', 'heatmap') else ''
        out.append('<section>\n<h2>%s</h2>\n<div class="chart%s" id="chart-%s"></div>\n'
                   '<details><summary>SQL</summary><pre><code>%s</code></pre></details>\n</section>\n'
                   % (html.escape(c['title']), tall, html.escape(c['id']), html.escape(c['sql'].strip())))
    out.append('<pre id="render-check"></pre>\n')
    out.append('<script>%s</script>\n' % script_text(echarts_js))
    out.append('<script>const REPORT = %s;\n%s</script>\n</body>\n</html>\n'
               % (script_text(json.dumps(report, ensure_ascii=False)), script_text(RENDER_JS)))
    with open(sys.argv[3], 'w', encoding='utf-8') as f:
        f.write(''.join(out))


if __name__ == '__main__':
    main()
