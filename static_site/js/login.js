// Login page: username and password, then on to the second factor (code.html); or "Inloggen met passkey".

import { post } from './api.js';
import { isBrowserRefusal, passkeyProblem, passkeysSupported, usePasskey } from './passkey.js';
import {
  BACKUP_LOGIN_KEY, appendContact, onClick, onSubmit, requireFilled, say, showContact, showError,
} from './ui.js';

const NOTICES = new Map([
  ['verlopen', 'Uw sessie is verlopen. Log opnieuw in.'],
  ['uitgelogd', 'U bent uitgelogd.'],
]);

const form = document.getElementById('login-form');
const notice = document.getElementById('login-notice');
const errorRegion = document.getElementById('login-error');

say(notice, NOTICES.get(new URLSearchParams(window.location.search).get('reden')));
showContact(document.getElementById('contact'));

onSubmit(form, async () => {
  say(notice, '');
  say(errorRegion, '');
  const { username, password } = form.elements;
  if (!requireFilled(errorRegion, [[username, 'Vul uw gebruikersnaam in.'], [password, 'Vul uw wachtwoord in.']])) {
    return;
  }
  try {
    const answer = await post('/api/auth/login', { username: username.value.trim(), password: password.value });
    sessionStorage.removeItem(BACKUP_LOGIN_KEY);
    if (answer.next === 'signed_in') { // a browser trusted for 30 days: no second factor
      signedIn(answer);
      return;
    }
    sessionStorage.setItem('vp_login', JSON.stringify({
      method: answer.method, phone_hint: answer.phone_hint, notice: answer.sms_sent === false ? answer.message : null,
      passkey: answer.passkey || null,
    }));
    window.location.assign('/code.html');
  } catch (error) {
    await refused(error, form);
  }
});

function signedIn({ user }) {
  sessionStorage.removeItem('vp_login');
  window.location.assign(user.role === 'secretariaat' ? '/admin.html' : '/home.html');
}

async function refused(error, withForm) {
  showError(errorRegion, error, withForm);
  if (error.status === 423) {
    await appendContact(errorRegion);
  }
}

// "Inloggen met passkey": a passkey that knows the account (discoverable, with the user's fingerprint, face or
// PIN) is both factors at once, so neither the password nor a code is asked.
if (passkeysSupported()) {
  const button = document.getElementById('passkey-button');
  document.getElementById('passkey-login').hidden = false;
  onClick(button, async () => {
    say(notice, '');
    say(errorRegion, '');
    button.disabled = true;
    try {
      const { options } = await post('/api/auth/passkey-login/options');
      signedIn(await post('/api/auth/passkey-login', await usePasskey(options)));
    } catch (error) {
      if (isBrowserRefusal(error)) {
        say(errorRegion, passkeyProblem(error));
      } else {
        await refused(error);
      }
    } finally {
      button.disabled = false;
    }
  });
}
