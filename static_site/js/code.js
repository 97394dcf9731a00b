// Second login step: the passkey, the security code (SMS or authenticator app), or a backup code; and "Deze
// browser 30 dagen vertrouwen" with whichever of them.

import { post } from './api.js';
import { isBrowserRefusal, passkeyProblem, passkeysSupported, usePasskey } from './passkey.js';
import { BACKUP_LOGIN_KEY, appendContact, link, onClick, onSubmit, requireFilled, say, showError } from './ui.js';

const pending = JSON.parse(sessionStorage.getItem('vp_login') || '{}');
const errorRegion = document.getElementById('code-error');
const statusRegion = document.getElementById('code-status');
const codeForm = document.getElementById('code-form');
const codeInput = document.getElementById('code');
const backupForm = document.getElementById('backup-form');
const useBackup = document.getElementById('use-backup');
const resend = document.getElementById('resend');
const trust = document.getElementById('trust-browser');
const passkeyStep = document.getElementById('passkey-step');

/** Says where the code comes from: the authenticator app, or an SMS (also after "SMS opnieuw versturen"). */
function describeDelivery(method, phoneHint) {
  const intro = document.getElementById('code-intro');
  const resendText = document.getElementById('resend-text');
  passkeyStep.hidden = !(method === 'passkey' && passkeysSupported());
  if (method === 'passkey') {
    document.getElementById('code-title').textContent = 'Bevestig dat u het bent';
    intro.textContent = passkeysSupported()
      ? 'Bevestig met uw passkey: uw computer, telefoon of beveiligingssleutel vraagt om uw vingerafdruk, gezicht '
        + 'of pincode.'
      : 'Deze browser kan geen passkey gebruiken. Vul de code uit uw authenticatie-app in, of laat een code per SMS '
        + 'versturen via “Inloggen mislukt”.';
    resendText.textContent = 'Passkey niet bij de hand? Laat een SMS met een beveiligingscode naar uw mobiele nummer '
      + 'versturen en vul die code hierboven in.';
    resend.textContent = 'SMS versturen';
    return;
  }
  resend.textContent = 'SMS opnieuw versturen';
  if (method === 'totp') {
    intro.textContent = 'Open uw authenticatie-app en voer de code van 6 cijfers in die de app bij Verzuimportaal toont.';
    resendText.textContent = 'Authenticatie-app niet bij de hand? Laat een SMS met een beveiligingscode naar uw '
      + 'mobiele nummer versturen en vul die code hierboven in.';
    codeInput.inputMode = 'numeric';
    return;
  }
  codeInput.inputMode = 'text';
  resendText.textContent = 'Geen SMS ontvangen? Laat een nieuwe code versturen; de vorige code werkt dan niet meer.';
  if (phoneHint) {
    intro.textContent = `We hebben een SMS gestuurd naar uw mobiele nummer ${phoneHint} met een beveiligingscode `
      + 'van 6 tekens: kleine letters en cijfers. De code is 5 minuten geldig.';
  }
}

/** Codes have no capitals or spaces; forgive both when typed or pasted. */
const normalise = (value) => value.replace(/\s+/g, '').toLowerCase();

function signedIn({ user }, withBackupCode) {
  sessionStorage.removeItem('vp_login');
  if (withBackupCode) {
    // Home then offers new back-up codes.
    sessionStorage.setItem(BACKUP_LOGIN_KEY, '1');
    window.location.assign('/home.html');
  } else {
    sessionStorage.removeItem(BACKUP_LOGIN_KEY);
    window.location.assign(user.role === 'secretariaat' ? '/admin.html' : '/home.html');
  }
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
    signedIn(await post(path, { code: normalise(input.value), trust_browser: trust.checked }), form === backupForm);
  } catch (error) {
    await showFailure(error, form);
    input.select();
  }
}

describeDelivery(pending.method, pending.phone_hint);
if (pending.notice) {
  // No SMS was sent (too many in a short time, or a number abroad): say so, and offer the backup code at once.
  say(errorRegion, pending.notice);
  document.getElementById('trouble').open = true;
  backupForm.hidden = false;
  useBackup.setAttribute('aria-expanded', 'true');
}
onSubmit(codeForm, () => submitCode(codeForm, '/api/auth/code'));
onSubmit(backupForm, () => submitCode(backupForm, '/api/auth/backup-code'));

onClick(document.getElementById('use-passkey'), async (event) => {
  say(statusRegion, '');
  say(errorRegion, '');
  const button = event.currentTarget;
  button.disabled = true;
  try {
    // A fresh challenge for each try: a challenge is single use, and the page may have been reloaded.
    const { options } = await post('/api/auth/passkey/options');
    const assertion = await usePasskey(options);
    signedIn(await post('/api/auth/passkey', { ...assertion, trust_browser: trust.checked }), false);
  } catch (error) {
    if (isBrowserRefusal(error)) {
      say(errorRegion, passkeyProblem(error));
    } else {
      await showFailure(error);
    }
  } finally {
    button.disabled = false;
  }
});

if (!passkeyStep.hidden) {
  document.getElementById('use-passkey').focus(); // offered first
}

onClick(useBackup, () => {
  backupForm.hidden = false;
  useBackup.setAttribute('aria-expanded', 'true');
  backupForm.elements.namedItem('code').focus();
});

onClick(resend, async () => {
  say(statusRegion, '');
  say(errorRegion, '');
  try {
    const answer = await post('/api/auth/code/resend');
    // The code now comes by SMS, also for an app user, and stays so after a reload.
    sessionStorage.setItem('vp_login', JSON.stringify({ method: answer.method, phone_hint: answer.phone_hint }));
    describeDelivery(answer.method, answer.phone_hint);
    say(statusRegion, 'Er is een nieuwe SMS met een beveiligingscode verstuurd.');
    codeInput.value = '';
    codeInput.focus();
  } catch (error) {
    await showFailure(error);
  }
});
