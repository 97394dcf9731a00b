// The link from the "Wachtwoord vergeten" email: /wachtwoord-herstellen.html#<token>.

import { get, post } from './api.js';
import { checkNewPassword, explainPasswordPolicy } from './password-policy.js';
import { link, onSubmit, say, showError } from './ui.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'vp_password_reset';
const UNUSABLE = 'Deze link om een nieuw wachtwoord te kiezen werkt niet. Vraag via \u201cWachtwoord vergeten\u201d '
  + 'een nieuwe link aan.';
const form = $('reset-form');
const errorRegion = $('reset-error');

/** The token from the link; kept for this tab only (a reload still works), and off the address bar. */
function takeToken() {
  const fromLink = window.location.hash.slice(1);
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', window.location.pathname);
  }
  return fromLink || sessionStorage.getItem(TOKEN_KEY);
}

const token = takeToken();
const resetPath = `/api/password-resets/${encodeURIComponent(token || '')}`;

// A new link opened in this tab changes only the fragment: start over with it.
window.addEventListener('hashchange', () => window.location.reload());

function showInvalid(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('loading').hidden = true;
  $('reset').hidden = true;
  $('invalid-message').textContent = message;
  $('invalid').hidden = false;
}

async function start() {
  if (!token) {
    showInvalid(UNUSABLE);
    return;
  }
  let reset;
  try {
    reset = await get(resetPath);
  } catch (error) {
    if (error.status === 404 || error.status === 410) {
      showInvalid(error.message);
    } else {
      $('loading').textContent = error.message;
    }
    return;
  }
  $('reset-username').textContent = reset.username;
  $('username-for-browser').value = reset.username;
  $('loading').hidden = true;
  $('reset').hidden = false;
}

explainPasswordPolicy($('password-policy-text'));

onSubmit(form, async () => {
  say(errorRegion, '');
  const input = form.elements.namedItem('password');
  if (!checkNewPassword(errorRegion, input, form.elements.namedItem('repeat'))) {
    return;
  }
  try {
    await post(resetPath, { password: input.value });
  } catch (error) {
    if (error.status === 404 || error.status === 410) {
      showInvalid(error.message);
    } else {
      showError(errorRegion, error, form);
    }
    return;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  $('reset').hidden = true;
  const status = $('reset-status');
  say(status, 'Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord en uw beveiligingscode.');
  const next = document.createElement('p');
  next.append(link('/', 'Inloggen'));
  status.append(next);
  status.querySelector('a').focus();
});

start();
