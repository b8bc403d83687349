// The page's layout, loaded before the page is drawn: marks the page as having JavaScript, so
// that on a phone the site menu and the support contacts fold behind one button each without a
// flash; then makes those buttons open and close what they control. Without JavaScript the
// menu and the contacts simply stay open.
'use strict';
document.documentElement.classList.add('js');
document.addEventListener('DOMContentLoaded', () => {
  const toggles = Array.from(document.querySelectorAll('button[data-toggle][aria-controls]'));
  const set = (button, open) => {
    const target = document.getElementById(button.getAttribute('aria-controls'));
    if (!target) return;
    button.setAttribute('aria-expanded', String(open));
    target.classList.toggle('is-open', open);
  };
  for (const button of toggles) {
    button.addEventListener('click', () => set(button, button.getAttribute('aria-expanded') !== 'true'));
  }
  // Escape closes what is open and puts the focus back on its button.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const button of toggles) {
      const target = document.getElementById(button.getAttribute('aria-controls'));
      if (button.getAttribute('aria-expanded') === 'true' && target && target.contains(document.activeElement)) {
        set(button, false);
        button.focus();
      }
    }
  });
});
