// Lodestone dashboard: talks to /api only; every chart draws what the stored rows contain.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.get('token')) sessionStorage.setItem('lodestone-token', params.get('token'));
  const token = sessionStorage.getItem('lodestone-token');
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  const $ = (id) => document.getElementById(id);
  const COLORS = ['#2f6fb2', '#e07b39', '#3a9a5b', '#c0392b', '#8e6bbf', '#9a7b4f', '#d4a017', '#5aa3a8', '#7f8c8d', '#d65f9e'];
  const STAGES = ['mining', 'separation', 'metal', 'magnet'];
  const charts = {};
  const state = { rowsA: [], rowsB: [], runA: null, runB: null, producersA: [] };
  window.lodestone = { charts, state, ready: false };

  async function api(path, opts) {
    const res = await fetch(path, Object.assign({ headers: Object.assign({}, headers, (opts || {}).headers) }, opts));
    const type = res.headers.get('content-type') || '';
    const body = type.includes('json') ? await res.json() : await res.text();
    if (!res.ok) {
      const msgs = body && body.problems ? body.problems.map((p) => p.message).join('\n') : '';
      throw new Error((body && body.detail ? body.detail : res.status) + (msgs ? '\n' + msgs : ''));
    }
    return body;
  }

  function chart(id) {
    const c = echarts.init($(id), null, { renderer: 'canvas' });
    charts[id.replace('chart-', '')] = c;
    window.addEventListener('resize', () => c.resize());
    return c;
  }
  const fmt = (v) => v == null || isNaN(v) ? '–' : Math.abs(v) >= 1000 ? (v / 1000).toLocaleString('en', { maximumFractionDigits: 1 }) + ' k'
    : v.toLocaleString('en', { maximumFractionDigits: v < 10 ? 2 : 0 });
  const base = (extra) => Object.assign({
    color: COLORS, textStyle: { fontFamily: 'system-ui, sans-serif' }, animation: false,
    grid: { left: 64, right: 20, top: 58, bottom: 36 },
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: { top: 0, left: 'center', type: 'scroll' },
  }, extra);
  function empty(c, text) {
    c.clear();
    c.setOption({ title: { text, left: 'center', top: 'middle', textStyle: { color: '#66707c', fontSize: 14, fontWeight: 'normal' } } });
  }
  const years = (rows) => [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const pick = (rows, f) => rows.filter((r) => Object.keys(f).every((k) => r[k] === f[k]) && r.draw == null && r.percentile == null);
  function series(rows, ys, f) {
    const m = new Map(pick(rows, f).map((r) => [r.year, r.value]));
    return ys.map((y) => m.has(y) ? m.get(y) : null);
  }

  // ---- charts ---------------------------------------------------------------------------
  function drawBalance() {
    const c = charts.balance, rows = state.rowsA, product = $('balance-product').value;
    if (!rows.length) return empty(c, 'Run a scenario to see supply and demand');
    const ys = years(rows);
    let s, unit;
    if (product === 'magnet') {
      unit = 't magnet/yr';
      s = [
        { name: 'capacity', type: 'line', data: series(rows, ys, { metric: 'capacity', stage: 'magnet', region: '', product: '' }), lineStyle: { type: 'dashed' } },
        { name: 'production', type: 'line', data: series(rows, ys, { metric: 'production', stage: 'magnet', region: '', product: '' }) },
        { name: 'demand', type: 'line', data: series(rows, ys, { metric: 'demand', product: 'magnet', sector: '', region: '' }) },
        { name: 'served', type: 'line', data: series(rows, ys, { metric: 'served', product: 'magnet', sector: '', region: '' }) },
        { name: 'unserved', type: 'bar', data: series(rows, ys, { metric: 'unserved', product: 'magnet', sector: '', region: '' }), itemStyle: { color: '#c0392b' } },
      ];
    } else {
      unit = 't/yr';
      s = [
        { name: product + ' oxide separated', type: 'line', data: series(rows, ys, { metric: 'production', stage: 'separation', product, region: '' }) },
        { name: product + ' metal made', type: 'line', data: series(rows, ys, { metric: 'production', stage: 'metal', product, region: '' }) },
        { name: product + ' oxide recycled', type: 'line', data: series(rows, ys, { metric: 'recycled', product, region: '' }) },
        { name: product + ' oxide surplus', type: 'bar', data: series(rows, ys, { metric: 'surplus', product, region: '' }), itemStyle: { color: '#9a7b4f' } },
      ];
    }
    c.setOption(base({ xAxis: { type: 'category', data: ys, name: 'year', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: unit, axisLabel: { formatter: fmt } }, series: s.filter((x) => x.data.some((v) => v != null)) }), true);
  }

  function priceName(r) {
    const what = r.stage === 'magnet' ? 'magnet' : r.product + (r.stage === 'separation' ? ' oxide' : ' metal');
    return what + ' (' + (r.region || 'world') + ')';
  }
  function drawPrices() {
    const c = charts.prices, rows = state.rowsA.filter((r) => r.metric === 'price');
    if (!rows.length) return empty(c, 'No prices in this run');
    const ys = years(state.rowsA);
    const keys = new Map();
    for (const r of rows) keys.set(priceName(r), r);
    const s = [];
    let i = 0;
    for (const [name, r] of keys) {
      const f = { metric: 'price', stage: r.stage, product: r.product, region: r.region };
      const color = COLORS[i++ % COLORS.length];
      const mid = series(rows, ys, f);
      const band = (p) => { const m = new Map(rows.filter((x) => x.percentile === p && x.stage === r.stage && x.product === r.product && x.region === r.region).map((x) => [x.year, x.value])); return ys.map((y) => m.get(y) ?? null); };
      const lo = band(5), hi = band(95);
      if (lo.some((v) => v != null) && hi.some((v) => v != null)) {
        // p05-p95 band of an ensemble: a transparent base and a stacked filled difference
        s.push({ name: name + ' p05', type: 'line', data: lo, stack: name, lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } });
        s.push({ name: name + ' p05–p95', type: 'line', data: hi.map((v, k) => v == null || lo[k] == null ? null : v - lo[k]), stack: name,
          lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.18 }, symbol: 'none' });
      }
      const median = mid.some((v) => v != null) ? mid : band(50);
      s.push({ name, type: 'line', data: median, color, symbol: 'none' });
    }
    c.setOption(base({ legend: { top: 0, type: 'scroll', data: s.filter((x) => !x.name.endsWith(' p05')).map((x) => x.name) },
      xAxis: { type: 'category', data: ys, name: 'year', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'log', name: 'USD/kg (log scale)', axisLabel: { formatter: fmt } }, series: s }), true);
  }

  function sankeyLinks(rows, year) {
    const v = (f) => { const r = pick(rows, Object.assign({ year, region: '' }, f)); return r.length ? r[0].value : 0; };
    const links = [];
    const add = (source, target, value) => { if (value > 0.5) links.push({ source, target, value }); };
    const sep = v({ metric: 'production', stage: 'separation', product: '' });
    add('Mining', 'Separation', sep);
    let elements = 0;
    for (const e of ['NdPr', 'Dy', 'Tb']) {
      const ox = v({ metric: 'production', stage: 'separation', product: e });
      elements += ox;
      add('Separation', e + ' oxide', ox);
      add('Scrap recycling', e + ' oxide', v({ metric: 'recycled', product: e }));
      add(e + ' oxide', 'Metal making', v({ metric: 'production', stage: 'metal', product: e }));
      add(e + ' oxide', 'Surplus oxide', v({ metric: 'surplus', product: e }));
    }
    add('Separation', 'Other rare earths', sep - elements);
    add('Metal making', 'Magnet making', v({ metric: 'production', stage: 'metal', product: '' }));
    for (const r of pick(rows, { year, metric: 'served', product: 'magnet', region: '' })) {
      if (r.sector) add('Magnet making', r.sector, r.value);
    }
    return links;
  }
  function drawSankey() {
    const c = charts.sankey, rows = state.rowsA;
    if (!rows.length) return empty(c, 'Run a scenario to see the flows');
    const year = Number($('sankey-year').value);
    const links = sankeyLinks(rows, year);
    if (!links.length) return empty(c, 'No flows in ' + year);
    const names = [...new Set(links.flatMap((l) => [l.source, l.target]))];
    c.setOption({ color: COLORS, animation: false,
      title: { text: year + ' · t/yr (REO, oxide, metal, magnet)', textStyle: { fontSize: 12, fontWeight: 'normal', color: '#66707c' }, left: 0, top: 0 },
      tooltip: { trigger: 'item', valueFormatter: (x) => fmt(x) + ' t' },
      series: [{ type: 'sankey', top: 28, bottom: 8, left: 4, right: 110, nodeGap: 6, emphasis: { focus: 'adjacency' },
        data: names.map((name) => ({ name })), links, lineStyle: { color: 'gradient', opacity: 0.35 }, label: { fontSize: 11 } }] }, true);
  }

  function drawStageLines(c, metric, unit, scale, emptyText) {
    const rows = state.rowsA;
    if (!rows.length) return empty(c, emptyText);
    const ys = years(rows);
    const s = STAGES.map((stage) => ({ name: stage, type: 'line', symbol: 'none',
      data: series(rows, ys, { metric, stage, region: '', product: '' }).map((v) => v == null ? null : v * scale) }))
      .filter((x) => x.data.some((v) => v != null));
    c.setOption(base({ xAxis: { type: 'category', data: ys, name: 'year', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: unit, max: metric === 'share_china' ? 100 : (metric.startsWith('hhi') ? 10000 : null) },
      series: s }), true);
  }

  // margins (USD/kg) by year of one stage's producers, the 10 largest by capacity
  function drawMargins() {
    const c = charts.margins, stage = $('margins-stage').value;
    if (!state.runA) return empty(c, 'Run a scenario to see producer margins');
    if (state.runA.draws > 0) return empty(c, 'Producer margins are kept for single runs, not ensembles');
    if (!state.producersA.length) return empty(c, 'No producer margins stored for this run');
    const rows = state.producersA.filter((r) => r.stage === stage);
    if (!rows.length) return empty(c, 'No ' + stage + ' producers in this run');
    const cap = new Map();
    for (const r of rows) cap.set(r.producer, Math.max(cap.get(r.producer) || 0, r.capacity || 0));
    const top = [...cap.keys()].sort((a, b) => cap.get(b) - cap.get(a) || a.localeCompare(b)).slice(0, 10);
    const ys = years(rows);
    const s = top.map((p) => {
      const own = rows.filter((r) => r.producer === p);
      const m = new Map(own.map((r) => [r.year, r.margin]));
      return { name: p + ' (' + own[0].region + ')', type: 'line', symbol: 'none', data: ys.map((y) => m.has(y) ? m.get(y) : null) };
    }).filter((x) => x.data.some((v) => v != null));
    if (!s.length) return empty(c, 'No margins for ' + stage + ' producers in this run');
    s[0].markLine = { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#66707c', type: 'dotted' }, data: [{ yAxis: 0 }] };
    const usd = (v) => v == null || isNaN(v) ? '–' : v.toLocaleString('en', { maximumFractionDigits: 2 }) + ' USD/kg';
    c.setOption(base({
      title: { text: 'Margin per kg, ' + stage + ' producers' + (cap.size > top.length ? ' (top ' + top.length + ' of ' + cap.size + ' by capacity)' : ''),
        left: 0, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#66707c' } },
      legend: { top: 20, left: 'center', type: 'scroll' },
      grid: { left: 64, right: 20, top: 70, bottom: 36 },
      tooltip: { trigger: 'axis', valueFormatter: usd },
      xAxis: { type: 'category', data: ys, name: 'year', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: 'margin (USD/kg)', axisLabel: { formatter: fmt } }, series: s }), true);
  }

  function compareKey() {
    const [metric, stage] = $('compare-metric').value.split('-');
    return metric === 'unserved' ? { metric, product: 'magnet', sector: '', region: '' }
      : metric === 'price' ? { metric, stage, product: 'magnet', region: '' } : { metric, stage, region: '', product: '' };
  }
  function drawCompare() {
    const c = charts.compare;
    if (!state.rowsA.length || !state.rowsB.length) return empty(c, 'Pick two runs to compare');
    const f = compareKey();
    const ys = [...new Set([...years(state.rowsA), ...years(state.rowsB)])].sort((a, b) => a - b);
    const unit = (pick(state.rowsA, f)[0] || {}).unit || '';
    const a = series(state.rowsA, ys, f), b = series(state.rowsB, ys, f);
    const label = (run) => run.scenario + ' · ' + run.id.slice(0, 8);
    c.setOption(base({ xAxis: { type: 'category', data: ys, name: 'year', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: unit, axisLabel: { formatter: fmt } },
      series: [{ name: 'A: ' + label(state.runA), type: 'line', data: a, symbol: 'none' },
        { name: 'B: ' + label(state.runB), type: 'line', data: b, symbol: 'none', lineStyle: { type: 'dashed' } },
        { name: 'B − A', type: 'bar', data: a.map((x, k) => x == null || b[k] == null ? null : b[k] - x), itemStyle: { color: '#9a7b4f', opacity: 0.6 } }] }), true);
  }

  // substitution (magnets moved to magnet-free designs, magnets moved to heavy-free grades), capacity
  // started by investment (summed over regions, by stage) and end-of-life magnets recycled
  function drawResponses() {
    const c = charts.responses, rows = state.rowsA;
    if (!rows.length) return empty(c, 'Run a scenario to see its responses');
    const ys = years(rows);
    const s = [
      { name: 'magnets substituted (magnet-free)', type: 'line', data: series(rows, ys, { metric: 'substituted', product: 'magnet-free', sector: '' }) },
      { name: 'heavy-free grades (magnets)', type: 'line', data: series(rows, ys, { metric: 'substituted', product: 'heavy-free', sector: '' }) },
      { name: 'end-of-life magnets recycled', type: 'line', data: series(rows, ys, { metric: 'recycled_eol', product: 'magnet', region: '' }) },
    ];
    for (const stage of ['mining', 'separation', 'metal', 'magnet']) {
      const started = new Map();
      for (const r of pick(rows, { metric: 'investment', stage })) started.set(r.year, (started.get(r.year) || 0) + r.value);
      if (started.size) {
        s.push({ name: stage + ' capacity started', type: 'bar', stack: 'invest', data: ys.map((y) => started.has(y) ? started.get(y) : null) });
      }
    }
    const shown = s.filter((x) => x.data.some((v) => v != null && v !== 0));
    if (!shown.length) return empty(c, 'No substitution or investment in this scenario');
    c.setOption(base({ xAxis: { type: 'category', data: ys, name: 'year', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', name: 't/yr (capacity: t REO for mining, separation)', axisLabel: { formatter: fmt } }, series: shown }), true);
  }

  function drawAll() {
    drawBalance(); drawPrices(); drawSankey();
    drawStageLines(charts.share, 'share_china', "China's share (%)", 100, 'Run a scenario to see shares');
    drawStageLines(charts.hhi, 'hhi_country', 'HHI (0–10,000)', 1, 'Run a scenario to see concentration');
    drawMargins(); drawResponses(); drawCompare();
  }

  // ---- data -----------------------------------------------------------------------------
  async function loadRun(id, side) {
    if (side === 'A') state.producersA = [];
    if (!id) { state['rows' + side] = []; state['run' + side] = null; return; }
    state['rows' + side] = await api('/api/runs/' + encodeURIComponent(id) + '/results');
    state['run' + side] = await api('/api/runs/' + encodeURIComponent(id));
    if (side === 'A' && !(state.runA.draws > 0)) {
      state.producersA = await api('/api/runs/' + encodeURIComponent(id) + '/producers');
    }
  }

  async function refreshRuns(selectA) {
    const runs = (await api('/api/runs')).stored;
    const opt = (r) => '<option value="' + r.id + '">' + r.scenario + (r.draws > 0 ? ' · ' + r.draws + ' draws' : '') + ' · ' + r.created.replace('T', ' ').slice(0, 19) + ' · ' + r.id.slice(0, 8) + '</option>';
    const prevB = $('run-b').value;
    $('run-a').innerHTML = runs.map(opt).join('');
    $('run-b').innerHTML = '<option value="">(none)</option>' + runs.map(opt).join('');
    if (selectA) $('run-a').value = selectA;
    if (prevB && runs.some((r) => r.id === prevB)) $('run-b').value = prevB;
    return runs;
  }

  function downloads() {
    const id = $('run-a').value;
    $('downloads').innerHTML = id ? 'Download: ' + ['csv', 'json', 'parquet', 'xlsx'].map((f) =>
      '<a href="/api/runs/' + id + '/export?format=' + f + '" download>' + f + '</a>').join('') : '';
  }

  async function showRuns() {
    await loadRun($('run-a').value, 'A');
    await loadRun($('run-b').value, 'B');
    const ys = years(state.rowsA);
    const sel = $('sankey-year');
    const prev = Number(sel.value);
    sel.innerHTML = ys.map((y) => '<option>' + y + '</option>').join('');
    sel.value = ys.includes(prev) ? prev : (ys.includes(2030) ? 2030 : ys[ys.length - 1]);
    downloads();
    drawAll();
  }

  async function pickScenario() {
    const name = $('scenario').value;
    const s = await api('/api/scenarios/' + encodeURIComponent(name));
    $('scenario-title').textContent = (s.title || s.name) + ' · ' + s.years.from + '–' + s.years.to + ' · ' + s.producers + ' producers, ' + s.sectors.length + ' sectors';
    $('demandGrowthFrom').value = s.formDefaults.demandGrowthFrom;
    $('chinaCapacityYear').value = s.formDefaults.chinaCapacityYear;
    $('chinaMagnetKt').value = '';
    $('chinaMagnetKt').placeholder = s.formDefaults.chinaMagnetKt;
    for (const id of ['exportControlFrom', 'priceFloorFrom']) $(id).value = s.formDefaults.policyFrom;
    for (const id of ['exportControlTo', 'priceFloorTo']) $(id).value = s.formDefaults.policyTo;
    $('draws').max = s.formDefaults.maxDraws;
  }

  function num(id) { const v = $(id).value; return v === '' ? null : Number(v); }

  async function follow(id) {
    // progress over server-sent events (fetch, so the bearer token travels in a header)
    const res = await fetch('/api/runs/' + id + '/events', { headers: Object.assign({ Accept: 'text/event-stream' }, headers) });
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '', last = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i); buf = buf.slice(i + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (!data) continue;
        try { last = JSON.parse(data); } catch (e) { continue; }
        $('progress-bar').style.width = Math.round(100 * last.progress) + '%';
        $('run-status').textContent = last.status + (last.message ? ': ' + last.message : '');
      }
    }
    return last || await api('/api/runs/' + id);
  }

  async function run() {
    $('run').disabled = true;
    $('run-status').className = 'small muted';
    $('progress-bar').style.width = '0%';
    try {
      const overrides = { demandGrowthPct: num('demandGrowthPct'), demandGrowthFrom: num('demandGrowthFrom'),
        chinaMagnetKt: num('chinaMagnetKt'), chinaCapacityYear: num('chinaCapacityYear'), scrapRecoveryPct: num('scrapRecoveryPct') };
      if (overrides.demandGrowthPct == null) delete overrides.demandGrowthFrom;
      if (overrides.chinaMagnetKt == null) delete overrides.chinaCapacityYear;
      if ($('exportControl').checked) {
        Object.assign(overrides, { exportControl: true, exportControlSharePct: num('exportControlSharePct'),
          exportControlFrom: num('exportControlFrom'), exportControlTo: num('exportControlTo') });
      }
      if (num('priceFloor') != null) {
        Object.assign(overrides, { priceFloorUsdPerKg: num('priceFloor'), priceFloorFrom: num('priceFloorFrom'), priceFloorTo: num('priceFloorTo') });
      }
      const draws = num('draws') || 0;
      const body = { scenario: $('scenario').value, overrides };
      if (draws > 0) body.draws = draws;
      const started = await api(draws > 0 ? '/api/ensembles' : '/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body) });
      $('run-status').textContent = 'queued';
      const end = await follow(started.id);
      if (end.status !== 'done') throw new Error('run ' + end.status + ': ' + (end.message || ''));
      $('progress-bar').style.width = '100%';
      const prevA = $('run-a').value;
      await refreshRuns(started.id);
      if (prevA && !$('run-b').value) $('run-b').value = prevA;
      await showRuns();
      $('run-status').textContent = 'done in ' + end.durationMs + ' ms · ' + state.rowsA.length + ' rows'
        + (draws > 0 ? ' (p05–p95 bands and means of ' + draws + ' draws)' : '');
    } catch (e) {
      $('run-status').className = 'small error';
      $('run-status').textContent = e.message;
    } finally {
      $('run').disabled = false;
    }
  }

  // ---- exposure ---------------------------------------------------------------------------
  function exposureRequest() {
    const body = { buyer: $('buyer-text').value, scenario: $('exposure-scenario').value };
    const draws = num('exposure-draws') || 0;
    if (draws > 0) { body.draws = draws; body.seed = 1; }
    return body;
  }

  async function exposure() {
    $('exposure-run').disabled = true;
    $('exposure-status').className = 'small muted';
    $('exposure-status').textContent = 'computing…';
    try {
      const x = await api('/api/exposure', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(exposureRequest()) });
      state.exposure = x;
      drawExposure();
      $('exposure-csv').disabled = false;
      $('exposure-xlsx').disabled = false;
      const sp = x.stockpile;
      $('exposure-status').textContent = x.buyer + ' on ' + x.scenario + (x.draws ? ' (' + x.draws + ' draws)' : ' (nominal run)')
        + ' · stockpile ' + sp.months.toFixed(1) + ' months, ' + (sp.meanHoldingCostUsdPerYear / 1e6).toFixed(2) + ' USD m/yr'
        + (x.draws ? ' · P(shortfall) ' + (100 * x.anyShortfallProbability).toFixed(1) + ' %' : '');
    } catch (e) {
      $('exposure-status').className = 'small error';
      $('exposure-status').textContent = e.message;
    } finally {
      $('exposure-run').disabled = false;
    }
  }

  function drawExposure() {
    const c = charts.exposure;
    const x = state.exposure;
    if (!x) { empty(c, 'No exposure computed yet'); return; }
    const rows = x.rows;
    const ys = years(rows);
    const s = (metric, product) => series(rows, ys, { metric, product: product || '' });
    const musd = (a) => a.map((v) => v == null ? null : v / 1e6);
    const lines = [
      { name: 'magnets needed (t)', type: 'bar', data: s('magnets_needed') },
      { name: 'supply at risk (t)', type: 'bar', data: s('supply_at_risk') },
      { name: 'cost at market (USD m)', type: 'line', yAxisIndex: 1, data: musd(s('cost_market')) },
      { name: 'cost with contracts (USD m)', type: 'line', yAxisIndex: 1, data: musd(s('cost')) },
    ];
    if (x.draws) {
      lines.push({ name: 'cost p50 (USD m)', type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: musd(s('cost_p50')) });
      lines.push({ name: 'cost p95 (USD m)', type: 'line', yAxisIndex: 1, lineStyle: { type: 'dotted' }, data: musd(s('cost_p95')) });
      lines.push({ name: 'shortfall p95 (t)', type: 'bar', data: s('shortfall_p95') });
    }
    c.clear();
    c.setOption(base({
      grid: { left: 64, right: 64, top: 58, bottom: 36 },
      xAxis: { type: 'category', data: ys, name: 'year' },
      yAxis: [{ type: 'value', name: 't magnet' }, { type: 'value', name: 'USD m', splitLine: { show: false } }],
      series: lines,
    }));
    const key = ys.filter((y) => [2024, 2025, 2026, 2028, 2030, 2035, 2040].includes(y));
    const table = [['', ...key]];
    const add = (label, metric, product, scale) => {
      const v = s(metric, product);
      table.push([label, ...key.map((y) => { const q = v[ys.indexOf(y)]; return q == null ? '–' : fmt(q / (scale || 1)); })]);
    };
    add('magnets needed (t)', 'magnets_needed');
    add('NdPr (t)', 'element_needed', 'NdPr');
    add('Dy (t)', 'element_needed', 'Dy');
    add('Tb (t)', 'element_needed', 'Tb');
    add('supply at risk (t)', 'supply_at_risk');
    add('shortfall (t)', 'shortfall');
    add('cost at market (USD m)', 'cost_market', '', 1e6);
    add('cost with contracts (USD m)', 'cost', '', 1e6);
    if (x.draws) {
      add('cost p50 (USD m)', 'cost_p50', '', 1e6);
      add('cost p95 (USD m)', 'cost_p95', '', 1e6);
      add('shortfall p95 (t)', 'shortfall_p95');
      add('P(shortfall)', 'shortfall_probability');
    }
    $('exposure-table').innerHTML = table.map((r, i) => '<tr>' + r.map((v) => (i === 0 ? '<th>' : '<td>') + v + (i === 0 ? '</th>' : '</td>')).join('') + '</tr>').join('');
  }

  async function exposureDownload(format) {
    try {
      const res = await fetch('/api/exposure?format=' + format, { method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json' }, headers), body: JSON.stringify(exposureRequest()) });
      if (!res.ok) throw new Error((await res.json()).detail);
      const blob = await res.blob();
      state.exposureDownload = { format, size: blob.size, type: blob.type };
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'exposure.' + format;
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (e) {
      $('exposure-status').className = 'small error';
      $('exposure-status').textContent = e.message;
    }
  }

  // ---- history -----------------------------------------------------------------------------
  // GET /api/backtest: every observed series of the scenario's history beside its nominal run
  const METRIC_NAMES = { price: 'prices', production: 'production', demand: 'demand', exports: 'exports', imports: 'imports',
    capacity: 'capacities and quotas', share_china: "China's shares", quota: 'quotas' };
  async function loadHistory() {
    const name = $('history-scenario').value;
    $('history-load').disabled = true;
    $('history-status').className = 'small muted';
    $('history-status').textContent = 'running ' + name + '…';
    try {
      state.history = await api('/api/backtest?scenario=' + encodeURIComponent(name));
      const counts = {};
      state.history.series.forEach((s) => { counts[s.metric] = (counts[s.metric] || 0) + 1; });
      const prev = $('history-metric').value;
      const metrics = Object.keys(counts);
      $('history-metric').innerHTML = metrics.map((m) => '<option value="' + m + '">' + (METRIC_NAMES[m] || m) + ' (' + counts[m] + ')</option>').join('');
      $('history-metric').value = metrics.includes(prev) ? prev : metrics.includes('price') ? 'price' : metrics[0] || '';
      drawHistory();
    } catch (e) {
      state.history = null;
      drawHistory();
      $('history-status').className = 'small error';
      $('history-status').textContent = e.message;
    } finally {
      $('history-load').disabled = false;
    }
  }

  const esc = (t) => String(t == null ? '' : t).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch]));
  function historyError(s) {
    if (s.error == null) return 'no model counterpart';
    return (s.errorUnit === 'pts' ? 'error ' + s.error.toFixed(1) + ' pts' : 'MAPE ' + (s.error < 10 ? s.error.toFixed(1) : Math.round(s.error)) + ' %')
      + ' over ' + s.compared + (s.compared === 1 ? ' year' : ' years');
  }

  function drawHistory() {
    (state.historyCharts || []).forEach((c) => c.dispose());
    state.historyCharts = [];
    Object.keys(charts).filter((k) => k.startsWith('history-')).forEach((k) => delete charts[k]);
    const box = $('history-charts');
    box.innerHTML = '';
    const h = state.history;
    if (!h) return;
    const metric = $('history-metric').value;
    const shown = h.series.map((s, i) => [s, i]).filter(([s]) => s.metric === metric);
    $('history-status').className = 'small muted';
    $('history-status').textContent = h.scenario + ', ' + h.from + '–' + h.to + ': ' + h.series.length + ' observed series, '
      + h.series.filter((s) => s.error != null).length + ' with model values; showing ' + shown.length + ' (' + (METRIC_NAMES[metric] || metric) + ').';
    for (const [s, i] of shown) {
      const div = document.createElement('div');
      div.id = 'chart-history-' + i;
      div.className = 'history-chart';
      box.appendChild(div);
      const c = echarts.init(div, null, { renderer: 'canvas' });
      charts['history-' + i] = c;
      state.historyCharts.push(c);
      const share = s.unit === 'share';
      const k = share ? 100 : 1;
      const unit = share ? '%' : s.unit;
      const model = new Map(s.years.map((y, j) => [y, s.model[j]]));
      c.setOption({
        color: COLORS, textStyle: { fontFamily: 'system-ui, sans-serif' }, animation: false,
        title: { text: s.title, subtext: historyError(s), left: 6, top: 2, textStyle: { fontSize: 12 }, subtextStyle: { fontSize: 11 } },
        grid: { left: 56, right: 12, top: 64, bottom: 26 },
        legend: { show: false },
        tooltip: {
          trigger: 'item', confine: true,
          formatter: (p) => {
            if (p.seriesName === 'model') return 'model ' + p.name + ': ' + fmt(p.value) + ' ' + esc(unit);
            const d = p.data, m = model.get(d.year);
            return '<b>' + esc(s.label || s.source || 'observed') + '</b> · source ' + esc(d.source || '–') + '<br>'
              + d.year + ': ' + fmt(d.value[1]) + ' ' + esc(unit) + (m == null ? '' : ' (model ' + fmt(m * k) + ')') + '<br>'
              + 'basis: ' + esc(s.basis) + (s.modelMetric && s.modelMetric !== s.metric ? ' (model: ' + esc(s.modelMetric) + ', implied on one market)' : '') + (s.note ? '<br><span style="color:#66707c">' + esc(s.note.length > 110 ? s.note.slice(0, 109) + '…' : s.note) + '</span>' : '');
          },
        },
        xAxis: { type: 'category', data: s.years.map(String), axisLabel: { fontSize: 10 } },
        yAxis: { type: 'value', name: unit, scale: true, nameTextStyle: { fontSize: 10 }, axisLabel: { formatter: fmt, fontSize: 10 } },
        series: [
          { name: 'model', type: 'line', data: s.model.map((v) => v == null ? null : v * k), symbolSize: 4, connectNulls: false },
          { name: 'observed', type: 'scatter', z: 3, symbolSize: 9, itemStyle: { color: '#e07b39' },
            data: s.observed.map((o) => ({ value: [String(o.year), o.value * k], year: o.year, source: o.source })) },
        ],
      });
    }
  }

  async function init() {
    ['balance', 'prices', 'sankey', 'share', 'hhi', 'margins', 'responses', 'compare', 'exposure'].forEach((n) => chart('chart-' + n));
    empty(charts.exposure, 'No exposure computed yet');
    try {
      const h = await api('/api/health');
      $('health').textContent = 'server ok · ' + h.storedRuns + ' stored runs';
      const scenarios = await api('/api/scenarios');
      $('scenario').innerHTML = scenarios.map((s) => '<option value="' + s.name + '">' + s.name + (s.origin === 'uploaded' ? ' (uploaded)' : '') + '</option>').join('');
      $('exposure-scenario').innerHTML = $('scenario').innerHTML;
      $('history-scenario').innerHTML = $('scenario').innerHTML;
      await pickScenario();
      const runs = await refreshRuns();
      if (runs.length) await showRuns(); else drawAll();
    } catch (e) {
      $('health').textContent = 'error: ' + e.message;
      drawAll();
    }
    $('scenario').addEventListener('change', pickScenario);
    $('run').addEventListener('click', run);
    $('run-a').addEventListener('change', showRuns);
    $('run-b').addEventListener('change', showRuns);
    $('balance-product').addEventListener('change', drawBalance);
    $('sankey-year').addEventListener('change', drawSankey);
    $('compare-metric').addEventListener('change', drawCompare);
    $('margins-stage').addEventListener('change', drawMargins);
    $('exposure-run').addEventListener('click', exposure);
    $('history-load').addEventListener('click', loadHistory);
    $('history-metric').addEventListener('change', drawHistory);
    $('exposure-csv').addEventListener('click', () => exposureDownload('csv'));
    $('exposure-xlsx').addEventListener('click', () => exposureDownload('xlsx'));
    $('buyer-file').addEventListener('change', async () => {
      const f = $('buyer-file').files[0];
      if (f) $('buyer-text').value = await f.text();
    });
    window.lodestone.ready = true;
  }
  init();
})();
