// Onboarding from the invitation email: /activeren.html#<token>, four steps.

import { get, post } from './api.js';
import { showBackupCodes } from './backup-codes.js';
import { checkNewPassword, explainPasswordPolicy } from './password-policy.js';
import { onSubmit, requireFilled, say, showContact, showError, showFieldError } from './ui.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'vp_invitation';
const STEPS = ['step-password', 'step-phone', 'step-terms', 'step-backup'];
const errorRegion = $('flow-error');
const statusRegion = $('flow-status');
const phoneForm = $('phone-form');
const phoneCodeForm = $('phone-code-form');

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
const invitationPath = (suffix = '') => `/api/invitations/${encodeURIComponent(token)}${suffix}`;
let invitation = null;

// A new invitation link opened in this tab changes only the fragment: start over with it.
window.addEventListener('hashchange', () => window.location.reload());

function showInvalid() {
  sessionStorage.removeItem(TOKEN_KEY);
  $('loading').hidden = true;
  $('flow').hidden = true;
  $('invalid').hidden = false;
  showContact($('invalid-contact'));
}

function firstUnfinishedStep() {
  if (!invitation.password_set) {
    return 1;
  }
  return invitation.phone_verified ? 3 : 2;
}

function showStep(number, moveFocus = true) {
  STEPS.forEach((id, index) => {
    $(id).hidden = index + 1 !== number;
  });
  [...$('steps').children].forEach((item, index) => {
    if (index + 1 === number) {
      item.setAttribute('aria-current', 'step');
    } else {
      item.removeAttribute('aria-current');
    }
  });
  $('step-count').textContent = `Stap ${number} van 4`;
  say(errorRegion, '');
  say(statusRegion, '');
  if (number === 2) {
    askPhone();
  }
  if (moveFocus) {
    $(`${STEPS[number - 1]}-title`).focus();
  }
}

function fail(error, form) {
  if (error.status === 404 || error.status === 410) {
    showInvalid();
  } else {
    showError(errorRegion, error, form);
  }
}

async function start() {
  if (!token) {
    showInvalid();
    return;
  }
  try {
    invitation = await get(invitationPath());
  } catch (error) {
    if (error.status === 404 || error.status === 410) {
      showInvalid();
    } else {
      $('loading').textContent = error.message;
    }
    return;
  }
  $('intro').textContent = `Welkom, ${invitation.name}. In vier stappen activeert u uw account voor `
    + `${invitation.employer_name}.`;
  $('username').textContent = invitation.username;
  $('username-for-browser').value = invitation.username;
  $('terms-version').textContent = invitation.terms_version;
  $('loading').hidden = true;
  $('flow').hidden = false;
  showStep(firstUnfinishedStep(), false);
}

// Step 1: password

const passwordForm = $('password-form');
explainPasswordPolicy($('password-policy-text'));
onSubmit(passwordForm, async () => {
  say(errorRegion, '');
  const input = passwordForm.elements.namedItem('password');
  if (!checkNewPassword(errorRegion, input, passwordForm.elements.namedItem('repeat'))) {
    return;
  }
  try {
    invitation = await post(invitationPath('/password'), { password: input.value });
    showStep(firstUnfinishedStep());
  } catch (error) {
    fail(error, passwordForm);
  }
});

// Step 2: mobile number, confirmed with a code sent by SMS

function askPhone() {
  phoneCodeForm.hidden = true;
  phoneForm.hidden = false;
  const input = phoneForm.elements.namedItem('phone');
  input.value ||= invitation.phone_prefill || '';
}

onSubmit(phoneForm, async () => {
  say(errorRegion, '');
  say(statusRegion, '');
  const input = phoneForm.elements.namedItem('phone');
  if (!requireFilled(errorRegion, [[input, 'Vul uw mobiele nummer in.']])) {
    return;
  }
  try {
    invitation = await post(invitationPath('/phone'), { phone: input.value.trim() });
  } catch (error) {
    fail(error, phoneForm);
    return;
  }
  phoneForm.hidden = true;
  phoneCodeForm.hidden = false;
  phoneCodeForm.reset();
  say(statusRegion, `We hebben een SMS met een beveiligingscode gestuurd naar ${invitation.phone_hint || 'uw mobiele nummer'}.`);
  phoneCodeForm.elements.namedItem('code').focus();
});

onSubmit(phoneCodeForm, async () => {
  say(errorRegion, '');
  const input = phoneCodeForm.elements.namedItem('code');
  if (!requireFilled(errorRegion, [[input, 'Vul de beveiligingscode uit de SMS in.']])) {
    return;
  }
  try {
    const code = input.value.replace(/\s+/g, '').toLowerCase();
    invitation = await post(invitationPath('/phone/confirm'), { code });
    showStep(firstUnfinishedStep());
  } catch (error) {
    fail(error, phoneCodeForm);
  }
});

$('other-number').addEventListener('click', () => {
  say(errorRegion, '');
  say(statusRegion, '');
  askPhone();
  phoneForm.elements.namedItem('phone').focus();
});

// Step 3: terms of use; completing signs the user in and returns the backup codes

const termsForm = $('terms-form');
onSubmit(termsForm, async () => {
  say(errorRegion, '');
  const accept = termsForm.elements.namedItem('accept_terms');
  if (!accept.checked) {
    const message = 'Vink aan dat u akkoord gaat met de gebruiksvoorwaarden om verder te gaan.';
    say(errorRegion, message);
    showFieldError(accept, message);
    accept.focus();
    return;
  }
  let answer;
  try {
    answer = await post(invitationPath('/complete'), { accept_terms: true, terms_version: invitation.terms_version });
  } catch (error) {
    fail(error, termsForm);
    return;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  showBackupCodes($('backup-codes'), answer.backup_codes, { name: answer.user.name, username: invitation.username });
  showStep(4);
});

// Step 4: backup codes

const doneForm = $('done-form');
onSubmit(doneForm, async () => {
  say(errorRegion, '');
  const saved = doneForm.elements.namedItem('codes_saved');
  if (!saved.checked) {
    const message = 'Vink aan dat u de back-up codes heeft bewaard.';
    say(errorRegion, message);
    showFieldError(saved, message);
    saved.focus();
    return;
  }
  window.location.assign('/home.html');
});

start();
