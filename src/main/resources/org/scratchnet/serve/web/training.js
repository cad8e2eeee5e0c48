// The live training dashboard of 'scratchnet train --dashboard': follows the run's server-sent
// events (GET /api/training/events: first the history so far, then each event), draws the curves,
// the first layer's weights, the per-layer statistics and the confusion matrix, and sends the
// controls (POST /api/training/control: pause, resume, a new learning rate).
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const count = v => Number(v).toLocaleString('en');
  const num = (v, digits) => v == null ? 'n/a' : Number(v).toPrecision(digits);
  const pct = v => v == null ? 'n/a' : (100 * v).toFixed(1) + '%';
  let run = null;       // everything known about the run, rebuilt from each "history" event
  let drawPending = false;

  function fresh() {
    return {started: null, points: {step: [], loss: [], accuracy: [], learning_rate: []}, records: [], changes: [],
      state: 'running', step: 0};
  }

  function duration(seconds) {
    if (seconds == null) return 'n/a';
    const s = Math.round(seconds);
    return s >= 3600 ? Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60) + ' min'
      : s >= 60 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s' : s + ' s';
  }

  function setState(state) {
    run.state = state;
    document.body.dataset.state = state;
    $('state').textContent = state;
    const over = state === 'finished';
    $('pause').disabled = over;
    $('set-rate').disabled = over;
    $('pause').textContent = state === 'paused' ? 'Resume' : 'Pause';
  }

  function setStep(step, loss) {
    if (step == null) return;
    run.step = Math.max(run.step, step);
    document.body.dataset.step = run.step;
    $('step').textContent = count(run.step) + (run.started ? ' of ' + count(run.started.total_steps) : '');
    if (loss != null) $('loss').textContent = num(loss, 4);
  }

  function started(e) {
    run.started = e;
    $('title').textContent = 'Training ' + e.title;
    document.title = 'ScratchNet: training ' + e.title;
    $('stats-note').textContent = 'Activations on ' + count(e.probe_examples) + ' fixed '
      + (e.validation_examples > 0 ? 'validation' : 'training') + ' images (dropout off), gradients and update of the latest sampled update.';
    if (!e.image_side) $('weights-note').textContent = 'Drawn for networks of 784 inputs (28x28 images) only.';
    if (!e.validation_examples) $('confusion-note').textContent = 'This run has no validation set.';
  }

  function progress(e) {
    const p = run.points;
    p.step.push(e.step); p.loss.push(e.loss); p.accuracy.push(e.accuracy); p.learning_rate.push(e.learning_rate);
    $('epoch').textContent = e.epoch;
    $('rate').textContent = num(e.learning_rate, 4);
    $('speed').textContent = e.samples_per_second == null ? 'n/a' : count(Math.round(e.samples_per_second));
    $('eta').textContent = duration(e.eta_seconds);
  }

  function stats(e) {
    const body = $('stats').querySelector('tbody');
    body.textContent = '';
    for (const l of e.layers) {
      const tr = document.createElement('tr');
      const cells = [l.layer + ' (' + l.activation + ')',
        l.activation_mean == null ? '\u2013' : num(l.activation_mean, 3) + ' \u00b1 ' + num(l.activation_std, 3),
        l.dead_fraction == null ? '\u2013' : pct(l.dead_fraction), num(l.gradient_norm, 3), num(l.update_ratio, 2)];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i > 0) td.className = 'number';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
    $('stats').dataset.step = e.step;
  }

  // Each unit's 784 weights arrive as signed bytes (-127..127, scaled by its largest magnitude): blue, white, red.
  function weights(e) {
    const bytes = Uint8Array.from(atob(e.data), c => c.charCodeAt(0));
    const side = e.side, cols = Math.min(16, e.shown), rows = Math.ceil(e.shown / cols), gap = 1;
    const canvas = $('weights');
    canvas.width = cols * (side + gap) - gap;
    canvas.height = rows * (side + gap) - gap;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(canvas.width, canvas.height);
    image.data.fill(255);
    for (let u = 0; u < e.shown; u++) {
      const ox = (u % cols) * (side + gap), oy = Math.floor(u / cols) * (side + gap);
      for (let k = 0; k < side * side; k++) {
        const b = bytes[u * side * side + k];
        const t = (b > 127 ? b - 256 : b) / 127;
        const fade = Math.round(255 * (1 - Math.abs(t)));
        const p = 4 * ((oy + Math.floor(k / side)) * canvas.width + ox + k % side);
        image.data[p] = t >= 0 ? 255 : fade; image.data[p + 1] = fade; image.data[p + 2] = t >= 0 ? fade : 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    canvas.dataset.step = e.step;
    $('weights-note').textContent = 'The first ' + e.shown + ' of ' + e.units + ' hidden units, at update ' + count(e.step)
      + ': red where ink raises the unit\u2019s input, blue where it lowers it (each image scaled by its largest weight).';
  }

  function confusion(e) {
    const body = $('confusion').querySelector('tbody');
    body.textContent = '';
    const m = e.matrix;
    const head = document.createElement('tr');
    head.appendChild(document.createElement('th'));
    m.forEach((_, j) => head.appendChild(Object.assign(document.createElement('th'), {scope: 'col', textContent: j})));
    body.appendChild(head);
    m.forEach((row, i) => {
      const tr = document.createElement('tr');
      tr.appendChild(Object.assign(document.createElement('th'), {scope: 'row', textContent: i}));
      const total = row.reduce((a, b) => a + b, 0) || 1;
      row.forEach((v, j) => {
        const td = document.createElement('td');
        td.textContent = v;
        const share = v / total;
        td.style.background = i === j ? 'rgba(11, 92, 173, ' + (0.15 + 0.6 * share).toFixed(3) + ')'
          : v > 0 ? 'rgba(164, 22, 26, ' + Math.min(0.7, 0.1 + 3 * share).toFixed(3) + ')' : '';
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    $('confusion-note').textContent = 'After epoch ' + e.epoch + ' (update ' + count(e.step) + '): validation accuracy '
      + pct(e.accuracy) + '. Rows: the true digit; columns: the predicted one.';
  }

  function change(e) {
    run.changes.push(e);
    const li = document.createElement('li');
    li.textContent = 'From update ' + count(e.step) + ': ' + num(e.learning_rate, 4) + (e.scale === null
      ? ' (held: the schedule\u2019s rate was 0)'
      : ' (' + num(e.scale, 4) + ' \u00d7 the schedule\u2019s ' + num(e.scheduled, 4) + ')');
    $('changes').appendChild(li);
  }

  function draw() {
    drawPending = false;
    const p = run.points;
    const rec = run.records;
    ScratchCharts.training({loss: $('loss-chart'), accuracy: $('accuracy-chart'), rate: $('rate-chart')}, {
      train: {x: p.step, loss: p.loss, accuracy: p.accuracy},
      validation: {x: rec.map(r => r.step), loss: rec.map(r => r.validation_loss), accuracy: rec.map(r => r.validation_accuracy)},
      rate: {x: p.step, y: p.learning_rate},
      changes: run.changes.map(c => c.step)
    });
  }

  function redraw() {
    if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(draw);
    }
  }

  function history(h) {
    run = fresh();
    $('changes').textContent = '';
    if (h.started) started(h.started);
    const p = h.points;
    run.points = {step: p.step, loss: p.loss, accuracy: p.accuracy, learning_rate: p.learning_rate};
    if (p.step.length) {
      const last = p.step.length - 1;
      progress({step: p.step[last], loss: p.loss[last], accuracy: p.accuracy[last], learning_rate: p.learning_rate[last],
        epoch: '\u2013', samples_per_second: null, eta_seconds: null});
      for (const k of Object.keys(run.points)) run.points[k].pop();  // progress() pushed the last point again
    }
    run.records = h.records;
    h.rate_changes.forEach(change);
    if (h.stats) stats(h.stats);
    if (h.weights) weights(h.weights);
    if (h.confusion) confusion(h.confusion);
    setState(h.state ? (h.state.type === 'paused' ? 'paused' : h.state.type === 'finished' ? 'finished' : 'running') : 'running');
    if (h.state && h.state.type === 'finished') ended(h.state);
    setStep(h.step, h.loss);
    document.body.dataset.loaded = 'yes';
    if (run.state !== 'finished') status('Following the run live.', false);
    redraw();
  }

  function ended(e) {
    setState('finished');
    status('The run has ended: ' + e.outcome + (e.model ? ' (' + e.model + ')' : e.checkpoint ? ' (' + e.checkpoint + ')' : '') + '.', false);
  }

  function status(text, error) {
    $('status').textContent = text;
    $('status').className = error ? 'error' : '';
  }

  function handle(e) {
    if (e.type === 'history') return history(e);
    if (!run) return;
    switch (e.type) {
      case 'started': started(e); break;
      case 'progress': progress(e); redraw(); break;
      case 'record': run.records.push(e); redraw(); break;
      case 'stats': stats(e); break;
      case 'weights': weights(e); break;
      case 'confusion': confusion(e); break;
      case 'rate': change(e); redraw(); break;
      case 'paused': setState('paused'); break;
      case 'resumed': setState('running'); break;
      case 'finished': ended(e); source.close(); break;
    }
    setStep(e.step, e.loss);
  }

  async function control(body) {
    try {
      const r = await fetch('/api/training/control', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body)});
      const answer = await r.json();
      if (!r.ok) throw new Error(answer.error || 'the server refused');
      return answer;
    } catch (err) {
      status('Not done: ' + err.message, true);
      return null;
    }
  }

  $('pause').addEventListener('click', async () => {
    const answer = await control({paused: run.state !== 'paused'});
    if (answer) status(answer.paused ? 'Pausing after the update in progress\u2026' : 'Going on.', false);
  });

  $('rate-form').addEventListener('submit', async event => {
    event.preventDefault();
    const text = $('new-rate').value.trim();
    const value = Number(text);
    // Sent as typed when it is a number, so that the server's check (range, NaN) is the one that decides.
    const answer = await control({learning_rate: text !== '' && Number.isFinite(value) ? value : text});
    if (answer) status('Learning rate ' + answer.learning_rate + ' from the next update on.', false);
  });

  const source = new EventSource('/api/training/events');
  source.onmessage = m => handle(JSON.parse(m.data));
  source.onerror = () => {
    if (!run || run.state !== 'finished') status('Lost the connection to the run; trying again\u2026', true);
  };
  window.addEventListener('resize', () => run && redraw());
})();
