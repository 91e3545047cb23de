// Progressive enhancement of the staff signal form (/signalen/nieuw); the form works without it.
// - Choosing "acute" shows the 112 guidance at once (the server shows it too, on every save).
// - The draft is saved on the server every 20 seconds while something changed, and when a field
//   is left: a POST of the whole form (with its CSRF field) to the form's data-autosave URL. The
//   first save of a new form creates the draft; the form then posts to that draft.
// Nothing is kept in the browser: no local storage, no personal data in URLs.
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const guidance = document.getElementById('noodhulp');
  const status = document.getElementById('autosave-status');
  let changed = false;
  let saving = null;  // the save in flight, if any

  const showGuidance = () => {
    const chosen = form.querySelector('input[name="urgentie"]:checked');
    if (guidance) guidance.hidden = !(chosen && chosen.value === guidance.dataset.urgency);
  };

  const save = () => {
    if (!changed || saving) return;
    changed = false;
    saving = send().finally(() => { saving = null; });
  };

  const send = async () => {
    const body = new URLSearchParams(new FormData(form));
    body.delete('actie');
    body.set('concept', form.dataset.draft || '');
    try {
      const response = await fetch(form.dataset.autosave, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      const answer = await response.json();
      if (response.ok && answer.id) {
        form.dataset.draft = answer.id;
        form.action = answer.action;
        status.textContent = `${status.dataset.saved} ${new Date().toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' })}`;
      } else if (!response.ok) {
        status.textContent = status.dataset.failed;
      }  // else: not valid yet while typing; the buttons show what is wrong
    } catch {
      status.textContent = status.dataset.failed;
      changed = true;
    }
  };

  form.addEventListener('input', () => { changed = true; });
  form.addEventListener('change', (event) => {
    changed = true;
    if (event.target.name === 'urgentie') showGuidance();
    save();
  });
  // A button pressed while a save is in flight waits for it, so the form posts to the draft that
  // save created rather than making a second one.
  form.addEventListener('submit', (event) => {
    if (!saving) return;
    event.preventDefault();
    const button = event.submitter;
    saving.then(() => form.requestSubmit(button));
  });
  setInterval(save, 20000);
  showGuidance();
})();
