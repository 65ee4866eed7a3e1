// wuffie explore: the page. Plain ES2020, no framework and no build step; every chart is SVG
// drawn here. The server's JSON API is described in the README's Explore section; routes are
// hashes: #/ leaderboard, #/member/ID, #/watch, #/whatif, #/help. The leaderboard and a member
// take ?scope=TAG (the reputation within that tag); a member takes ?view=trust (who it would
// trust) instead.
'use strict';

(() => {
  const PAGE = 100;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const PATTERNS = {
    oneEndorser: {
      title: 'A large share from one endorser',
      short: 'one endorser',
      setting: 'influence cap',
    },
    returned: {
      title: 'Returned endorsements in a dense group',
      short: 'returned in a group',
      setting: 'reciprocal weight',
    },
    newAccounts: {
      title: 'New accounts that endorse one member together',
      short: 'new accounts together',
      setting: 'seeds',
    },
  };

  // ---------------------------------------------------------------- DOM helpers

  /** Appends children (strings, nodes, arrays, null) to a node. */
  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** Sets attributes: on* are listeners, true is an empty attribute, null is skipped. */
  function attrs(node, map) {
    for (const [key, value] of Object.entries(map || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else if (key === 'value' && 'value' in node) {
        node.value = value;
      } else {
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    return node;
  }

  /** An HTML element. */
  function h(tag, map, ...children) {
    return append(attrs(document.createElement(tag), map), children);
  }

  /** An SVG element. */
  function s(tag, map, ...children) {
    return append(attrs(document.createElementNS(SVG_NS, tag), map), children);
  }

  // The scope of the view being drawn (a tag, or null for the whole ledger): member links keep it.
  let linkScope = null;

  function memberHref(id, scope) {
    const within = scope === undefined ? linkScope : scope;
    return '#/member/' + encodeURIComponent(id) + (within ? '?scope=' + encodeURIComponent(within) : '');
  }

  function memberLink(id, extra) {
    return h('a', Object.assign({ href: memberHref(id), class: 'member-link' }, extra), id);
  }

  /** A table that scrolls inside its own box on a narrow screen. */
  function tableBox(label, table) {
    return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: 0 }, table);
  }

  const NUMERIC_COLUMNS = new Set(['Rank', 'Score', 'Points', 'Percentile', 'Amount', 'Share', 'Trust', 'Global rank',
    'Rank before', 'Rank after', 'Change', 'Score before', 'Score after', 'Current policy', 'What-if policy']);

  function headRow(...names) {
    return h('thead', null, h('tr', null, names.map((n) => h('th', { scope: 'col', class: NUMERIC_COLUMNS.has(n) ? 'num' : null }, n))));
  }

  // ---------------------------------------------------------------- numbers

  function fmtScore(x) {
    if (x === 0) return '0';
    const a = Math.abs(x);
    return a >= 0.001 && a < 1000 ? x.toFixed(6) : x.toExponential(3);
  }

  function fmtFixed(x, digits) {
    return x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function fmtInt(n) {
    return Number(n).toLocaleString('en');
  }

  function fmtShare(x) {
    return x === null || x === undefined || Number.isNaN(x) ? '–' : (x * 100).toFixed(1) + '%';
  }

  function fmtMaybe(x, digits) {
    return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–';
  }

  // ---------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** Fetches JSON; a non-2xx answer throws an ApiError with the server's one-sentence message. */
  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      throw new ApiError(0, 'Could not reach the wuffie server for ' + path
        + '; check that "wuffie explore" is still running, then reload the page.');
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const message = body && typeof body.error === 'string'
        ? body.error
        : 'The server answered ' + response.status + ' for ' + path + '.';
      throw new ApiError(response.status, message);
    }
    if (body === null || typeof body !== 'object') {
      throw new ApiError(response.status, 'The server\'s answer for ' + path + ' is not JSON.');
    }
    return body;
  }

  // Answers that do not change while the server runs, by path: fetched once, dropped on an error.
  const cache = new Map();

  function cached(path) {
    if (!cache.has(path)) {
      cache.set(path, api(path).catch((e) => {
        cache.delete(path);
        throw e;
      }));
    }
    return cache.get(path);
  }

  /** ?scope=TAG for an API path, or nothing for the whole ledger. */
  function scopeQuery(scope, first) {
    return scope ? (first ? '?' : '&') + 'scope=' + encodeURIComponent(scope) : '';
  }

  function getSummary(scope) {
    return cached('/api/summary' + scopeQuery(scope, true));
  }

  function getHistogram(scope) {
    return cached('/api/histogram' + scopeQuery(scope, true));
  }

  function getScopes() {
    return cached('/api/scopes').then((answer) => answer.scopes || []);
  }

  // ---------------------------------------------------------------- the message area

  function showMessage(text) {
    const box = document.getElementById('message');
    box.replaceChildren(
      h('p', { id: 'message-text' }, text),
      h('button', { type: 'button', class: 'message-close', onclick: clearMessage }, 'Dismiss'));
    box.hidden = false;
  }

  function clearMessage() {
    const box = document.getElementById('message');
    box.replaceChildren();
    box.hidden = true;
  }

  // ---------------------------------------------------------------- charts

  let charts = [];

  /** Draws a chart into a container at its width, and again when the window is resized. */
  function chart(container, draw) {
    const entry = { container, draw, width: 0 };
    charts.push(entry);
    redraw(entry);
    if (resizeObserver) resizeObserver.observe(container);
    return container;
  }

  function redraw(entry) {
    entry.width = Math.floor(entry.container.clientWidth);
    entry.container.replaceChildren(entry.draw(Math.max(240, entry.width || 320)));
  }

  // Redraws a chart when its box changes width (a resized window, a scroll bar that appears).
  const resizeObserver = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
      for (const e of entries) {
        const entry = charts.find((c) => c.container === e.target);
        const width = Math.floor(e.target.clientWidth);
        if (entry && width > 0 && width !== entry.width) redraw(entry);
      }
    })
    : null;
  if (!resizeObserver) window.addEventListener('resize', () => charts.forEach(redraw));

  function truncate(text, maxChars) {
    return text.length <= maxChars ? text : text.slice(0, Math.max(1, maxChars - 1)) + '…';
  }

  function niceTicks(lo, hi, count) {
    if (!(hi > lo)) return [lo];
    const raw = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) || raw;
    const ticks = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
      ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return ticks;
  }

  /** The histogram of scores on a log scale; marks one score if given. */
  function drawHistogram(width, histogram, marker) {
    const bins = (histogram.bins || []).filter((b) => b.lo > 0 && b.hi > b.lo);
    const height = 220;
    const m = { left: 52, right: 12, top: 12, bottom: 40 };
    const svg = s('svg', {
      width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart',
      'aria-label': 'Histogram of scores on a log scale: ' + bins.length + ' bins',
    });
    if (bins.length === 0) {
      svg.append(s('text', { x: m.left, y: height / 2 }, 'No positive scores to show.'));
      return svg;
    }
    const x0 = Math.log10(bins[0].lo);
    const x1 = Math.log10(bins[bins.length - 1].hi);
    const maxCount = Math.max(1, ...bins.map((b) => b.count));
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const x = (v) => m.left + ((Math.log10(v) - x0) / (x1 - x0 || 1)) * plotW;
    const y = (c) => m.top + plotH - (c / maxCount) * plotH;
    for (const t of niceTicks(0, maxCount, 4)) {
      svg.append(
        s('line', { x1: m.left, x2: width - m.right, y1: y(t), y2: y(t), class: 'grid' }),
        s('text', { x: m.left - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, fmtInt(t)));
    }
    for (const b of bins) {
      const left = x(b.lo);
      const w = Math.max(1, x(b.hi) - left - 1);
      svg.append(s('rect', {
        x: left, y: y(b.count), width: w, height: m.top + plotH - y(b.count), class: 'bar',
        'data-lo': b.lo, 'data-hi': b.hi, 'data-count': b.count,
      }, s('title', null, `${fmtScore(b.lo)} to ${fmtScore(b.hi)}: ${fmtInt(b.count)} members`)));
    }
    const step = Math.max(1, Math.ceil((Math.floor(x1) - Math.ceil(x0) + 1) / Math.max(2, Math.floor(plotW / 70))));
    for (let e = Math.ceil(x0); e <= Math.floor(x1); e += step) {
      const px = x(Math.pow(10, e));
      svg.append(
        s('line', { x1: px, x2: px, y1: m.top + plotH, y2: m.top + plotH + 5, class: 'axis' }),
        s('text', { x: px, y: m.top + plotH + 18, class: 'tick', 'text-anchor': 'middle' }, '1e' + e));
    }
    svg.append(
      s('line', { x1: m.left, x2: width - m.right, y1: m.top + plotH, y2: m.top + plotH, class: 'axis' }),
      s('text', { x: m.left + plotW / 2, y: height - 4, class: 'axis-label', 'text-anchor': 'middle' },
        'score (log scale)'));
    if (marker && marker.score > 0) {
      const px = Math.min(width - m.right, Math.max(m.left, x(marker.score)));
      svg.append(
        s('line', { x1: px, x2: px, y1: m.top, y2: m.top + plotH, class: 'marker' }),
        s('text', {
          x: px + (px > width / 2 ? -4 : 4), y: m.top + 12, class: 'marker-label',
          'text-anchor': px > width / 2 ? 'end' : 'start',
        }, marker.label));
    }
    return svg;
  }

  /** Endorsers the chart draws one by one before it folds the rest into one bar. */
  const SHOWN_ENDORSERS = 12;

  /**
   * The rows of the explanation, in drawing order, with signed amounts. With {@code fold}, the
   * endorsers after the first SHOWN_ENDORSERS are one row, so that the chart stays short.
   */
  function explanationRows(explanation, score, fold) {
    const rows = [
      { part: 'teleport', label: 'Teleport', amount: explanation.teleport || 0 },
      { part: 'returned', label: 'Returned', amount: explanation.returned || 0 },
    ];
    const endorsers = explanation.endorsers || [];
    const shown = fold && endorsers.length > SHOWN_ENDORSERS + 1 ? SHOWN_ENDORSERS : endorsers.length;
    for (const term of endorsers.slice(0, shown)) {
      rows.push({ part: 'endorser', label: term.id, id: term.id, amount: term.amount, parts: term.parts || [] });
    }
    if (shown < endorsers.length) {
      const rest = endorsers.slice(shown);
      rows.push({
        part: 'folded', label: `${rest.length} more endorsers`,
        amount: rest.reduce((a, t) => a + t.amount, 0),
      });
    }
    if (explanation.others) {
      rows.push({ part: 'others', label: 'Other endorsers', amount: explanation.others });
    }
    for (const term of explanation.distrusters || []) {
      rows.push({
        part: 'distrust', label: term.id, id: term.id, amount: -Math.abs(term.amount),
        parts: (term.parts || []).map((p) => Object.assign({}, p, { amount: -Math.abs(p.amount) })),
      });
    }
    if (explanation.floor) {
      rows.push({ part: 'floor', label: 'Floor', amount: explanation.floor });
    }
    return rows;
  }

  const KIND_CLASSES = 6;
  function kindClass(kinds, kind) {
    const key = kind || '(none)';
    if (!kinds.has(key)) kinds.set(key, kinds.size % KIND_CLASSES);
    return 'kind-' + kinds.get(key);
  }

  /**
   * "Where it comes from" as a waterfall: each part starts where the one above ended, so the
   * bars add up to the score drawn at the bottom. Endorser bars are split by kind and
   * contribution; distrust bars are negative.
   */
  function drawExplanation(width, explanation, score, kinds, fold) {
    const rows = explanationRows(explanation, score, fold);
    const rowH = 26;
    const labelW = Math.min(200, Math.floor(width * 0.34));
    const amountW = width < 480 ? 74 : 110;
    const plotL = labelW + 8;
    const plotW = Math.max(40, width - plotL - amountW - 8);
    const height = (rows.length + 1) * rowH + 24;
    let run = 0;
    let lo = 0;
    let hi = Math.max(score, 0);
    for (const r of rows) {
      r.start = run;
      run += r.amount;
      lo = Math.min(lo, run);
      hi = Math.max(hi, run, r.start);
    }
    const x = (v) => plotL + ((v - lo) / ((hi - lo) || 1)) * plotW;
    const svg = s('svg', {
      width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart explanation-chart', role: 'group',
      'aria-label': `Where the score comes from: ${rows.length} parts adding up to ${fmtScore(score)}`,
    });
    svg.append(s('line', { x1: x(0), x2: x(0), y1: 0, y2: height - 20, class: 'axis' }));
    const maxChars = Math.max(4, Math.floor(labelW / 7.2));
    rows.forEach((r, i) => {
      const top = i * rowH;
      const g = s('g', {
        class: 'bar-row part-' + r.part, 'data-part': r.part, 'data-amount': String(r.amount),
        'data-id': r.id || null,
      });
      const labelText = s('text', { x: labelW, y: top + 17, 'text-anchor': 'end', class: 'bar-label' },
        truncate(r.label, maxChars));
      if (r.id !== undefined) {
        g.append(s('a', { href: memberHref(r.id), class: 'bar-link' },
          s('title', null, `${r.part === 'distrust' ? 'Distrusted by' : 'Endorsed by'} ${r.id}: open their page`),
          labelText));
      } else {
        g.append(labelText);
      }
      const segments = r.parts && r.parts.length > 0 ? r.parts : [{ amount: r.amount }];
      let at = r.start;
      for (const p of segments) {
        const a = x(Math.min(at, at + p.amount));
        const b = x(Math.max(at, at + p.amount));
        const cls = r.part === 'endorser' ? 'seg ' + kindClass(kinds, p.kind)
          : r.part === 'distrust' ? 'seg negative' : 'seg';
        const what = p.kind ? `${p.kind}${p.contribution ? ' on ' + p.contribution : ''}`
          + (p.endorsements ? `, ${p.endorsements} endorsement${p.endorsements === 1 ? '' : 's'}` : '') : r.label;
        g.append(s('rect', {
          x: a, y: top + 5, width: Math.max(1, b - a), height: rowH - 10, class: cls,
          'data-kind': p.kind || null, 'data-part-amount': p.kind ? String(p.amount) : null,
        }, s('title', null, `${what}: ${fmtScore(p.amount)}`)));
        at += p.amount;
      }
      g.append(s('text', { x: width - 4, y: top + 17, 'text-anchor': 'end', class: 'bar-amount' },
        (r.amount < 0 ? '−' : '+') + fmtScore(Math.abs(r.amount))));
      svg.append(g);
    });
    const top = rows.length * rowH;
    svg.append(
      s('line', { x1: plotL, x2: plotL + plotW, y1: top + 1, y2: top + 1, class: 'axis' }),
      s('g', { class: 'bar-row total', 'data-total': String(score) },
        s('text', { x: labelW, y: top + 18, 'text-anchor': 'end', class: 'bar-label strong' }, 'Score'),
        s('rect', { x: x(0), y: top + 6, width: Math.max(1, x(score) - x(0)), height: rowH - 10, class: 'seg total' }),
        s('text', { x: width - 4, y: top + 18, 'text-anchor': 'end', class: 'bar-amount strong' }, fmtScore(score))));
    return svg;
  }

  /** A line chart over time; invert puts small values (rank 1) on top. */
  function drawLine(width, points, opts) {
    const height = 190;
    const m = { left: 64, right: 14, top: 12, bottom: 34 };
    const svg = s('svg', {
      width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart line-chart', role: 'img',
      'aria-label': opts.label,
    });
    const times = points.map((p) => Date.parse(p.asOf));
    const values = points.map(opts.value);
    const t0 = Math.min(...times);
    const t1 = Math.max(...times);
    let v0 = Math.min(...values);
    let v1 = Math.max(...values);
    if (opts.fromZero) v0 = Math.min(0, v0);
    if (v1 === v0) {
      v1 += opts.invert ? 1 : Math.abs(v1) * 0.1 || 1;
      if (opts.invert) v0 = Math.max(1, v0 - 1);
    }
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const x = (t) => m.left + (t1 > t0 ? ((t - t0) / (t1 - t0)) * plotW : plotW / 2);
    const y = (v) => {
      const f = (v - v0) / (v1 - v0);
      return m.top + (opts.invert ? f : 1 - f) * plotH;
    };
    for (const t of niceTicks(v0, v1, 4)) {
      if (opts.invert && t < 1) continue;
      svg.append(
        s('line', { x1: m.left, x2: width - m.right, y1: y(t), y2: y(t), class: 'grid' }),
        s('text', { x: m.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, opts.format(t)));
    }
    const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(plotW / 80))));
    points.forEach((p, i) => {
      if (i % labelEvery !== 0 && i !== points.length - 1) return;
      if (i === points.length - 1 && i % labelEvery !== 0 && points.length > 1) {
        const prev = Math.floor(i / labelEvery) * labelEvery;
        if (x(times[i]) - x(times[prev]) < 60) return;
      }
      const anchor = i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
      svg.append(s('text', { x: x(times[i]), y: height - 14, 'text-anchor': anchor, class: 'tick' },
        p.asOf.slice(0, 7)));
    });
    svg.append(s('line', { x1: m.left, x2: width - m.right, y1: m.top + plotH, y2: m.top + plotH, class: 'axis' }));
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(times[i]).toFixed(1)},${y(values[i]).toFixed(1)}`).join(' ');
    svg.append(s('path', { d, class: 'line ' + (opts.cls || '') }));
    points.forEach((p, i) => {
      svg.append(s('circle', {
        cx: x(times[i]), cy: y(values[i]), r: points.length > 40 ? 2 : 3.5, class: 'dot ' + (opts.cls || ''),
        'data-as-of': p.asOf, 'data-value': String(values[i]),
      }, s('title', null, `${p.asOf.slice(0, 10)}: ${opts.format(values[i])}`)));
    });
    return svg;
  }

  // ---------------------------------------------------------------- shared pieces

  function tierIndex(summary, name) {
    const tiers = summary.tiers || [];
    return tiers.findIndex((t) => t.name === name);
  }

  function tierBadge(summary, name) {
    if (name === null || name === undefined) return h('span', { class: 'tier tier-none' }, '–');
    const i = tierIndex(summary, name);
    return h('span', { class: 'tier tier-' + Math.max(0, i), 'data-tier': name }, name);
  }

  function healthRows() {
    return [
      ['evenShare', 'Spread evenly', fmtShare,
        'Teleport, returned and decayed weight together: reputation the endorsements do not decide.'],
      ['teleportShare', 'Teleport share', fmtShare, 'What every member gets without being endorsed.'],
      ['returnedShare', 'Returned share', fmtShare, 'What comes back along returned endorsements.'],
      ['top1PercentShare', 'Top 1% share', fmtShare, 'All reputation held by the best 1% of members.'],
      ['gini', 'Gini coefficient', (x) => fmtMaybe(x, 3), '0: everyone equal; near 1: one member has it all.'],
    ];
  }

  function healthPanel(health, title) {
    const section = h('section', { class: 'panel', id: 'health', 'aria-labelledby': 'health-title' },
      h('h2', { id: 'health-title' }, title));
    if (!health) {
      section.append(h('p', null, 'The server gave no health figures.'));
      return section;
    }
    const dl = h('dl', { class: 'figures' });
    for (const [key, label, fmt, hint] of healthRows()) {
      const value = health[key];
      dl.append(h('div', { class: 'figure', 'data-figure': key, 'data-value': value },
        h('dt', null, label, ' ', h('a', { href: '#/help?section=help-health', class: 'help-link', 'aria-label': 'What ' + label + ' means' }, '?')),
        h('dd', null, h('span', { class: 'figure-value' }, fmt(value)),
          key.endsWith('Share') && typeof value === 'number'
            ? h('span', { class: 'meter', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.min(100, Math.max(0, value * 100)).toFixed(1)}%` }))
            : null,
          h('span', { class: 'figure-hint' }, hint))));
    }
    section.append(dl);
    section.append(h('p', { class: health.hint ? 'hint' : 'hint hint-ok' },
      health.hint || 'No setting flattens or concentrates the scores unusually.'));
    return section;
  }

  function summaryPanel(summary) {
    const lines = summary.summary || [];
    return h('section', { class: 'panel', id: 'summary', 'aria-labelledby': 'summary-title' },
      h('h2', { id: 'summary-title' }, 'The input'),
      h('p', null, summary.title || ''),
      h('div', { class: 'pre-wrap', role: 'region', 'aria-label': 'Summary as the score command prints it', tabindex: 0 },
        h('pre', { class: 'summary-lines' }, lines.join('\n'))));
  }

  function histogramPanel(histogram, marker) {
    const box = h('div', { class: 'chart-box', id: 'histogram' });
    const section = h('section', { class: 'panel', 'aria-labelledby': 'histogram-title' },
      h('h2', { id: 'histogram-title' }, 'Score distribution'),
      box,
      h('p', { class: 'note' }, histogram.zeros
        ? `${fmtInt(histogram.zeros)} member${histogram.zeros === 1 ? ' has' : 's have'} a score of 0, not shown on the log scale.`
        : 'Bars are log-spaced score ranges; the height is the number of members.'));
    return { section, draw: () => chart(box, (w) => drawHistogram(w, histogram, marker)) };
  }

  function flagList(flags) {
    if (!flags || flags.length === 0) {
      return h('p', { id: 'member-watch-none' }, 'Not part of any pattern the gaming watch lists.');
    }
    return h('ul', { class: 'flags', id: 'member-watch' }, flags.map((f) => {
      const p = PATTERNS[f.pattern] || { title: f.pattern, setting: '' };
      return h('li', { class: 'flag', 'data-pattern': f.pattern, 'data-share': f.share },
        h('strong', null, p.title), ' (', fmtShare(f.share), ' of the score). ',
        f.text || '', ' ',
        involved(f.members || [], f.id),
        ' ', h('a', { href: '#/help?section=help-' + f.pattern }, 'What this means and what answers it'));
    }));
  }

  function involved(members, self) {
    const others = members.filter((m) => m !== self);
    if (others.length === 0) return null;
    const shown = others.slice(0, 8);
    const span = h('span', { class: 'involved' }, 'Involved: ');
    shown.forEach((id, i) => {
      if (i) span.append(', ');
      span.append(memberLink(id));
    });
    if (others.length > shown.length) span.append(` and ${others.length - shown.length} more`);
    span.append('.');
    return span;
  }

  // ---------------------------------------------------------------- views

  async function leaderboardView(view, route, stale) {
    const q = (route.params.get('q') || '').trim();
    const scope = route.scope;
    let offset = Number.parseInt(route.params.get('offset') || '0', 10);
    if (!(offset >= 0)) offset = 0;
    const query = `/api/leaderboard?offset=${offset}&limit=${PAGE}` + (q ? '&q=' + encodeURIComponent(q) : '')
      + scopeQuery(scope);
    const [scopes, summary, page, histogram] = await Promise.all([
      getScopes(), getSummary(scope), api(query), getHistogram(scope)]);
    if (stale()) return;
    const rows = page.rows || [];
    const total = page.total || 0;
    const where = scope ? ` in #${scope}` : '';
    append(view, [
      h('h1', { tabindex: -1 }, q ? `Members matching “${q}”${where}` : 'Leaderboard' + where),
      scopePicker(scopes, scope, (tag) => leaderboardHref({ q, scope: tag })),
      h('dl', { class: 'cards' },
        card('Members', fmtInt(summary.members)),
        card('Endorsements', fmtInt(summary.endorsements)),
        card('Converged', summary.converged
          ? `yes, ${summary.iterations} iterations`
          : `no, after ${summary.iterations} iterations`),
        card('Scored as of', summary.asOf ? summary.asOf.slice(0, 19).replace('T', ' ') : 'the latest event')),
      searchForm(q, scope)]);
    const tiers = summary.tiers || [];
    if (tiers.length > 0) {
      view.append(h('p', { class: 'tiers-legend', id: 'tiers' }, 'Tiers: ', tiers.slice().reverse().map((t) =>
        h('span', { class: 'legend-item' }, tierBadge(summary, t.name), ` from percentile ${t.percentile}`))));
    }
    const caption = total === 0
      ? 'No member matches.'
      : `${q ? 'Matches' : 'Ranks'} ${fmtInt(offset + 1)} to ${fmtInt(Math.min(offset + rows.length, total))} of ${fmtInt(total)}`
        + (q ? ', best rank first' : '');
    const table = h('table', { id: 'leaderboard', class: 'data', 'data-total': total, 'data-offset': offset, 'data-scope': scope || null },
      h('caption', null, caption),
      headRow('Rank', 'Member', 'Score', 'Points', 'Percentile', 'Tier'),
      h('tbody', null, rows.map((r) => h('tr', { 'data-rank': r.rank, 'data-id': r.id, 'data-score': String(r.score) },
        h('td', { class: 'num' }, fmtInt(r.rank)),
        h('td', { class: 'id' }, memberLink(r.id)),
        h('td', { class: 'num', title: String(r.score) }, fmtScore(r.score)),
        h('td', { class: 'num' }, fmtFixed(r.points, 2)),
        h('td', { class: 'num' }, fmtMaybe(r.percentile, 2)),
        h('td', null, tierBadge(summary, r.tier))))));
    view.append(tableBox('Leaderboard', table), pager(offset, total, q, scope));
    const hist = histogramPanel(histogram, null);
    view.append(h('div', { class: 'panels' }, hist.section,
      healthPanel(summary.health, scope ? `Policy health in #${scope}` : 'Policy health'), summaryPanel(summary)));
    hist.draw();
  }

  /** The leaderboard's address with these parameters (those that are empty left out). */
  function leaderboardHref(params) {
    const p = new URLSearchParams();
    for (const key of ['q', 'scope', 'offset']) {
      if (params[key]) p.set(key, String(params[key]));
    }
    const text = p.toString();
    return '#/' + (text ? '?' + text : '');
  }

  /**
   * The scope selector: the whole ledger or one tag, each with its members; choosing one goes to
   * href(tag). Nothing when the ledger has no tags.
   */
  function scopePicker(scopes, scope, href) {
    if (!scopes || scopes.length === 0) return null;
    const byMembers = scopes.slice().sort((a, b) => b.members - a.members || (a.tag < b.tag ? -1 : 1));
    const select = h('select', { id: 'scope-select', 'aria-describedby': 'scope-hint' },
      h('option', { value: '', selected: !scope }, 'All: the whole ledger'),
      byMembers.map((t) => h('option', { value: t.tag, selected: t.tag === scope },
        `#${t.tag} (${fmtInt(t.members)} member${t.members === 1 ? '' : 's'})`)));
    select.addEventListener('change', () => {
      location.hash = href(select.value || null);
    });
    return h('div', { class: 'scope-picker', id: 'scope-picker' },
      h('label', { for: 'scope-select' }, 'Scope'), select,
      h('p', { class: 'note', id: 'scope-hint' }, scope
        ? `Scores within #${scope}: the walk restarts at the members who wrote contributions tagged ${scope}, and only endorsements of those contributions (and between members) count. `
        : `${fmtInt(scopes.length)} tags; a scope ranks members within one of them. `,
        h('a', { href: '#/help?section=help-scopes' }, 'What a scope is'), '.'));
  }

  function card(label, value) {
    return h('div', { class: 'card' }, h('dt', null, label), h('dd', null, value));
  }

  function searchForm(q, scope) {
    const input = h('input', {
      id: 'search', name: 'q', type: 'search', value: q, autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': 'search-hint',
    });
    const form = h('form', { id: 'search-form', class: 'search', role: 'search' },
      h('label', { for: 'search' }, 'Search by id'),
      h('div', { class: 'search-row' }, input, h('button', { type: 'submit', id: 'search-button' }, 'Search')),
      h('p', { id: 'search-hint', class: 'note' }, 'An exact id opens the member\'s page; part of an id lists the members whose id contains it.'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) {
        location.hash = leaderboardHref({ scope });
        return;
      }
      try {
        const found = await api('/api/leaderboard?offset=0&limit=20&q=' + encodeURIComponent(text) + scopeQuery(scope));
        const rows = found.rows || [];
        const exact = rows.find((r) => r.id === text)
          || rows.find((r) => r.id.toLowerCase() === text.toLowerCase())
          || (found.total === 1 ? rows[0] : null);
        location.hash = exact ? memberHref(exact.id, scope) : leaderboardHref({ q: text, scope });
      } catch (e) {
        showMessage(e.message);
      }
    });
    return form;
  }

  function pager(offset, total, q, scope) {
    const link = (o) => leaderboardHref({ q, scope, offset: o });
    const last = Math.max(0, Math.floor((total - 1) / PAGE) * PAGE);
    const item = (label, o, enabled, id) => enabled
      ? h('a', { href: link(o), class: 'button', id }, label)
      : h('span', { class: 'button disabled', 'aria-disabled': 'true', id }, label);
    const rankInput = h('input', { id: 'goto-rank', type: 'text', inputmode: 'numeric', size: 8, autocomplete: 'off' });
    const go = h('form', { class: 'goto', id: 'goto-form' },
      h('label', { for: 'goto-rank' }, q ? 'Go to match' : 'Go to rank'), rankInput,
      h('button', { type: 'submit' }, 'Go'));
    go.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = rankInput.value.trim();
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > total) {
        rankInput.setAttribute('aria-invalid', 'true');
        showMessage(`"${text}" is not a rank on this list; give a whole number from 1 to ${fmtInt(total)}.`);
        rankInput.focus();
        return;
      }
      location.hash = link(Math.floor((n - 1) / PAGE) * PAGE);
    });
    return h('nav', { class: 'pager', 'aria-label': 'Pages of the leaderboard' },
      item('« First', 0, offset > 0, 'page-first'),
      item('‹ Previous', Math.max(0, offset - PAGE), offset > 0, 'page-prev'),
      h('span', { class: 'page-of' }, `Page ${fmtInt(Math.floor(offset / PAGE) + 1)} of ${fmtInt(Math.max(1, Math.ceil(total / PAGE)))}`),
      item('Next ›', offset + PAGE, offset + PAGE < total, 'page-next'),
      item('Last »', last, offset < last, 'page-last'),
      go);
  }

  async function memberView(view, route, stale) {
    const id = route.id;
    const trustView = route.params.get('view') === 'trust';
    const scope = trustView ? null : route.scope;
    const path = '/api/member/' + encodeURIComponent(id);
    let member;
    try {
      member = await api(path + scopeQuery(scope, true));
    } catch (e) {
      if (stale()) return;
      view.append(
        h('h1', { tabindex: -1 }, e.status === 404 ? 'No such member' : 'This member could not be shown'),
        h('p', null, 'Member id: ', h('code', null, id)),
        h('p', null, h('a', { href: '#/?q=' + encodeURIComponent(id) }, 'Search for ids like it'), ' or go back to the ',
          h('a', { href: '#/' }, 'leaderboard'), '.'));
      throw e;
    }
    const [scopes, summary] = await Promise.all([getScopes(), getSummary(scope)]);
    if (stale()) return;
    document.title = member.id + ' · wuffie explore';
    const where = scope ? ` in #${scope}` : '';
    append(view, [
      h('p', { class: 'crumbs' }, h('a', { href: leaderboardHref({ scope }) }, 'Leaderboard' + where), ' › member'),
      h('h1', { tabindex: -1, class: 'member-id' }, member.id),
      h('dl', { class: 'cards', id: 'member-stats', 'data-id': member.id, 'data-score': String(member.score), 'data-rank': member.rank, 'data-scope': scope || null },
        card('Score' + where, h('span', { title: String(member.score) }, fmtScore(member.score))),
        card('Rank' + where, `${fmtInt(member.rank)} of ${fmtInt(summary.members)}`),
        card('Percentile', fmtMaybe(member.percentile, 2)),
        card('Tier', tierBadge(summary, member.tier)),
        card('Points', fmtFixed(member.points, 2))),
      viewSwitch(member.id, trustView, scope),
      trustView ? null : scopePicker(scopes, scope, (tag) => memberHref(member.id, tag))]);
    if (trustView) {
      await trustPanel(view, member.id, route, stale);
      return;
    }
    const [histogram, history] = await Promise.all([
      getHistogram(scope),
      api(path + '/history').catch((e) => ({ points: [], reason: e.message })),
    ]);
    if (stale()) return;

    const watch = h('section', { class: 'panel', 'aria-labelledby': 'member-watch-title' },
      h('h2', { id: 'member-watch-title' }, 'Gaming watch'), flagList(member.watch));
    if (member.watch && member.watch.length) view.append(watch);

    const explanation = member.explanation || {};
    const kinds = new Map();
    const chartBox = h('div', { class: 'chart-box', id: 'explanation' });
    const explainSection = h('section', { class: 'panel wide', 'aria-labelledby': 'explain-title' },
      h('h2', { id: 'explain-title' }, 'Where it comes from'),
      h('p', { class: 'note' }, 'Each bar starts where the one above ends, so together they make the score. ',
        'Teleport is what every member gets; returned is what came back from the members this one endorsed; ',
        'each endorser\'s bar is split by kind and contribution; distrust bars count against.'),
      chartBox);
    view.append(explainSection);
    let fold = true;
    chart(chartBox, (w) => drawExplanation(w, explanation, member.score, kinds, fold));
    const endorserCount = (explanation.endorsers || []).length;
    if (endorserCount > SHOWN_ENDORSERS + 1) {
      const toggle = h('button', { type: 'button', id: 'explanation-toggle', 'aria-controls': 'explanation', 'aria-expanded': 'false' },
        `Show all ${endorserCount} endorsers`);
      toggle.addEventListener('click', () => {
        fold = !fold;
        toggle.setAttribute('aria-expanded', String(!fold));
        toggle.textContent = fold ? `Show all ${endorserCount} endorsers` : `Show the first ${SHOWN_ENDORSERS} endorsers`;
        charts.filter((c) => c.container === chartBox).forEach(redraw);
      });
      explainSection.append(h('div', { class: 'actions' }, toggle));
    }
    if (kinds.size > 1 || (kinds.size === 1 && !kinds.has('(none)'))) {
      explainSection.append(h('p', { class: 'legend' }, 'Kinds: ', [...kinds.entries()].map(([k, i]) =>
        h('span', { class: 'legend-item' }, h('span', { class: 'swatch kind-' + i, 'aria-hidden': 'true' }), k))));
    }
    explainSection.append(explanationTable(explanation, member.score));

    view.append(passesOnPanel(member));
    view.append(historyPanel(history, scope));
    if (!(member.watch && member.watch.length)) view.append(watch);
    const hist = histogramPanel(histogram, { score: member.score, label: member.id });
    view.append(hist.section);
    hist.draw();
  }

  /**
   * The "from this member's view" switch: on, the page shows who the member would trust
   * (#/member/ID?view=trust); off, where its score comes from.
   */
  function viewSwitch(id, on, scope) {
    const box = h('input', {
      type: 'checkbox', role: 'switch', id: 'view-switch', checked: on, 'aria-checked': String(on),
      'aria-describedby': 'view-switch-hint',
    });
    box.addEventListener('change', () => {
      location.hash = box.checked ? '#/member/' + encodeURIComponent(id) + '?view=trust' : memberHref(id, null);
    });
    return h('div', { class: 'view-switch' },
      h('label', { for: 'view-switch' }, box, ` From this member's view: who ${id} would trust`),
      h('p', { class: 'note', id: 'view-switch-hint' }, on
        ? 'On: the list below ranks members by the trust this member places in them. Turn it off to see where this member\'s own score comes from.'
        : 'Turn it on to rank members by the trust this member places in them' + (scope ? ' (over the whole trust graph, not within a scope).' : '.')));
  }

  /** Who {@code id} would trust: a page of /api/trusted with what it is and its error bound. */
  async function trustPanel(view, id, route, stale) {
    let offset = Number.parseInt(route.params.get('offset') || '0', 10);
    if (!(offset >= 0)) offset = 0;
    const page = await api(`/api/trusted?from=${encodeURIComponent(id)}&offset=${offset}&limit=${PAGE}`);
    if (stale()) return;
    const rows = page.rows || [];
    const total = page.total || 0;
    const from = page.from;
    const section = h('section', {
      class: 'panel wide', id: 'trusted-panel', 'aria-labelledby': 'trusted-title',
      'data-from': from, 'data-total': total, 'data-error-bound': String(page.errorBound),
    },
    h('h2', { id: 'trusted-title' }, `Who ${from} would trust`),
    h('p', { id: 'trusted-label' }, `Members ranked by the trust ${from} places in them, directly and through the people ${from} trusts: `
      + `personalized PageRank over the trust graph, a walk that restarts at ${from} (with probability ${fmtFixed(1 - page.damping, 2)} at each step). `
      + `Distrust is not applied and scopes do not enter. ${from} is left out of the list; it keeps ${fmtShare(page.own)} of its own trust. `
      + 'The global rank is the member\'s rank on the leaderboard.'),
    h('p', { class: 'note', id: 'trusted-bound' }, `Each trust is a lower bound of the exact value; together they fall short of the exact values by at most `
      + `${page.errorBound.toExponential(1)} (L1 error bound; accuracy asked ${page.accuracy}). ${fmtInt(page.reached)} members reached; `
      + 'any other member\'s trust is at most that bound.'));
    if (total === 0) {
      section.append(h('p', { id: 'trusted-none' }, `${from} endorses no one, so its view holds only itself.`));
      view.append(section);
      return;
    }
    const href = (o) => '#/member/' + encodeURIComponent(id) + '?view=trust' + (o ? '&offset=' + o : '');
    section.append(tableBox(`Who ${from} would trust`, h('table', { class: 'data', id: 'trusted' },
      h('caption', null, `Ranks ${fmtInt(offset + 1)} to ${fmtInt(Math.min(offset + rows.length, total))} of ${fmtInt(total)} members reached`),
      headRow('Rank', 'Member', 'Trust', 'Global rank'),
      h('tbody', null, rows.map((r) => h('tr', { 'data-rank': r.rank, 'data-id': r.id, 'data-score': String(r.score) },
        h('td', { class: 'num' }, fmtInt(r.rank)),
        h('td', { class: 'id' }, memberLink(r.id)),
        h('td', { class: 'num', title: String(r.score) }, fmtScore(r.score)),
        h('td', { class: 'num' }, fmtInt(r.globalRank))))))));
    if (total > PAGE) {
      const item = (label, o, enabled, itemId) => enabled
        ? h('a', { href: href(o), class: 'button', id: itemId }, label)
        : h('span', { class: 'button disabled', 'aria-disabled': 'true', id: itemId }, label);
      section.append(h('nav', { class: 'pager', 'aria-label': 'Pages of the trusted members' },
        item('‹ Previous', Math.max(0, offset - PAGE), offset > 0, 'trusted-prev'),
        h('span', { class: 'page-of' }, `Page ${fmtInt(Math.floor(offset / PAGE) + 1)} of ${fmtInt(Math.ceil(total / PAGE))}`),
        item('Next ›', offset + PAGE, offset + PAGE < total, 'trusted-next')));
    }
    view.append(section);
  }

  function explanationTable(explanation, score) {
    const rows = explanationRows(explanation, score);
    const body = h('tbody');
    for (const r of rows) {
      body.append(h('tr', { class: 'part-' + r.part },
        h('th', { scope: 'row' }, r.id !== undefined ? memberLink(r.id) : r.label),
        h('td', null, r.part === 'endorser' ? 'endorser' : r.part === 'distrust' ? 'distrust' : ''),
        h('td', null, (r.parts || []).map((p) => h('div', null,
          `${p.kind || ''}${p.contribution ? ' on ' + p.contribution : ''}`
          + (p.endorsements ? ` × ${p.endorsements}` : '') + `: ${fmtScore(p.amount)}`))),
        h('td', { class: 'num' }, fmtScore(r.amount)),
        h('td', { class: 'num' }, score ? fmtShare(r.amount / score) : '–')));
    }
    const sum = rows.reduce((a, r) => a + r.amount, 0);
    body.append(h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'Sum'), h('td'), h('td'),
      h('td', { class: 'num' }, fmtScore(sum)), h('td', { class: 'num' }, score ? fmtShare(sum / score) : '–')));
    return h('details', { class: 'as-table' }, h('summary', null, 'The same as a table'),
      tableBox('Where the score comes from, as a table', h('table', { class: 'data', id: 'explanation-table' },
        headRow('Part', 'Term', 'By kind', 'Amount', 'Share'), body)));
  }

  function passesOnPanel(member) {
    const list = member.passesOn || [];
    const section = h('section', { class: 'panel', 'aria-labelledby': 'passes-title' },
      h('h2', { id: 'passes-title' }, 'Passes on'));
    if (list.length === 0) {
      section.append(h('p', { id: 'passes-on-none' }, 'This member endorses no one, so their score passes nothing on.'));
      return section;
    }
    const max = Math.max(...list.map((p) => Math.abs(p.amount))) || 1;
    const shown = 10;
    section.append(h('p', { class: 'note' }, 'What this member\'s score gives each member they endorse, largest first.'),
      tableBox('Passes on', h('table', { class: 'data', id: 'passes-on' },
        headRow('Member', 'Amount', ''),
        h('tbody', null, list.map((p, i) => h('tr', { 'data-id': p.id, 'data-amount': String(p.amount), hidden: i >= shown },
          h('td', { class: 'id' }, memberLink(p.id)),
          h('td', { class: 'num' }, fmtScore(p.amount)),
          h('td', { class: 'bar-cell' }, h('span', { class: 'inline-bar', style: `width:${(100 * Math.abs(p.amount) / max).toFixed(1)}%` }))))))));
    if (list.length > shown) {
      const more = h('button', { type: 'button', id: 'passes-on-all' }, `Show all ${list.length}`);
      more.addEventListener('click', () => {
        section.querySelectorAll('#passes-on tr[hidden]').forEach((tr) => tr.removeAttribute('hidden'));
        more.remove();
      });
      section.append(h('div', { class: 'actions' }, more));
    }
    return section;
  }

  function historyPanel(history, scope) {
    const points = (history.points || []).filter((p) => p && typeof p.asOf === 'string');
    const section = h('section', { class: 'panel wide', id: 'history', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, 'Over time'));
    if (points.length === 0) {
      section.append(h('p', { id: 'history-none' }, history.reason || 'The input has no times, so there is no history to show.'));
      return section;
    }
    const scoreBox = h('div', { class: 'chart-box', id: 'history-score' });
    const rankBox = h('div', { class: 'chart-box', id: 'history-rank' });
    section.append(h('p', { class: 'note' }, (scope ? 'The whole ledger\'s score (not the scope\'s): ' : '')
      + `Score and rank at ${points.length} monthly points, `
      + `${points[0].asOf.slice(0, 10)} to ${points[points.length - 1].asOf.slice(0, 10)}.`),
    h('h3', null, 'Score'), scoreBox, h('h3', null, 'Rank (1 at the top)'), rankBox);
    // Drawn once the section is in the page, so that the boxes have a width.
    setTimeout(() => {
      chart(scoreBox, (w) => drawLine(w, points, { value: (p) => p.score, format: fmtScore, fromZero: true, cls: 'score', label: 'Score over time' }));
      chart(rankBox, (w) => drawLine(w, points, { value: (p) => p.rank, format: (v) => fmtInt(Math.round(v)), invert: true, cls: 'rank', label: 'Rank over time' }));
    }, 0);
    return section;
  }

  async function watchView(view, route, stale) {
    const watch = await api('/api/watch');
    if (stale()) return;
    view.append(h('h1', { tabindex: -1 }, 'Gaming watch'),
      h('p', { class: 'lead' }, 'Members whose score leans on a pattern a site should review. A flag is a reason to look, not proof: ',
        h('a', { href: '#/help?section=help-watch' }, 'what each pattern means and which setting answers it'), '.'));
    for (const key of Object.keys(PATTERNS)) {
      const p = PATTERNS[key];
      const flags = watch[key] || [];
      const section = h('section', { class: 'panel wide', id: 'watch-' + key, 'data-count': flags.length, 'aria-labelledby': 'watch-title-' + key },
        h('h2', { id: 'watch-title-' + key }, p.title, ' ', h('span', { class: 'count' }, `(${fmtInt(flags.length)})`)),
        h('p', { class: 'note' }, 'Answered by the ', h('a', { href: '#/help?section=help-' + key }, p.setting), ' setting.'));
      if (flags.length === 0) {
        section.append(h('p', null, 'No member shows this pattern.'));
      } else {
        section.append(tableBox(p.title, h('table', { class: 'data watch-table' },
          headRow('Member', 'Rank', 'Score', 'Share', 'Involved', 'What it is'),
          h('tbody', null, flags.map((f) => h('tr', { 'data-id': f.id, 'data-pattern': key, 'data-share': String(f.share) },
            h('td', { class: 'id' }, memberLink(f.id)),
            h('td', { class: 'num' }, fmtInt(f.rank)),
            h('td', { class: 'num' }, fmtScore(f.score)),
            h('td', { class: 'num' }, fmtShare(f.share),
              h('span', { class: 'meter', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.min(100, Math.max(0, f.share * 100)).toFixed(1)}%` }))),
            h('td', { class: 'involved-cell' }, involvedLinks(f.members || [], f.id)),
            h('td', { class: 'text' }, f.text || '')))))));
      }
      view.append(section);
    }
  }

  function involvedLinks(members, self) {
    const others = members.filter((m) => m !== self);
    const shown = others.slice(0, 12);
    const span = h('span');
    shown.forEach((id, i) => {
      if (i) span.append(', ');
      span.append(memberLink(id));
    });
    if (others.length > shown.length) span.append(` and ${others.length - shown.length} more`);
    return span;
  }

  // ---------------------------------------------------------------- what-if

  let whatIfState = null; // { policy, result } of the last run, kept across views

  const NUMBER_FIELDS = [
    ['distrustStrength', 'Distrust strength', 'In [0, 1]: how much distrust discounts a score.'],
    ['influenceCap', 'Influence cap', 'In (0, 1]: the largest share of a member\'s incoming weight one endorser carries; 1 is no cap.'],
    ['reciprocalWeight', 'Reciprocal weight', 'In [0, 1]: what a returned endorsement counts; 1 is no damping.'],
  ];
  const SOLVER_FIELDS = [
    ['damping', 'Damping', 'In [0, 1): the share of a score passed on; 0.85 is usual.'],
    ['tolerance', 'Tolerance', 'When the solver stops, e.g. 1e-10.'],
    ['maxIterations', 'Maximum iterations', 'A whole number, e.g. 1000.'],
  ];

  function field(id, label, control, hint) {
    control.id = 'policy-' + id;
    control.dataset.field = id;
    if (hint) control.setAttribute('aria-describedby', 'policy-' + id + '-hint');
    return h('div', { class: 'field' },
      h('label', { for: 'policy-' + id }, label), control,
      hint ? h('p', { class: 'note', id: 'policy-' + id + '-hint' }, hint) : null);
  }

  function textInput(value, extra) {
    return h('input', Object.assign({ type: 'text', value: value === null || value === undefined ? '' : String(value), autocomplete: 'off', spellcheck: 'false' }, extra));
  }

  function select(value, options) {
    return h('select', null, options.map((o) => h('option', { value: o, selected: o === value }, o)));
  }

  function kindRow(name, weight, index) {
    const rated = weight !== null && typeof weight === 'object' && weight.rated;
    const base = 'kind-' + index;
    const nameInput = textInput(name, { id: base + '-name', 'data-kind-field': 'name' });
    const type = h('select', { id: base + '-type', 'data-kind-field': 'type' },
      h('option', { value: 'fixed', selected: !rated }, 'fixed'),
      h('option', { value: 'rated', selected: rated }, 'rated'));
    const fixedWeight = typeof weight === 'number' ? weight : weight && !rated && typeof weight.weight === 'number' ? weight.weight : 1;
    const w = textInput(rated ? '' : fixedWeight, { id: base + '-weight', 'data-kind-field': 'weight', 'data-kind': name, inputmode: 'decimal', size: 7 });
    const neutral = textInput(rated ? weight.neutral ?? 0 : '', { id: base + '-neutral', 'data-kind-field': 'neutral', 'data-kind': name, inputmode: 'decimal', size: 7 });
    const scale = textInput(rated ? weight.scale ?? 1 : '', { id: base + '-scale', 'data-kind-field': 'scale', 'data-kind': name, inputmode: 'decimal', size: 7 });
    const cell = (forId, text, control, cls) => h('div', { class: 'kind-cell ' + (cls || '') },
      h('label', { for: forId }, text), control);
    const what = name ? ' of ' + name : '';
    const row = h('div', { class: 'kind-row', role: 'group', 'aria-label': 'Kind ' + (name || '(new)'), 'data-kind': name },
      cell(base + '-name', 'Kind', nameInput, 'kind-name'),
      cell(base + '-type', 'Type' + what, type),
      cell(base + '-weight', 'Weight' + what, w),
      cell(base + '-neutral', 'Neutral' + what, neutral),
      cell(base + '-scale', 'Scale' + what, scale),
      h('div', { class: 'kind-cell kind-remove' },
        h('button', { type: 'button', class: 'small', 'aria-label': 'Remove kind ' + (name || '(new)'), onclick: () => row.remove() }, 'Remove')));
    const sync = () => {
      const isRated = type.value === 'rated';
      w.disabled = isRated;
      neutral.disabled = !isRated;
      scale.disabled = !isRated;
    };
    type.addEventListener('change', sync);
    sync();
    return row;
  }

  function seedsText(policy) {
    const t = policy.teleport;
    if (t && typeof t === 'object' && t.seeds) {
      return Object.entries(t.seeds).map(([id, w]) => (w === 1 ? id : `${id} ${w}`)).join('\n');
    }
    return '';
  }

  function teleportName(policy) {
    const t = policy.teleport;
    if (t && typeof t === 'object') return 'seeds';
    return typeof t === 'string' ? t : 'uniform';
  }

  function whatIfForm(policy) {
    const solver = policy.solver || {};
    let kindCount = 0;
    const kindBody = h('div', { id: 'kinds-body', class: 'kinds' });
    for (const [name, weight] of Object.entries(policy.kinds || {})) kindBody.append(kindRow(name, weight, kindCount++));
    const addKind = h('button', { type: 'button', id: 'add-kind', class: 'small' }, 'Add a kind');
    addKind.addEventListener('click', () => {
      const row = kindRow('', 1, kindCount++);
      kindBody.append(row);
      row.querySelector('input').focus();
    });
    const teleport = select(teleportName(policy), ['uniform', 'activity', 'seeds']);
    const seeds = h('textarea', { rows: 4, spellcheck: 'false' }, seedsText(policy));
    const form = h('form', { id: 'whatif-form', class: 'policy-form', novalidate: true },
      h('fieldset', null, h('legend', null, 'Kinds'),
        kindBody,
        addKind,
        h('p', { class: 'note' }, 'A fixed kind weighs its weight (negative for distrust); a rated kind weighs scale × (value − neutral).')),
      h('fieldset', null, h('legend', null, 'Time and saturation'),
        h('div', { class: 'fields' },
          field('saturation', 'Saturation', select(policy.saturation || 'log', ['linear', 'log', 'sqrt']), 'How repeated endorsements between two members add up.'),
          field('halfLife', 'Half-life', textInput(policy.halfLife, { placeholder: 'no decay' }), 'ISO-8601 duration such as P180D; empty for no decay.'),
          field('asOf', 'As of', textInput(policy.asOf, { placeholder: 'the latest event' }), 'ISO-8601 instant such as 2025-01-01T00:00:00Z; empty for the latest event.'))),
      h('fieldset', null, h('legend', null, 'Trust and gaming'),
        h('div', { class: 'fields' },
          NUMBER_FIELDS.map(([key, label, hint]) => field(key, label, textInput(policy[key] ?? 1, { inputmode: 'decimal' }), hint)),
          field('teleport', 'Teleport', teleport, 'uniform: every member; activity: by activity; seeds: only the seeds below.'),
          field('seeds', 'Seeds (one id a line)', seeds, 'Trusted members to teleport to, one id a line, optionally followed by a space and a weight; used when teleport is seeds.'))),
      h('fieldset', null, h('legend', null, 'Solver'),
        h('div', { class: 'fields' },
          SOLVER_FIELDS.map(([key, label, hint]) => field(key, label, textInput(solver[key] ?? '', { inputmode: 'decimal' }), hint)),
          field('method', 'Method', select(solver.method || 'POWER', ['POWER', 'GAUSS_SEIDEL'])),
          field('stop', 'Stop when', select(solver.stop || 'CHANGE', ['CHANGE', 'ERROR_BOUND'])))),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', id: 'whatif-run', class: 'primary' }, 'Score with this policy'),
        h('button', { type: 'button', id: 'whatif-reset' }, 'Reset to the current policy')));
    return form;
  }

  class FormError extends Error {
    constructor(control, message) {
      super(message);
      this.control = control;
    }
  }

  function numberOf(control, label, integer) {
    const text = control.value.trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) {
      throw new FormError(control, `${label}: "${text}" is not a number; write it as, e.g., ${integer ? '1000' : '0.85 or 1e-10'}.`);
    }
    if (integer && !Number.isInteger(value)) {
      throw new FormError(control, `${label}: "${text}" is not a whole number; write it as, e.g., 1000.`);
    }
    return value;
  }

  /** The policy JSON object the form describes; a FormError names the control at fault. */
  function readPolicy(form) {
    const kinds = {};
    for (const row of form.querySelectorAll('.kind-row')) {
      const get = (f) => row.querySelector(`[data-kind-field="${f}"]`);
      const nameControl = get('name');
      const name = nameControl.value.trim();
      if (!name) throw new FormError(nameControl, 'Kinds: a kind has no name; give it one or remove the row.');
      if (Object.prototype.hasOwnProperty.call(kinds, name)) throw new FormError(nameControl, `Kinds: "${name}" is listed twice; list each kind once.`);
      if (get('type').value === 'rated') {
        kinds[name] = { rated: true, neutral: numberOf(get('neutral'), `kinds.${name}.neutral`), scale: numberOf(get('scale'), `kinds.${name}.scale`) };
      } else {
        kinds[name] = numberOf(get('weight'), `kinds.${name}`);
      }
    }
    const control = (key) => form.querySelector('#policy-' + key);
    const optionalText = (key) => control(key).value.trim() || null;
    const policy = { kinds, replaceDefaultKinds: true };
    policy.saturation = control('saturation').value;
    policy.halfLife = optionalText('halfLife');
    policy.asOf = optionalText('asOf');
    const teleport = control('teleport').value;
    if (teleport === 'seeds') {
      const seeds = {};
      for (const line of control('seeds').value.split('\n')) {
        const text = line.trim();
        if (!text) continue;
        const m = /^(.*\S)\s+(-?[0-9.eE+-]+)$/.exec(text);
        const id = m && Number.isFinite(Number(m[2])) ? m[1] : text;
        seeds[id] = m && Number.isFinite(Number(m[2])) ? Number(m[2]) : 1;
      }
      if (Object.keys(seeds).length === 0) throw new FormError(control('seeds'), 'Seeds: teleport is "seeds" but no seed is listed; list one id a line, or choose uniform teleport.');
      policy.teleport = { seeds };
    } else {
      policy.teleport = teleport;
    }
    for (const [key, label] of NUMBER_FIELDS) policy[key] = numberOf(control(key), label);
    policy.solver = {};
    for (const [key, label] of SOLVER_FIELDS) policy.solver[key] = numberOf(control(key), label, key === 'maxIterations');
    policy.solver.method = control('method').value;
    policy.solver.stop = control('stop').value;
    return policy;
  }

  async function whatIfView(view, route, stale) {
    const summary = await getSummary();
    if (stale()) return;
    const current = summary.policy || {};
    view.append(h('h1', { tabindex: -1 }, 'What-if'),
      h('p', { class: 'lead' }, 'Change any setting and score the same input again on the server; ',
        'the current policy stays as it is. See ', h('a', { href: '#/help?section=help-settings' }, 'what each setting does'), '.'));
    const formBox = h('div', { id: 'whatif-form-box' });
    const resultBox = h('div', { id: 'whatif-result-box', 'aria-live': 'polite' });
    view.append(formBox, resultBox);
    const mount = (policy) => {
      const form = whatIfForm(policy);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        runWhatIf(form, resultBox);
      });
      form.querySelector('#whatif-reset').addEventListener('click', () => {
        whatIfState = null;
        resultBox.replaceChildren();
        clearMessage();
        mount(current);
        formBox.querySelector('#policy-saturation').focus();
      });
      formBox.replaceChildren(form);
    };
    mount(whatIfState ? whatIfState.policy : current);
    if (whatIfState && whatIfState.result) renderWhatIf(resultBox, whatIfState.result);
  }

  async function runWhatIf(form, resultBox) {
    clearMessage();
    form.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    let policy;
    try {
      policy = readPolicy(form);
    } catch (e) {
      if (!(e instanceof FormError)) throw e;
      e.control.setAttribute('aria-invalid', 'true');
      showMessage(e.message);
      e.control.focus();
      return;
    }
    const button = form.querySelector('#whatif-run');
    button.disabled = true;
    document.body.dataset.whatif = 'running';
    resultBox.setAttribute('aria-busy', 'true');
    try {
      const result = await api('/api/whatif', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(policy),
      });
      whatIfState = { policy, result };
      renderWhatIf(resultBox, result);
      document.body.dataset.whatif = 'done';
    } catch (e) {
      showMessage(e.message);
      document.body.dataset.whatif = 'error';
    } finally {
      button.disabled = false;
      resultBox.removeAttribute('aria-busy');
    }
  }

  function moveTable(id, title, moves) {
    const section = h('section', { class: 'panel', 'aria-labelledby': id + '-title' }, h('h3', { id: id + '-title' }, title));
    if (!moves || moves.length === 0) {
      section.append(h('p', null, 'No one.'));
      return section;
    }
    section.append(tableBox(title, h('table', { class: 'data', id },
      headRow('Member', 'Rank before', 'Rank after', 'Change', 'Score before', 'Score after'),
      h('tbody', null, moves.map((m) => h('tr', { 'data-id': m.id, 'data-rank-before': m.rankBefore, 'data-rank-after': m.rankAfter },
        h('td', { class: 'id' }, memberLink(m.id)),
        h('td', { class: 'num' }, fmtInt(m.rankBefore)),
        h('td', { class: 'num' }, fmtInt(m.rankAfter)),
        h('td', { class: 'num ' + (m.rankAfter < m.rankBefore ? 'up' : 'down') },
          (m.rankAfter < m.rankBefore ? '▲ ' : '▼ ') + fmtInt(Math.abs(m.rankBefore - m.rankAfter))),
        h('td', { class: 'num' }, fmtScore(m.scoreBefore)),
        h('td', { class: 'num' }, fmtScore(m.scoreAfter))))))));
    return section;
  }

  function renderWhatIf(box, result) {
    const download = h('button', { type: 'button', id: 'whatif-download' }, 'Download policy.json');
    download.addEventListener('click', () => {
      const blob = new Blob([JSON.stringify(result.policy, null, 2) + '\n'], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: 'policy.json', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
    const health = result.health || {};
    const noHealth = !health.current && !health.whatIf;
    const healthTable = noHealth ? h('p', null, 'The server gave no health figures.') : h('table', { class: 'data', id: 'whatif-health' },
      headRow('Figure', 'Current policy', 'What-if policy'),
      h('tbody', null, healthRows().map(([key, label, fmt]) => h('tr', { 'data-figure': key },
        h('th', { scope: 'row' }, label),
        h('td', { class: 'num' }, health.current ? fmt(health.current[key]) : '–'),
        h('td', { class: 'num' }, health.whatIf ? fmt(health.whatIf[key]) : '–')))));
    const hints = [];
    if (health.current && health.current.hint) hints.push(h('p', { class: 'hint' }, 'Current policy: ', health.current.hint));
    if (health.whatIf && health.whatIf.hint) hints.push(h('p', { class: 'hint' }, 'What-if policy: ', health.whatIf.hint));
    const top = result.top || [];
    box.replaceChildren(h('section', { id: 'whatif-result', class: 'panel wide', 'data-millis': result.millis, 'aria-labelledby': 'whatif-result-title' },
      h('h2', { id: 'whatif-result-title', tabindex: -1 }, 'Under the what-if policy'),
      h('dl', { class: 'cards' },
        card('Scored in', `${fmtInt(result.millis)} ms`),
        card('Spearman rank correlation', h('span', { id: 'whatif-spearman' }, fmtMaybe(result.spearman, 4))),
        typeof result.kendall === 'number' ? card('Kendall rank correlation', fmtMaybe(result.kendall, 4)) : null),
      h('div', { class: 'actions' }, download,
        h('span', { class: 'note' }, ' the policy as the server read it; ', h('code', null, 'wuffie score --policy policy.json'), ' reads it back.')),
      h('h3', null, 'Policy health, both policies'), noHealth ? healthTable : tableBox('Policy health, both policies', healthTable), hints,
      h('div', { class: 'panels' }, moveTable('whatif-rises', 'Who rises', result.rises), moveTable('whatif-falls', 'Who falls', result.falls)),
      h('h3', null, `Top ${top.length} under the what-if policy`),
      tableBox('Top members under the what-if policy', h('table', { class: 'data', id: 'whatif-top' },
        headRow('Rank', 'Member', 'Score', 'Points', 'Percentile', 'Tier'),
        h('tbody', null, top.map((r) => h('tr', { 'data-rank': r.rank, 'data-id': r.id, 'data-score': String(r.score) },
          h('td', { class: 'num' }, fmtInt(r.rank)),
          h('td', { class: 'id' }, memberLink(r.id)),
          h('td', { class: 'num' }, fmtScore(r.score)),
          h('td', { class: 'num' }, fmtFixed(r.points, 2)),
          h('td', { class: 'num' }, fmtMaybe(r.percentile, 2)),
          h('td', null, r.tier || '–'))))))));
  }

  async function helpView(view, route) {
    view.append(document.getElementById('help-template').content.cloneNode(true));
  }

  async function notFoundView(view, route) {
    view.append(h('h1', { tabindex: -1 }, 'No such page'),
      h('p', null, h('a', { href: '#/' }, 'Go to the leaderboard'), '.'));
    throw new ApiError(404, `There is no view "${route.path}" on this page; use the links above.`);
  }

  const VIEWS = {
    leaderboard: { render: leaderboardView, title: 'Leaderboard', nav: 'leaderboard' },
    member: { render: memberView, title: 'Member', nav: 'leaderboard' },
    watch: { render: watchView, title: 'Gaming watch', nav: 'watch' },
    whatif: { render: whatIfView, title: 'What-if', nav: 'whatif' },
    help: { render: helpView, title: 'Help', nav: 'help' },
    notfound: { render: notFoundView, title: 'Not found', nav: null },
  };

  // ---------------------------------------------------------------- routing

  function parseRoute() {
    let hash = location.hash.replace(/^#/, '');
    if (!hash.startsWith('/')) hash = '/' + hash;
    const q = hash.indexOf('?');
    const path = q < 0 ? hash : hash.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
    const parts = path.split('/').slice(1);
    const scope = params.get('scope') || null;
    if (parts.length === 1 && parts[0] === '') return { view: 'leaderboard', params, path, scope };
    if (parts[0] === 'member' && parts.length >= 2) {
      const raw = parts.slice(1).join('/');
      let id;
      try {
        id = decodeURIComponent(raw);
      } catch (e) {
        return { view: 'notfound', params, path };
      }
      return { view: 'member', id, params, path, scope };
    }
    if (parts.length === 1 && VIEWS[parts[0]] && parts[0] !== 'member' && parts[0] !== 'notfound') {
      return { view: parts[0], params, path };
    }
    return { view: 'notfound', params, path };
  }

  let routeToken = 0;
  let firstRoute = true;

  async function route() {
    const token = ++routeToken;
    const stale = () => token !== routeToken;
    const r = parseRoute();
    const spec = VIEWS[r.view];
    clearMessage();
    linkScope = r.view === 'leaderboard' || (r.view === 'member' && r.params.get('view') !== 'trust') ? r.scope : null;
    if (resizeObserver) charts.forEach((c) => resizeObserver.unobserve(c.container));
    charts = [];
    document.body.dataset.state = 'loading';
    document.body.dataset.view = r.view;
    document.title = spec.title + ' · wuffie explore';
    for (const link of document.querySelectorAll('.nav-list a')) {
      if (link.dataset.route === spec.nav) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const main = document.getElementById('main');
    const view = h('div', { class: 'view', id: 'view-' + r.view });
    main.setAttribute('aria-busy', 'true');
    main.replaceChildren(view);
    let failed = false;
    try {
      await spec.render(view, r, stale);
    } catch (e) {
      if (stale()) return;
      failed = true;
      showMessage(e instanceof ApiError ? e.message : 'Something went wrong on this page: ' + e.message);
      if (!(e instanceof ApiError)) {
        document.body.dataset.scriptError = 'true';
        console.error(e);
      }
    }
    if (stale()) return;
    main.removeAttribute('aria-busy');
    document.body.dataset.state = failed ? 'error' : 'ready';
    const section = r.params.get('section');
    const target = section ? main.querySelector('#' + CSS.escape(section)) : null;
    if (target) {
      target.setAttribute('tabindex', '-1');
      target.focus();
      target.scrollIntoView();
    } else if (!firstRoute) {
      const heading = main.querySelector('h1');
      if (heading) heading.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    }
    firstRoute = false;
  }

  // A script error outside a view's drawing still reaches the message area, never silence.
  window.addEventListener('error', (event) => {
    document.body.dataset.scriptError = 'true';
    showMessage('Something went wrong on this page: ' + event.message + '. Reload the page to go on.');
  });
  window.addEventListener('unhandledrejection', (event) => {
    document.body.dataset.scriptError = 'true';
    const reason = event.reason && event.reason.message ? event.reason.message : String(event.reason);
    showMessage('Something went wrong on this page: ' + reason + '. Reload the page to go on.');
  });

  window.addEventListener('hashchange', route);
  document.addEventListener('DOMContentLoaded', () => {
    getSummary().then((summary) => {
      document.getElementById('input-title').textContent = summary.title || '';
    }).catch(() => {});
    route();
  });
})();
