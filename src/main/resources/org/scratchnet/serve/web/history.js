// The history of a finished run (serve's /history): the rows of the model's history CSV from
// GET /api/history, drawn with the live dashboard's charts. Train figures are each row's mean over
// the updates since the row before; validation figures are a pass over the validation set.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  fetch('/api/history')
    .then(r => r.json().then(h => ({ok: r.ok, h})))
    .then(({ok, h}) => {
      if (!ok) throw new Error(h.error || 'the server refused');
      $('title').textContent = 'Training history of ' + h.model;
      document.title = 'ScratchNet: training history of ' + h.model;
      const rows = h.rows.filter(r => r.iteration > 0);
      const last = rows[rows.length - 1];
      $('summary').textContent = rows.length + ' rows from ' + h.file + (last ? ': ' + last.iteration.toLocaleString('en')
        + ' updates, ' + last.epoch + ' epochs, ' + last.seconds.toFixed(1) + ' s of training' : '') + '.';
      const x = rows.map(r => r.iteration);
      ScratchCharts.training({loss: $('loss-chart'), accuracy: $('accuracy-chart'), rate: $('rate-chart')}, {
        train: {x, loss: rows.map(r => r.train_loss), accuracy: rows.map(r => r.train_accuracy)},
        validation: {x, loss: rows.map(r => r.validation_loss), accuracy: rows.map(r => r.validation_accuracy)},
        rate: {x, y: rows.map(r => r.learning_rate)},
        // Rate changes made from the dashboard, from the model's provenance ("update 120: 0.001 (...)"): marked on the charts.
        changes: [...String(h.learning_rate_changes || '').matchAll(/update (\d+):/g)].map(m => Number(m[1]))
      });
      if (h.learning_rate_changes) $('changes').textContent = 'Changed while it trained: ' + h.learning_rate_changes;
      document.body.dataset.loaded = 'yes';
    })
    .catch(err => {
      $('status').textContent = 'Could not load the history: ' + err.message;
      $('status').className = 'error';
      document.body.dataset.loaded = 'error';
    });
})();
