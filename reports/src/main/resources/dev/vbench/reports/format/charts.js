// Draws the charts of a vbench HTML page from the JSON in the script element "vbench-data", with the
// ECharts library inlined above it. When every chart has rendered, <html> gets
// data-vbench-charts="N" (N charts); on an error, data-vbench-chart-error says what went wrong.
(function () {
  'use strict';
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById('vbench-data').textContent);
  var VERDICT_COLOURS = {
    regressed: '#c0392b', failed: '#8e1b10', nondeterministic: '#d35400', not_measured: '#7f8c8d',
    improved: '#27ae60', added: '#2980b9', removed: '#95a5a6', unchanged: '#b0b7bf'
  };
  var MANY = 40;   // more rows than this: fixed height and a scroll bar (data zoom)
  var ROW = 24;

  function duration(ns) {
    var a = Math.abs(ns);
    if (a >= 1e9) { return (ns / 1e9).toPrecision(4) + ' s'; }
    if (a >= 1e6) { return (ns / 1e6).toPrecision(4) + ' ms'; }
    if (a >= 1e3) { return (ns / 1e3).toPrecision(4) + ' µs'; }
    return ns + ' ns';
  }
  function count(n) { return Number(n).toLocaleString('en'); }
  function byUnit(unit) { return unit === 'ns' ? duration : count; }

  var charts = [];
  function chart(id, rows, option) {
    var el = document.getElementById(id);
    el.style.height = (rows > MANY ? MANY * ROW + 80 : Math.max(rows, 1) * ROW + 80) + 'px';
    var c = echarts.init(el, null, { renderer: 'svg' });
    option.animation = false;
    if (rows > MANY) {
      option.dataZoom = [{ type: 'slider', yAxisIndex: 0, startValue: 0, endValue: MANY - 1, right: 8 },
                         { type: 'inside', yAxisIndex: 0 }];
    }
    charts.push({ chart: c, option: option });
  }

  function resultCharts(d) {
    var names = d.benchmarks.map(function (b) { return b.name; });
    chart('chart-virtual', names.length, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                 valueFormatter: function (v) { return duration(v); } },
      grid: { left: 8, right: 48, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'virtual time', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: duration } },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [{ name: 'virtual time', type: 'bar', data: d.benchmarks.map(function (b) { return b.virtual_time_ns; }),
                 itemStyle: { color: '#3b6ea5' } }]
    });
    var walled = d.benchmarks.filter(function (b) { return b.wall; });
    if (walled.length === 0) { return; }
    var wn = walled.map(function (b) { return b.name; });
    chart('chart-wall', wn.length, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                 formatter: function (ps) {
                   var b = walled[ps[0].dataIndex];
                   return b.name + '<br>virtual ' + duration(b.virtual_time_ns) + '<br>wall (' + b.wall.runs + ' runs): min '
                     + duration(b.wall.min) + ', median ' + duration(b.wall.median) + ', p90 ' + duration(b.wall.p90)
                     + ', max ' + duration(b.wall.max);
                 } },
      legend: { top: 0, data: ['wall min-max', 'wall median', 'wall p90', 'virtual time'] },
      grid: { left: 8, right: 48, top: 32, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'time', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: duration } },
      yAxis: { type: 'category', data: wn, inverse: true },
      series: [
        { name: 'wall min', type: 'bar', stack: 'wall', silent: true, itemStyle: { color: 'transparent' },
          data: walled.map(function (b) { return b.wall.min; }) },
        { name: 'wall min-max', type: 'bar', stack: 'wall', barWidth: 10, itemStyle: { color: '#c9ced6' },
          data: walled.map(function (b) { return b.wall.max - b.wall.min; }) },
        { name: 'wall median', type: 'scatter', symbol: 'rect', symbolSize: [3, 16], itemStyle: { color: '#34495e' },
          data: walled.map(function (b) { return b.wall.median; }) },
        { name: 'wall p90', type: 'scatter', symbol: 'rect', symbolSize: [3, 12], itemStyle: { color: '#e67e22' },
          data: walled.map(function (b) { return b.wall.p90; }) },
        { name: 'virtual time', type: 'scatter', symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#3b6ea5' },
          data: walled.map(function (b) { return b.virtual_time_ns; }) }
      ]
    });
  }

  function compareChart(d) {
    var rows = d.rows.filter(function (r) { return r.delta_pct !== null && r.delta_pct !== undefined; });
    var t = d.threshold_pct;
    chart('chart-delta', rows.length, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                 formatter: function (ps) {
                   var r = rows[ps[0].dataIndex];
                   var f = byUnit(d.unit);
                   return r.name + '<br>' + r.verdict + ': ' + (r.delta_pct >= 0 ? '+' : '') + r.delta_pct.toFixed(3)
                     + '%<br>' + f(r.base) + ' → ' + f(r.new) + ' (threshold ' + r.threshold_pct + '%)';
                 } },
      grid: { left: 8, right: 64, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'value', name: 'change of ' + d.metric + ' (%)', nameLocation: 'middle', nameGap: 28,
               axisLabel: { formatter: function (v) { return v + '%'; } } },
      yAxis: { type: 'category', data: rows.map(function (r) { return r.name; }), inverse: true },
      series: [{
        name: 'change', type: 'bar',
        data: rows.map(function (r) {
          return { value: r.delta_pct, itemStyle: { color: VERDICT_COLOURS[r.verdict] || '#888' } };
        }),
        markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#999' },
                    data: [{ xAxis: t }, { xAxis: -t }] }
      }]
    });
  }

  function historyCharts(d) {
    d.benchmarks.forEach(function (b, i) {
      var el = document.getElementById('chart-history-' + i);
      el.style.height = '220px';
      var c = echarts.init(el, null, { renderer: 'svg' });
      charts.push({ chart: c, option: {
        animation: false,
        title: { text: b.name, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null ? 'absent' : duration(v); } },
        grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: d.labels },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: duration } },
        series: [{ name: 'virtual time', type: 'line', connectNulls: false, symbolSize: 7,
                   itemStyle: { color: '#3b6ea5' }, data: b.values }]
      } });
    });
  }

  // Differential flame graphs: ECharts' custom series, one rectangle per frame (x and width as
  // fractions of the new total, depth from the bottom), red where the frame's inclusive value grew,
  // blue where it shrank (full colour at a 5% change or more), grey where it did not change.
  function mix(from, to, t) {
    var a = parseInt(from.slice(1), 16), b = parseInt(to.slice(1), 16), out = 0;
    for (var shift = 16; shift >= 0; shift -= 8) {
      var x = (a >> shift) & 255, y = (b >> shift) & 255;
      out = out * 256 + Math.round(x + (y - x) * t);
    }
    return '#' + ('000000' + out.toString(16)).slice(-6);
  }
  function flameColour(base, now) {
    if (base === now) { return '#d5d8dc'; }
    var t = base <= 0 ? 1 : Math.min(1, Math.abs(now - base) / base * 20);
    return now > base ? mix('#f5b7b1', '#c0392b', t) : mix('#aed6f1', '#1f618d', t);
  }
  function flameCharts(flames) {
    flames.forEach(function (f) {
      var el = document.getElementById(f.id);
      var maxDepth = 0;
      f.frames.forEach(function (r) { if (r[2] > maxDepth) { maxDepth = r[2]; } });
      var rowHeight = 18;
      el.style.height = ((maxDepth + 1) * rowHeight + 16) + 'px';
      var fmt = byUnit(f.unit);
      var c = echarts.init(el, null, { renderer: 'svg' });
      charts.push({ chart: c, option: {
        animation: false,
        tooltip: { formatter: function (p) {
          var r = f.frames[p.dataIndex];
          var d = r[4] - r[3];
          return f.names[r[5]] + '<br>' + f.metric + ': ' + fmt(r[4]) + ' (was ' + fmt(r[3]) + ', '
            + (d >= 0 ? '+' : '') + fmt(d) + ')';
        } },
        grid: { left: 2, right: 2, top: 8, bottom: 8 },
        xAxis: { type: 'value', min: 0, max: 1, show: false },
        yAxis: { type: 'value', min: 0, max: maxDepth + 1, show: false },
        series: [{
          type: 'custom',
          encode: { x: [0, 1], y: 2 },
          data: f.frames,
          renderItem: function (params, api) {
            var r = f.frames[params.dataIndex];
            var topLeft = api.coord([r[0], r[2] + 1]);
            var bottomRight = api.coord([r[0] + r[1], r[2]]);
            var w = Math.max(bottomRight[0] - topLeft[0] - 1, 0.5);
            var h = bottomRight[1] - topLeft[1] - 1;
            var children = [{ type: 'rect', shape: { x: topLeft[0], y: topLeft[1], width: w, height: h },
                              style: { fill: flameColour(r[3], r[4]) } }];
            var label = f.names[r[5]];
            var fits = Math.floor((w - 6) / 6.5);
            if (fits >= 3) {
              children.push({ type: 'text', style: {
                text: label.length > fits ? label.slice(0, fits - 1) + '…' : label,
                x: topLeft[0] + 3, y: topLeft[1] + h / 2, verticalAlign: 'middle',
                fill: '#111', font: '11px sans-serif' } });
            }
            return { type: 'group', children: children };
          }
        }]
      } });
    });
  }

  // Equal-width bins over [min, max] (sqrt(n) of them, 5 to 30), counting the seeds in each.
  function histogram(values) {
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    var n = Math.max(5, Math.min(30, Math.ceil(Math.sqrt(values.length))));
    if (min === max) { return [{ from: min, to: max, count: values.length }]; }
    var width = (max - min) / n, bins = [];
    for (var i = 0; i < n; i++) { bins.push({ from: min + i * width, to: min + (i + 1) * width, count: 0 }); }
    values.forEach(function (v) { bins[Math.min(n - 1, Math.floor((v - min) / width))].count += 1; });
    return bins;
  }

  function varianceCharts(d) {
    var values = d.runs.map(function (r) { return r.virtual_time_ns; });
    var bins = histogram(values);
    chart('chart-variance-histogram', 8, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
                 formatter: function (ps) { var b = bins[ps[0].dataIndex];
                   return duration(Math.round(b.from)) + ' to ' + duration(Math.round(b.to)) + ': ' + b.count + ' seeds'; } },
      grid: { left: 8, right: 24, top: 24, bottom: 48, containLabel: true },
      xAxis: { type: 'category', name: 'virtual time', nameLocation: 'middle', nameGap: 32,
               data: bins.map(function (b) { return duration(Math.round((b.from + b.to) / 2)); }) },
      yAxis: { type: 'value', name: 'seeds', minInterval: 1 },
      series: [{ name: 'seeds', type: 'bar', barCategoryGap: '4%', itemStyle: { color: '#3b6ea5' },
                 data: bins.map(function (b) { return b.count; }) }]
    });
    var markData = d.runs.map(function (r) {
      var colour = r.seed === d.fastest_seed ? '#27ae60' : (r.seed === d.slowest_seed ? '#c0392b' : '#3b6ea5');
      return { value: r.virtual_time_ns, itemStyle: { color: colour } };
    });
    var series = [{ name: 'virtual time', type: 'bar', data: markData }];
    if (d.wall) {
      series.push({ name: 'native wall median', type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#7f8c8d' },
                    data: d.runs.map(function () { return d.wall.median; }) });
    }
    chart('chart-variance-seeds', 8, {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return duration(v); } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 48, containLabel: true },
      xAxis: { type: 'category', name: 'scheduler seed', nameLocation: 'middle', nameGap: 32,
               data: d.runs.map(function (r) { return String(r.seed); }) },
      // Below the smallest value by a fifth of the range, so the fastest seed's bar still shows.
      yAxis: { type: 'value', axisLabel: { formatter: duration },
               min: function (v) { return Math.max(0, Math.floor(v.min - (v.max - v.min) * 0.2 - 1)); } },
      series: series
    });
  }

  // A calibration: held-out prediction against measurement (log-log, y = x), and each point's
  // held-out error against the noise floor band; one colour per workload kind.
  function calibrationCharts(d) {
    var kinds = [];
    d.points.forEach(function (p) { if (kinds.indexOf(p.kind) < 0) { kinds.push(p.kind); } });
    var lo = Infinity, hi = 0;
    d.points.forEach(function (p) {
      [p.measured, p.held_out].forEach(function (v) { if (v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
    });
    if (!(hi > 0)) { lo = 1; hi = 10; }
    function tip(p) {
      return p.kind + ' ' + p.size + '<br>measured ' + duration(p.measured) + '<br>held out ' + duration(p.held_out)
        + ' (' + (p.error_pct >= 0 ? '+' : '') + p.error_pct.toFixed(1) + '%)<br>fitted on all ' + duration(p.fitted);
    }
    function series(value) {
      // More kinds than palette colours: a new marker shape each time the colours repeat.
      var shapes = ['circle', 'rect', 'triangle', 'diamond'];
      return kinds.map(function (k, i) {
        var pts = d.points.filter(function (p) { return p.kind === k; });
        return { name: k, type: 'scatter', symbolSize: 9, symbol: shapes[Math.floor(i / 9) % shapes.length],
                 data: pts.map(function (p) { return { value: value(p), point: p }; }) };
      });
    }
    var el = document.getElementById('chart-calibration');
    el.style.height = '520px';
    var scatter = series(function (p) { return [p.measured, Math.max(p.held_out, lo)]; });
    scatter.push({ name: 'y = x', type: 'line', symbol: 'none', silent: true,
                   lineStyle: { type: 'dashed', color: '#888' }, data: [[lo, lo], [hi, hi]] });
    charts.push({ chart: echarts.init(el, null, { renderer: 'svg' }), option: {
      animation: false,
      tooltip: { trigger: 'item', formatter: function (x) { return x.data && x.data.point ? tip(x.data.point) : ''; } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 32, top: 48, bottom: 40, containLabel: true },
      xAxis: { type: 'log', name: 'measured native time', nameLocation: 'middle', nameGap: 28, min: lo, max: hi,
               axisLabel: { formatter: duration } },
      yAxis: { type: 'log', name: 'predicted (held out)', min: lo, max: hi, axisLabel: { formatter: duration } },
      series: scatter
    } });
    var el2 = document.getElementById('chart-residuals');
    el2.style.height = '420px';
    var nf = d.noise_floor_pct;
    var resid = series(function (p) { return [p.measured, p.error_pct]; });
    resid.push({ name: 'noise floor', type: 'line', symbol: 'none', silent: true, data: [],
                 markArea: { silent: true, itemStyle: { color: 'rgba(120,120,120,0.15)' },
                             data: [[{ yAxis: -nf }, { yAxis: nf }]] },
                 markLine: { silent: true, symbol: 'none', lineStyle: { color: '#555' }, data: [{ yAxis: 0 }] } });
    charts.push({ chart: echarts.init(el2, null, { renderer: 'svg' }), option: {
      animation: false,
      tooltip: { trigger: 'item', formatter: function (x) { return x.data && x.data.point ? tip(x.data.point) : ''; } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 32, top: 48, bottom: 40, containLabel: true },
      xAxis: { type: 'log', name: 'measured native time', nameLocation: 'middle', nameGap: 28, min: lo, max: hi,
               axisLabel: { formatter: duration } },
      yAxis: { type: 'value', name: 'held-out error (%)', axisLabel: { formatter: function (v) { return v + '%'; } } },
      series: resid
    } });
  }

  try {
    if (data.flames) { flameCharts(data.flames); }
    if (data.kind === 'result') { resultCharts(data); }
    else if (data.kind === 'calibration') { calibrationCharts(data); }
    else if (data.kind === 'compare') { compareChart(data); }
    else if (data.kind === 'history') { historyCharts(data); }
    else if (data.kind === 'variance') { varianceCharts(data); }
    var done = 0;
    charts.forEach(function (entry) {
      entry.chart.on('finished', function once() {
        entry.chart.off('finished', once);
        done += 1;
        if (done === charts.length) { root.setAttribute('data-vbench-charts', String(done)); }
      });
      entry.chart.setOption(entry.option);
    });
    if (charts.length === 0) { root.setAttribute('data-vbench-charts', '0'); }
    window.addEventListener('resize', function () { charts.forEach(function (e) { e.chart.resize(); }); });
  } catch (e) {
    root.setAttribute('data-vbench-chart-error', String(e && e.message || e));
    throw e;
  }
})();
