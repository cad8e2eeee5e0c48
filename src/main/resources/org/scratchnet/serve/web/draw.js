// The draw page: a canvas drawn on with pointer events (mouse, finger or pen), sent to
// POST /api/predict as a PNG while you draw; the answer's probabilities, its 28x28 input (the
// server's preprocessing, the same code as 'scratchnet predict') and hidden activations are shown,
// and, when a committee is served, each member's own answer; choosing a member draws its hidden
// layers instead of the first member's (the request asks for them with ?member=m).
// At most one request is in flight: strokes made meanwhile are sent when it returns.
'use strict';
(() => {
  const pad = document.getElementById('pad');
  const ctx = pad.getContext('2d');
  const status = document.getElementById('status');
  const prediction = document.getElementById('prediction');
  const bars = document.getElementById('bars');
  const inputView = document.getElementById('input');
  const hidden = document.getElementById('hidden');
  const committee = document.getElementById('committee');
  const members = document.getElementById('members');
  const uploaded = document.getElementById('uploaded');
  const upload = document.getElementById('upload');
  // A pen about as wide, relative to the digit, as the strokes in MNIST.
  const PEN = pad.width / 12;

  const strokes = [];  // each stroke: a list of [x, y] in canvas pixels
  let current = null;
  let inFlight = false;
  let pending = false;
  let answers = 0;  // answers shown so far (body[data-answers]), for whoever waits on the page
  let names = null;  // a committee's member names, in the order served; null for one model
  let shownMember = 1;  // whose hidden layers are drawn (1 = the first member)
  let lastUpload = null;  // the picture uploaded last, sent again when another member is chosen

  // Ten bars, 0 to 9, made once.
  for (let k = 0; k < 10; k++) {
    const li = document.createElement('li');
    li.dataset.digit = String(k);
    li.innerHTML = '<span class="digit"></span><span class="bar"><span class="fill"></span></span><span class="pct"></span>';
    li.querySelector('.digit').textContent = String(k);
    bars.appendChild(li);
  }

  function setBusy(busy) {
    document.body.dataset.busy = busy ? 'yes' : 'no';
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  function paint() {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, pad.width, pad.height);
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const s of strokes) {
      if (s.length === 1) {
        ctx.beginPath();
        ctx.arc(s[0][0], s[0][1], PEN / 2, 0, 2 * Math.PI);
        ctx.fill();
        continue;
      }
      ctx.beginPath();
      ctx.moveTo(s[0][0], s[0][1]);
      for (let i = 1; i < s.length; i++) ctx.lineTo(s[i][0], s[i][1]);
      ctx.stroke();
    }
  }

  function at(e) {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  }

  pad.addEventListener('pointerdown', e => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    pad.setPointerCapture(e.pointerId);
    uploaded.hidden = true;
    lastUpload = null;
    current = [at(e)];
    strokes.push(current);
    paint();
    ask();
  });
  pad.addEventListener('pointermove', e => {
    if (!current) return;
    const events = e.getCoalescedEvents ? e.getCoalescedEvents() : [e];
    for (const c of (events.length ? events : [e])) current.push(at(c));
    paint();
    ask();
  });
  const end = () => {
    if (!current) return;
    current = null;
    ask();
  };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);

  document.getElementById('undo').addEventListener('click', undo);
  document.getElementById('clear').addEventListener('click', () => {
    strokes.length = 0;
    uploaded.hidden = true;
    lastUpload = null;
    paint();
    ask();
  });
  document.addEventListener('keydown', e => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'z') {
      e.preventDefault();
      undo();
    }
  });

  function undo() {
    strokes.pop();
    paint();
    ask();
  }

  // Sends the canvas now, or as soon as the request in flight returns.
  function ask() {
    if (inFlight) {
      pending = true;
      return;
    }
    if (strokes.length === 0) {
      if (lastUpload) send(lastUpload.file, lastUpload.type, 'auto');
      else blank();
      return;
    }
    inFlight = true;
    setBusy(true);
    pad.toBlob(blob => send(blob, 'image/png', 'no'), 'image/png');
  }

  function send(body, type, invert) {
    inFlight = true;
    setBusy(true);
    const member = names ? '&member=' + shownMember : '';
    fetch('/api/predict?invert=' + invert + member, {method: 'POST', headers: {'Content-Type': type}, body})
      .then(r => r.json().then(answer => ({ok: r.ok, answer})))
      .then(({ok, answer}) => {
        if (ok) show(answer);
        else say(answer.error || 'the server refused the picture', true);
      })
      .catch(err => say('no answer from the server (' + err.message + '); is scratchnet serve still running?', true))
      .finally(() => {
        inFlight = false;
        document.body.dataset.answers = String(++answers);
        if (pending) {
          pending = false;
          ask();
        } else {
          setBusy(false);
        }
      });
  }

  function blank() {
    prediction.textContent = '\u2013';
    for (const li of bars.children) {
      li.classList.remove('top');
      li.querySelector('.fill').style.width = '0';
      li.querySelector('.pct').textContent = '';
      delete li.dataset.p;
    }
    inputView.getContext('2d').clearRect(0, 0, inputView.width, inputView.height);
    hidden.replaceChildren();
    members.replaceChildren();
    say('Draw one digit, large, in the middle of the black square.');
    setBusy(false);
  }

  function show(answer) {
    const p = answer.probabilities;
    prediction.textContent = String(answer.prediction);
    for (let k = 0; k < bars.children.length; k++) {
      const li = bars.children[k];
      const v = p[k] || 0;
      li.dataset.p = String(v);
      li.classList.toggle('top', k === answer.prediction);
      li.querySelector('.fill').style.width = (100 * v).toFixed(1) + '%';
      li.querySelector('.pct').textContent = (100 * v).toFixed(1) + '%';
    }
    if (answer.input) drawInput(answer.input);
    drawHidden(answer.hidden_activations || []);
    const sure = (100 * p[answer.prediction]).toFixed(1) + '% sure';
    if (answer.members) {
      drawMembers(answer.members);
      const agreeing = answer.members.filter(m => m.prediction === answer.prediction).length;
      say('The committee reads a ' + answer.prediction + ' (' + sure + '; ' + agreeing + ' of its '
        + answer.members.length + ' members say so alone).');
    } else {
      say('The network reads a ' + answer.prediction + ' (' + sure + ').');
    }
  }

  // A committee says so before its first answer: who answers, whose hidden layers are drawn.
  function announceCommittee(list) {
    names = list;
    committee.hidden = false;
    document.getElementById('answerer').textContent = 'The committee';
    document.getElementById('hidden-title').textContent = 'Hidden layers of member ' + shownMember + ', ' + names[shownMember - 1];
    document.getElementById('committee-size').textContent = String(names.length);
  }

  // A committee: each member's own answer and how sure it is of it, in the order served; each a
  // button that draws that member's hidden layers (the answer is asked for again, with ?member=m).
  function drawMembers(list) {
    announceCommittee(list.map(m => m.model));
    members.replaceChildren(...list.map((m, k) => {
      const li = document.createElement('li');
      li.dataset.digit = String(m.prediction);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'member';
      button.textContent = m.model + ': ' + m.prediction + ' (' + (100 * m.probabilities[m.prediction]).toFixed(1) + '%)';
      button.setAttribute('aria-pressed', String(k + 1 === shownMember));
      button.title = 'Draw the hidden layers of ' + m.model;
      button.addEventListener('click', () => {
        if (shownMember === k + 1) return;
        shownMember = k + 1;
        announceCommittee(names);
        document.querySelector('nav a[href^="/learn"]').href = '/learn?member=' + shownMember;  // its step, too
        ask();
      });
      li.appendChild(button);
      return li;
    }));
  }

  function drawInput(pixels) {
    const c = inputView.getContext('2d');
    const img = c.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const g = Math.round(255 * pixels[i]);
      img.data.set([g, g, g, 255], 4 * i);
    }
    c.putImageData(img, 0, 0);
  }

  // Each hidden layer as a strip of squares, 32 units a row, coloured by activation relative to
  // the layer's largest: black (0) to amber (largest) for positive values, blue for negative ones.
  function drawHidden(layers) {
    hidden.replaceChildren();
    layers.forEach((a, l) => {
      const cols = Math.min(32, a.length);
      const rows = Math.ceil(a.length / cols);
      const cell = 8;
      const name = document.createElement('p');
      name.className = 'layer-name';
      name.textContent = 'Layer ' + (l + 1) + ': ' + a.length + ' units, ' + a.filter(v => v > 0).length + ' active';
      const canvas = document.createElement('canvas');
      canvas.width = cols * cell;
      canvas.height = rows * cell;
      canvas.setAttribute('aria-label', name.textContent);
      canvas.dataset.units = String(a.length);
      const c = canvas.getContext('2d');
      const max = Math.max(1e-9, ...a.map(Math.abs));
      a.forEach((v, i) => {
        const t = Math.abs(v) / max;
        c.fillStyle = v >= 0
          ? 'rgb(' + Math.round(255 * t) + ',' + Math.round(180 * t) + ',' + Math.round(40 * t) + ')'
          : 'rgb(' + Math.round(40 * t) + ',' + Math.round(110 * t) + ',' + Math.round(230 * t) + ')';
        c.fillRect((i % cols) * cell, Math.floor(i / cols) * cell, cell - 1, cell - 1);
      });
      hidden.append(name, canvas);
    });
  }

  upload.addEventListener('change', () => {
    const file = upload.files[0];
    if (!file) return;
    strokes.length = 0;
    paint();
    uploaded.src = URL.createObjectURL(file);
    uploaded.hidden = false;
    say('Reading ' + file.name + ' ...');
    // The server decides the polarity from the picture, as 'scratchnet predict' does.
    lastUpload = {file, type: file.type || 'application/octet-stream'};
    send(lastUpload.file, lastUpload.type, 'auto');
    upload.value = '';
  });

  paint();
  blank();
  fetch('/api/model').then(r => r.ok ? r.json() : null).then(card => {
    if (card && card.members) announceCommittee(card.members.map(m => m.model));
  }).catch(() => {});  // the page works without it: the first answer says the same
})();
