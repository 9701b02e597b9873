// The grounding timer: optional, and only a timer. Without it the
// exercise page is a numbered list to follow at your own pace, with a
// breathing shape that CSS animates. With it the current step is marked,
// its seconds count down, a bar shows how far through you are, the steps
// move on by themselves (pause or skip whenever you like), and the form
// learns how long the exercise took.
//
// Every word shown comes from the page (data-* attributes), and nothing
// here animates: the shape's motion is CSS, started by `data-phase` and
// switched off entirely by prefers-reduced-motion.
(() => {
  'use strict';
  const form = document.getElementById('exercise');
  const panel = document.getElementById('now');
  if (!form || !panel) return;
  const steps = [...form.querySelectorAll('#script > li')].map((li) => ({
    li,
    cue: li.dataset.cue,
    ms: Math.max(0, Number(li.dataset.seconds) || 0) * 1000,
    words: (li.querySelector('.step-words') || li).textContent.trim(),
  }));
  if (steps.length === 0) return;

  const say = document.getElementById('now-words');
  const left = document.getElementById('now-left');
  const bar = document.getElementById('now-progress');
  const start = document.getElementById('now-start');
  const pause = document.getElementById('now-pause');
  const next = document.getElementById('now-next');
  const duration = document.getElementById('duration-s');
  const breath = document.getElementById('breath');
  const words = form.dataset;
  const PHASE = { inhale: 'in', hold: 'hold', exhale: 'out', notice: 'rest' };
  // Where each step starts, in ms of the whole script.
  const offsets = [];
  steps.reduce((at, s) => { offsets.push(at); return at + s.ms; }, 0);
  const total = steps.reduce((sum, s) => sum + s.ms, 0);

  let state = 'ready'; // ready, running, paused, done
  let index = 0;
  let active = 0; // ms spent running this time, pauses left out
  let earlier = 0; // ms from earlier times through (after "Start again")
  let stepStart = 0; // `active` when the current step began
  let last = 0; // Date.now() at the last tick
  let timer = 0;

  function mark(current) {
    steps.forEach((s, n) => {
      s.li.classList.toggle('is-current', n === current);
      s.li.classList.toggle('is-past', current >= 0 && n < current);
      if (n === current) s.li.setAttribute('aria-current', 'step');
      else s.li.removeAttribute('aria-current');
    });
  }

  function setPhase(phase) {
    if (breath) breath.dataset.phase = phase;
  }

  function show() {
    const step = steps[index];
    mark(index);
    say.textContent = step.words;
    setPhase(PHASE[step.cue] || 'rest');
  }

  function draw() {
    const step = steps[index];
    const into = Math.min(step.ms, active - stepStart);
    left.textContent = String(Math.max(0, Math.ceil((step.ms - into) / 1000)));
    // Whole seconds: the bar steps, it never glides.
    bar.value = Math.floor((offsets[index] + into) / 1000);
    spent();
  }

  /** Tells the form how long it took, all times through together. */
  function spent() {
    duration.value = String(Math.round((earlier + active) / 1000));
  }

  function finish() {
    state = 'done';
    clearInterval(timer);
    mark(-1);
    setPhase('rest');
    breath?.classList.remove('paused');
    say.textContent = words.finished;
    left.textContent = '0';
    bar.value = Math.floor(total / 1000);
    spent();
    const hadFocus = document.activeElement === pause || document.activeElement === next;
    pause.hidden = true;
    next.hidden = true;
    start.textContent = words.again;
    start.hidden = false;
    if (hadFocus) start.focus();
  }

  function advance() {
    if (index + 1 >= steps.length) {
      finish();
    } else {
      index += 1;
      show();
    }
  }

  function tick() {
    const now = Date.now();
    if (state === 'running') active += Math.max(0, now - last);
    last = now;
    while (state === 'running' && active - stepStart >= steps[index].ms) {
      stepStart += steps[index].ms;
      advance();
    }
    if (state === 'running' || state === 'paused') draw();
  }

  start.addEventListener('click', () => {
    earlier += active;
    state = 'running';
    index = 0;
    active = 0;
    stepStart = 0;
    last = Date.now();
    breath?.classList.add('timed');
    breath?.classList.remove('paused');
    start.hidden = true;
    pause.textContent = words.pause;
    pause.hidden = false;
    next.hidden = false;
    next.disabled = false;
    pause.focus();
    show();
    draw();
    clearInterval(timer);
    timer = setInterval(tick, 250);
  });

  pause.addEventListener('click', () => {
    tick();
    if (state === 'running') {
      state = 'paused';
      pause.textContent = words.resume;
      say.textContent = words.paused;
      breath?.classList.add('paused');
      next.disabled = true;
    } else if (state === 'paused') {
      state = 'running';
      last = Date.now();
      pause.textContent = words.pause;
      say.textContent = steps[index].words;
      breath?.classList.remove('paused');
      next.disabled = false;
    }
  });

  next.addEventListener('click', () => {
    tick();
    if (state !== 'running') return;
    stepStart = active;
    advance();
    if (state === 'running') draw();
  });

  panel.hidden = false;
})();
