// Line charts on a canvas, for the training dashboard (train --dashboard) and the history of a
// finished run (serve's /history): the same three charts on both, loss, accuracy and learning
// rate against the update, train and validation. Plain canvas 2D, no library.
'use strict';
window.ScratchCharts = (() => {
  const TRAIN = '#0b5cad';
  const VALIDATION = '#c77d00';
  const GRID = '#e3e6ea';
  const TEXT = '#5b6470';
  const MARK = '#a4161a';

  // A canvas sized to its box on screen, sharp on high-density screens; returns its context and size in CSS pixels.
  function surface(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 480;
    const height = canvas.clientHeight || 220;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return {ctx, width, height};
  }

  function finite(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  function label(v) {
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1e4 || a < 1e-3) return v.toExponential(0);
    return String(Number(v.toPrecision(3)));
  }

  // Tick values: about n round numbers over [lo, hi] (or powers of ten on a log axis).
  function ticks(lo, hi, n, log) {
    if (log) {
      const out = [];
      for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) out.push(Math.pow(10, p));
      return out.filter(v => v >= lo * 0.999 && v <= hi * 1.001);
    }
    const raw = (hi - lo) / Math.max(1, n);
    const step = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    const nice = [1, 2, 5, 10].map(m => m * step).find(s => (hi - lo) / s <= n) || 10 * step;
    const out = [];
    for (let v = Math.ceil(lo / nice) * nice; v <= hi + nice * 1e-9; v += nice) out.push(Math.abs(v) < nice * 1e-9 ? 0 : v);
    return out;
  }

  // Draws series [{name, color, x: [...], y: [...], dots}] on canvas; options {yLabel, log, marks: [{x, label}], yMin, yMax}.
  // Sets canvas.dataset.points and .marks to the numbers of points and marks drawn (for tests).
  function line(canvas, series, options) {
    const {ctx, width, height} = surface(canvas);
    const pad = {left: 56, right: 12, top: 22, bottom: 30};
    const log = !!options.log;
    let xs = [], ys = [], points = 0;
    for (const s of series) {
      for (let i = 0; i < s.x.length; i++) {
        if (finite(s.x[i]) && finite(s.y[i]) && (!log || s.y[i] > 0)) {
          xs.push(s.x[i]);
          ys.push(s.y[i]);
          points++;
        }
      }
    }
    canvas.dataset.points = points;
    canvas.dataset.marks = (options.marks || []).length;
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = TEXT;
    if (points === 0) {
      ctx.fillText(options.empty || 'No points yet.', pad.left, height / 2);
      return;
    }
    let x0 = Math.min(...xs), x1 = Math.max(...xs);
    if (x1 === x0) x1 = x0 + 1;
    let y0 = options.yMin !== undefined ? options.yMin : Math.min(...ys);
    let y1 = options.yMax !== undefined ? options.yMax : Math.max(...ys);
    if (log) {
      y0 = Math.pow(10, Math.floor(Math.log10(y0) * 4) / 4);
      y1 = Math.pow(10, Math.ceil(Math.log10(y1) * 4) / 4);
      if (y1 <= y0) y1 = y0 * 10;
    } else {
      if (y1 === y0) { y0 -= 0.5 * Math.abs(y0 || 1); y1 += 0.5 * Math.abs(y1 || 1); }
      const margin = 0.05 * (y1 - y0);
      if (options.yMin === undefined) y0 -= margin;
      if (options.yMax === undefined) y1 += margin;
    }
    const X = v => pad.left + (v - x0) / (x1 - x0) * (width - pad.left - pad.right);
    const Y = v => log ? height - pad.bottom - (Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0)) * (height - pad.top - pad.bottom)
                       : height - pad.bottom - (v - y0) / (y1 - y0) * (height - pad.top - pad.bottom);

    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of ticks(y0, y1, 5, log)) {
      const y = Math.round(Y(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(pad.left, y); ctx.lineTo(width - pad.right, y); ctx.stroke();
      ctx.fillText(label(t), pad.left - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of ticks(x0, x1, 5, false)) {
      const x = Math.round(X(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(x, pad.top); ctx.lineTo(x, height - pad.bottom); ctx.stroke();
      ctx.fillText(label(t), x, height - pad.bottom + 5);
    }
    ctx.textAlign = 'left';
    ctx.fillText('update', width - pad.right - 44, height - 14);

    for (const m of options.marks || []) {
      const x = Math.round(X(m.x)) + 0.5;
      ctx.strokeStyle = MARK;
      ctx.setLineDash([4, 3]);
      ctx.beginPath(); ctx.moveTo(x, pad.top); ctx.lineTo(x, height - pad.bottom); ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const s of series) {
      ctx.strokeStyle = s.color;
      ctx.fillStyle = s.color;
      ctx.lineWidth = s.dots ? 2 : 1.5;
      ctx.beginPath();
      let started = false;
      for (let i = 0; i < s.x.length; i++) {
        if (!finite(s.x[i]) || !finite(s.y[i]) || (log && s.y[i] <= 0)) continue;
        const x = X(s.x[i]), y = Y(s.y[i]);
        if (started) ctx.lineTo(x, y); else { ctx.moveTo(x, y); started = true; }
      }
      ctx.stroke();
      if (s.dots) {
        for (let i = 0; i < s.x.length; i++) {
          if (!finite(s.x[i]) || !finite(s.y[i])) continue;
          ctx.beginPath(); ctx.arc(X(s.x[i]), Y(s.y[i]), 2.5, 0, 2 * Math.PI); ctx.fill();
        }
      }
    }
    // The legend, top left.
    let lx = pad.left;
    ctx.textBaseline = 'alphabetic';
    for (const s of series) {
      if (!s.x.length) continue;
      ctx.fillStyle = s.color;
      ctx.fillRect(lx, 6, 14, 3);
      ctx.fillStyle = TEXT;
      ctx.fillText(s.name, lx + 18, 12);
      lx += 28 + ctx.measureText(s.name).width;
    }
    if (options.yLabel) {
      ctx.textAlign = 'right';
      ctx.fillText(options.yLabel, width - pad.right, 12);
    }
  }

  // The three charts of a run: curves = {train: {x, loss, accuracy}, validation: {x, loss, accuracy}, rate: {x, y}, changes: [steps]}.
  function training(canvases, curves) {
    const marks = (curves.changes || []).map(x => ({x}));
    line(canvases.loss, [
      {name: 'train', color: TRAIN, x: curves.train.x, y: curves.train.loss},
      {name: 'validation', color: VALIDATION, x: curves.validation.x, y: curves.validation.loss, dots: true}
    ], {yLabel: 'cross-entropy loss', marks});
    line(canvases.accuracy, [
      {name: 'train', color: TRAIN, x: curves.train.x, y: curves.train.accuracy},
      {name: 'validation', color: VALIDATION, x: curves.validation.x, y: curves.validation.accuracy, dots: true}
    ], {yLabel: 'accuracy', marks});
    const rates = curves.rate.y.filter(v => finite(v) && v > 0);
    const log = rates.length > 1 && Math.max(...rates) / Math.min(...rates) > 20;
    line(canvases.rate, [{name: 'learning rate', color: TRAIN, x: curves.rate.x, y: curves.rate.y}],
      {yLabel: log ? 'rate (log scale)' : 'rate', log, marks, yMin: log ? undefined : 0});
  }

  return {line, training, TRAIN, VALIDATION};
})();
