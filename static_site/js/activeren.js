// Onboarding from the invitation email: /activeren.html#<token>, four steps.

import { get, post } from './api.js';
import { onSubmit, requireFilled, say, showContact, showError, showFieldError } from './ui.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'vp_invitation';
const STEPS = ['step-password', 'step-phone', 'step-terms', 'step-backup'];
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;
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
let backupCodes = [];

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
  document.body.classList.toggle('print-codes', number === 4);
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
onSubmit(passwordForm, async () => {
  say(errorRegion, '');
  const input = passwordForm.elements.namedItem('password');
  const repeat = passwordForm.elements.namedItem('repeat');
  const length = [...input.value].length;
  let problem = null;
  if (length < PASSWORD_MIN) {
    problem = [input, `Uw wachtwoord is te kort: gebruik minstens ${PASSWORD_MIN} tekens.`];
  } else if (length > PASSWORD_MAX) {
    problem = [input, `Uw wachtwoord is te lang: gebruik hoogstens ${PASSWORD_MAX} tekens.`];
  } else if (repeat.value !== input.value) {
    problem = [repeat, 'De twee wachtwoorden zijn niet gelijk. Typ het wachtwoord nog een keer.'];
  }
  if (problem) {
    say(errorRegion, problem[1]);
    showFieldError(...problem);
    problem[0].focus();
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
  backupCodes = answer.backup_codes;
  $('codes-owner').textContent = `${answer.user.name} (gebruikersnaam ${invitation.username})`;
  $('backup-codes').replaceChildren(...backupCodes.map((code) => {
    const item = document.createElement('li');
    item.textContent = code;
    return item;
  }));
  showStep(4);
});

// Step 4: backup codes

$('print-codes').addEventListener('click', () => window.print());

$('download-codes').addEventListener('click', () => {
  const text = [
    'Verzuimportaal – back-up codes',
    `Gebruikersnaam: ${invitation.username}`,
    '',
    'Elke code werkt één keer, als u uw telefoon niet bij de hand heeft.',
    '',
    ...backupCodes,
    '',
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = 'verzuimportaal-backup-codes.txt';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

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
