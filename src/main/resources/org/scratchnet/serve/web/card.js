// The model card page: fills its tables from GET /api/model and shows the figures the server
// draws for this model (made on the first request and kept).
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const pct = v => v == null ? 'n/a' : (100 * v).toFixed(2) + '%';
  const num = (v, digits) => v == null ? 'n/a' : Number(v).toFixed(digits);
  const count = v => Number(v).toLocaleString('en');

  function row(table, cells, numeric) {
    const tr = document.createElement('tr');
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = String(text);
      if (numeric && numeric.includes(i)) td.className = 'number';
      tr.appendChild(td);
    });
    table.querySelector('tbody').appendChild(tr);
  }

  // A committee: what its members are, in place of one network's layers, and each member's own test figures.
  function committee(card) {
    $('arch-title').textContent = 'Members';
    $('summary').textContent = 'A committee of ' + card.members.length + ' models, ' + count(card.parameters)
      + ' parameters in all: ' + card.committee + '.';
    const table = $('layers');
    table.querySelector('caption').textContent = 'Members, each measured alone on the same test set';
    const head = table.querySelector('thead tr');
    head.replaceChildren(...['member', 'network', 'parameters', 'accuracy', 'loss'].map(text =>
      Object.assign(document.createElement('th'), {scope: 'col', textContent: text})));
    table.id = 'members';
    for (const x of card.members) {
      row(table, [x.model, x.architecture.layers + ' (' + x.architecture.activations + ')', count(x.parameters),
        pct(x.test_accuracy), num(x.test_loss, 4)], [2, 3, 4]);
    }
  }

  fetch('/api/model')
    .then(r => r.json().then(card => ({ok: r.ok, card})))
    .then(({ok, card}) => {
      if (!ok) throw new Error(card.error || 'the server refused');
      document.title = 'ScratchNet: model card of ' + card.model;
      $('name').textContent = card.model;
      if (card.members) committee(card);
      else {
        const a = card.architecture;
        $('summary').textContent = a.layers + ' (' + a.activations + '), ' + count(card.parameters) + ' parameters'
          + (a.dropout.split(',').some(r => Number(r) > 0) ? ', dropout ' + a.dropout + ' during training' : '')
          + (a.input_dropout > 0 ? ', input dropout ' + a.input_dropout + ' during training' : '');
        for (const l of a.per_layer) {
          row($('layers'), [l.layer, l.inputs + ' \u2192 ' + l.outputs, l.activation, l.dropout || '', count(l.parameters)], [4]);
        }
      }
      const t = card.test;
      const m = card.recorded_metrics || {};
      row($('metrics'), ['accuracy on ' + t.data, pct(t.accuracy)]);
      row($('metrics'), ['loss (cross-entropy) on it', num(t.loss, 4)]);
      row($('metrics'), ['macro F1 on it', num(t.macro_f1, 4)]);
      if (card.agreement) {
        const g = card.agreement;
        row($('metrics'), ['examples every member gets right', count(g.all_right.examples)]);
        row($('metrics'), ['examples the members split on (the committee wrong on)',
          count(g.split.examples) + ' (' + count(g.split.committee_wrong) + ')']);
        row($('metrics'), ['examples every member gets wrong (the committee wrong on)',
          count(g.all_wrong.examples) + ' (' + count(g.all_wrong.committee_wrong) + ')']);
        if (g.mean_shared_errors != null) row($('metrics'), ["share of a member's errors another makes too", pct(g.mean_shared_errors)]);
      }
      if ('test_accuracy' in m) row($('metrics'), ['test accuracy recorded at training', pct(m.test_accuracy)]);
      if ('train_accuracy' in m) row($('metrics'), ['training accuracy recorded at training', pct(m.train_accuracy)]);
      if ('training_seconds' in m) row($('metrics'), ['training time', num(m.training_seconds, 1) + ' s']);
      for (const c of t.per_class) {
        row($('per-class'), [c['class'], num(c.precision, 4), num(c.recall, 4), num(c.f1, 4), count(c.support)], [1, 2, 3, 4]);
      }
      const figures = {confusion: card.figures.confusion_matrix, misclassified: card.figures.misclassified,
        weights: card.figures.first_layer_weights};
      for (const [id, url] of Object.entries(figures)) {
        if (url) $(id).src = url;
        else $(id).replaceWith(Object.assign(document.createElement('p'), {textContent: 'None for this model.'}));
      }
      // A committee's provenance is its members' (their files' own records); the input is the same for all.
      const provenance = card.members ? {members: card.members.map(x => x.model).join(', '), input: card.preprocessing}
        : Object.assign({}, card.provenance, {format_version: card.format_version, input: card.preprocessing});
      for (const [k, v] of Object.entries(provenance)) if (v != null) row($('provenance'), [k.replace(/_/g, ' '), v]);
      if (card.history) {
        const link = Object.assign(document.createElement('a'), {href: card.history, id: 'history-link', textContent: 'Training history'});
        document.querySelector('header nav').append(' ', link);
        $('summary').append(' ', Object.assign(document.createElement('a'), {href: card.history, textContent: card.members ? "(the first member's training curves)" : '(its training curves)'}));
      }
      document.body.dataset.loaded = 'yes';
    })
    .catch(err => {
      $('status').textContent = 'Could not load the model card: ' + err.message;
      $('status').className = 'error';
      document.body.dataset.loaded = 'error';
    });
})();
