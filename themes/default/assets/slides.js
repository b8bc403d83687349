// Slide decks (trainer/slides/): presents the deck one slide at a time, filling the screen.
// Keys: the arrow keys, Page Up, Page Down and Space (Shift+Space back) move between slides,
// Home and End go to the first and the last, N shows or hides the speaker notes. The counter
// ("3 / 12") is a live region that says each slide's name; the address keeps the place
// (#slide-3), so a reload stays on the slide. Without this script the deck is one long page.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const deck = document.querySelector('[data-deck]');
  const slides = deck ? Array.from(deck.querySelectorAll('[data-slide]')) : [];
  if (!slides.length) return;
  const root = document.documentElement;
  const controls = deck.querySelector('[data-deck-controls]');
  const counter = deck.querySelector('[data-deck-counter]');
  const notesButton = deck.querySelector('[data-deck-notes]');
  const keys = deck.querySelector('[data-deck-keys]');
  const total = slides.length;
  const rtl = getComputedStyle(root).direction === 'rtl';
  let current = -1;

  const fromHash = () => {
    const match = /^#slide-(\d+)$/.exec(window.location.hash);
    const n = match ? Number(match[1]) : 0;
    return n >= 1 && n <= total ? n - 1 : null;
  };

  const show = (index, focus) => {
    const next = Math.max(0, Math.min(total - 1, index));
    if (next === current) return;
    current = next;
    slides.forEach((slide, i) => slide.classList.toggle('is-current', i === current));
    const slide = slides[current];
    const seen = document.createElement('span');
    seen.setAttribute('aria-hidden', 'true');
    seen.textContent = `${current + 1} / ${total}`;
    const said = document.createElement('span');
    said.className = 'visually-hidden';
    said.textContent = slide.getAttribute('aria-label') || '';
    counter.replaceChildren(seen, said);
    try {
      window.history.replaceState(null, '', `#slide-${current + 1}`);
    } catch (e) {
      // Some browsers refuse to change a file:// address; the slide still changes.
    }
    if (focus) slide.focus({ preventScroll: true });
  };

  const setNotes = (on) => {
    root.classList.toggle('deck-notes', on);
    notesButton.setAttribute('aria-pressed', String(on));
  };

  root.classList.add('deck-present');
  controls.hidden = false;
  if (keys) keys.hidden = false;
  show(fromHash() ?? 0, false);

  deck.querySelector('[data-deck-prev]').addEventListener('click', () => show(current - 1, false));
  deck.querySelector('[data-deck-next]').addEventListener('click', () => show(current + 1, false));
  notesButton.addEventListener('click', () => setNotes(!root.classList.contains('deck-notes')));
  window.addEventListener('hashchange', () => {
    const index = fromHash();
    if (index !== null) show(index, true);
  });

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest('input, textarea, select, [contenteditable]')) return;
    const onControl = Boolean(target && target.closest('a, button, summary'));
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let index;
    switch (event.key) {
      case forward: case 'ArrowDown': case 'PageDown': index = current + 1; break;
      case back: case 'ArrowUp': case 'PageUp': index = current - 1; break;
      case ' ':
        // Space on a button or link presses it.
        if (onControl) return;
        index = event.shiftKey ? current - 1 : current + 1;
        break;
      case 'Home': index = 0; break;
      case 'End': index = total - 1; break;
      case 'n': case 'N':
        event.preventDefault();
        setNotes(!root.classList.contains('deck-notes'));
        return;
      default: return;
    }
    event.preventDefault();
    show(index, !onControl);
  });
});
