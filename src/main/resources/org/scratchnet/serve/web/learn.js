// The "one training step" page: steps through the frames of an explained step (GET /api/learn on
// the server, or the JSON embedded in a page written by 'scratchnet explain --html'), one
// quantity at a time: its equation, shape, telling values, meaning, and its matrix as a heatmap.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  let data = null;
  let at = 0;

  // The array a frame draws, as rows (layer 0 is the batch; a vector, rows == 1, is a plain array), or null.
  function matrixOf(m) {
    const source = m.layer === 0 ? data.step.batch : data.step.layers[m.layer - 1];
    const v = source[m.key];
    return v === undefined ? null : m.rows === 1 ? [v] : v;
  }

  // Blue below zero, white at zero, red above, scaled by the largest magnitude.
  function colour(v, scale) {
    const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
    const fade = Math.round(255 * (1 - Math.abs(t)));
    return t >= 0 ? [255, fade, fade] : [fade, fade, 255];
  }

  function draw(m) {
    const canvas = $('heatmap');
    const rows = matrixOf(m);
    let scale = 0;
    for (const r of rows) for (const v of r) scale = Math.max(scale, Math.abs(v));
    const width = Math.max(1, Math.min(24, Math.floor(880 / m.cols)));
    const height = Math.max(width, Math.max(1, Math.min(24, Math.floor(320 / m.rows))));
    canvas.width = m.cols * width;
    canvas.height = m.rows * height;
    canvas.dataset.rows = m.rows;
    canvas.dataset.cols = m.cols;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(canvas.width, canvas.height);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const [r, g, b] = colour(rows[i][j], scale);
        for (let y = i * height; y < (i + 1) * height; y++) {
          for (let x = j * width; x < (j + 1) * width; x++) {
            const p = 4 * (y * canvas.width + x);
            image.data[p] = r; image.data[p + 1] = g; image.data[p + 2] = b; image.data[p + 3] = 255;
          }
        }
      }
    }
    ctx.putImageData(image, 0, 0);
    canvas.setAttribute('aria-label', m.key + ' as a heatmap, ' + m.rows + ' by ' + m.cols);
    $('legend').textContent = (m.rows === 1 ? m.cols + ' ' + m.cols_are : m.rows + ' rows (' + m.rows_are + ') by '
      + m.cols + ' columns (' + m.cols_are + ')') + '; blue negative, white 0, red positive, full colour at \u00b1'
      + scale.toPrecision(4) + '.';
    canvas.onmousemove = e => {
      const box = canvas.getBoundingClientRect();
      const j = Math.floor((e.clientX - box.left) / box.width * m.cols);
      const i = Math.floor((e.clientY - box.top) / box.height * m.rows);
      if (i >= 0 && i < m.rows && j >= 0 && j < m.cols) {
        $('hover').textContent = (m.rows === 1 ? '' : 'row ' + i + ', ') + 'column ' + j + ': ' + rows[i][j];
      }
    };
  }

  function show(index) {
    const frames = data.frames;
    at = Math.max(0, Math.min(frames.length - 1, index));
    const f = frames[at];
    $('section').textContent = f.section;
    $('number').textContent = f.number;
    $('formula').textContent = f.formula;
    $('shape').textContent = f.matrix ? '[' + (f.matrix.rows === 1 ? f.matrix.cols : f.matrix.rows + ' x ' + f.matrix.cols) + ']' : '';
    $('paper').textContent = f.paper_form ? 'The paper writes it ' + f.paper_form : '';
    const drawn = f.matrix != null && matrixOf(f.matrix) != null;
    $('figure').hidden = !drawn;
    $('hover').textContent = '';
    if (drawn) draw(f.matrix);
    const values = $('values');
    values.replaceChildren(...f.values.map(v => Object.assign(document.createElement('li'), {textContent: v})));
    $('meaning').textContent = f.meaning;
    $('note').textContent = f.note;
    $('note').hidden = !f.note;
    $('position').textContent = (at + 1) + ' of ' + frames.length;
    $('prev').disabled = at === 0;
    $('next').disabled = at === frames.length - 1;
    for (const [k, li] of [...$('outline').children].entries()) {
      if (k === at) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    }
    document.body.dataset.frame = String(at);
    if (location.protocol !== 'file:' || location.hash) history.replaceState(null, '', '#' + (at + 1));
  }

  function start(loaded) {
    data = loaded;
    document.title = 'ScratchNet: ' + data.title;
    $('title').textContent = data.title;
    $('header').replaceChildren(...data.header.map(h => Object.assign(document.createElement('li'), {textContent: h})));
    $('outline').replaceChildren(...data.frames.map((f, k) => {
      const li = document.createElement('li');
      const a = Object.assign(document.createElement('a'), {href: '#' + (k + 1), textContent: (f.number ? f.number + '  ' : '') + f.formula});
      a.onclick = e => { e.preventDefault(); show(k); };
      li.appendChild(a);
      return li;
    }));
    $('prev').onclick = () => show(at - 1);
    $('next').onclick = () => show(at + 1);
    document.addEventListener('keydown', e => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') show(at + 1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') show(at - 1);
      else if (e.key === 'Home') show(0);
      else if (e.key === 'End') show(data.frames.length - 1);
      else return;
      e.preventDefault();
    });
    const asked = parseInt(location.hash.slice(1), 10);
    show(Number.isFinite(asked) ? asked - 1 : 0);
    document.body.dataset.loaded = 'yes';
  }

  function fail(message) {
    $('status').textContent = 'Could not load the step: ' + message;
    $('status').className = 'error';
    document.body.dataset.loaded = 'error';
  }

  function load() {
    const embedded = $('step-data');  // a page written by 'scratchnet explain --html': no server
    if (embedded) {
      $('site-nav').hidden = true;
      try { start(JSON.parse(embedded.textContent)); } catch (e) { fail(e.message); }
      return;
    }
    $('status').textContent = 'Taking the step (a few seconds the first time) \u2026';
    fetch('/api/learn' + location.search)  // ?member=m: a committee's member m
      .then(r => r.json().then(body => ({ok: r.ok, body})))
      .then(({ok, body}) => {
        if (!ok) throw new Error(body.error || 'the server refused');
        $('status').textContent = '';
        start(body);
      })
      .catch(err => fail(err.message));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load); else load();
})();
