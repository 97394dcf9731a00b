// Second login step: the security code (SMS or authenticator app), or a backup code.

import { post } from './api.js';
import { appendContact, link, onSubmit, requireFilled, say, showError } from './ui.js';

const pending = JSON.parse(sessionStorage.getItem('vp_login') || '{}');
const errorRegion = document.getElementById('code-error');
const statusRegion = document.getElementById('code-status');
const codeForm = document.getElementById('code-form');
const backupForm = document.getElementById('backup-form');
const useBackup = document.getElementById('use-backup');
const resend = document.getElementById('resend');

function describeDelivery(method, phoneHint) {
  const intro = document.getElementById('code-intro');
  if (method === 'totp') {
    intro.textContent = 'Open uw authenticatie-app en voer de code van 6 cijfers in die de app bij Verzuimportaal toont.';
    resend.hidden = true;
    document.getElementById('resend-text').hidden = true;
  } else if (phoneHint) {
    intro.textContent = `We hebben een SMS gestuurd naar uw mobiele nummer ${phoneHint} met een beveiligingscode `
      + 'van 6 tekens: kleine letters en cijfers. De code is 5 minuten geldig.';
  }
}

/** Codes have no capitals or spaces; forgive both when typed or pasted. */
const normalise = (value) => value.replace(/\s+/g, '').toLowerCase();

function signedIn({ user }) {
  sessionStorage.removeItem('vp_login');
  window.location.assign(user.role === 'secretariaat' ? '/admin.html' : '/home.html');
}

async function showFailure(error, form) {
  showError(errorRegion, error, form);
  if (error.status === 410) {
    const again = document.createElement('p');
    again.append(link('/', 'Opnieuw inloggen'));
    errorRegion.append(again);
  } else if (error.status === 423) {
    await appendContact(errorRegion);
  }
}

async function submitCode(form, path) {
  say(statusRegion, '');
  say(errorRegion, '');
  const input = form.elements.namedItem('code');
  if (!requireFilled(errorRegion, [[input, 'Vul de code in.']])) {
    return;
  }
  try {
    signedIn(await post(path, { code: normalise(input.value) }));
  } catch (error) {
    await showFailure(error, form);
    input.select();
  }
}

describeDelivery(pending.method, pending.phone_hint);
onSubmit(codeForm, () => submitCode(codeForm, '/api/auth/code'));
onSubmit(backupForm, () => submitCode(backupForm, '/api/auth/backup-code'));

useBackup.addEventListener('click', () => {
  backupForm.hidden = false;
  useBackup.setAttribute('aria-expanded', 'true');
  backupForm.elements.namedItem('code').focus();
});

resend.addEventListener('click', async () => {
  say(statusRegion, '');
  say(errorRegion, '');
  try {
    const answer = await post('/api/auth/code/resend');
    describeDelivery(answer.method, answer.phone_hint);
    say(statusRegion, 'Er is een nieuwe SMS met een beveiligingscode verstuurd.');
    document.getElementById('code').focus();
  } catch (error) {
    await showFailure(error);
  }
});
