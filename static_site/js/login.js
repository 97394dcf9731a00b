// Login page: username and password, then on to the security code.

import { post } from './api.js';
import { BACKUP_LOGIN_KEY, appendContact, onSubmit, requireFilled, say, showContact, showError } from './ui.js';

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
    sessionStorage.setItem('vp_login', JSON.stringify({
      method: answer.method, phone_hint: answer.phone_hint, notice: answer.sms_sent === false ? answer.message : null,
    }));
    sessionStorage.removeItem(BACKUP_LOGIN_KEY);
    window.location.assign('/code.html');
  } catch (error) {
    showError(errorRegion, error, form);
    if (error.status === 423) {
      await appendContact(errorRegion);
    }
  }
});
