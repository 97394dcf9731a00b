// Instellingen: passkeys, authenticator app, back-up codes and mobile number. Each change may first ask the user
// to confirm it is them (reauth.js), in the section where it was started.

import { del, get, post } from './api.js';
import { showBackupCodes } from './backup-codes.js';
import { createPasskey, isBrowserRefusal, passkeyProblem, passkeysSupported } from './passkey.js';
import { ReauthCancelled, withReauth } from './reauth.js';
import { startSignedInPage } from './signed-in.js';
import { appendContact, backupCodesLeft, onSubmit, requireFilled, say, showError } from './ui.js';

const $ = (id) => document.getElementById(id);
const SESSION = { session: true };
let me = null;

/** Empties the messages of a section ("passkey", "app", "backup", "phone"). */
function clear(section) {
  say($(`${section}-error`), '');
  say($(`${section}-status`), '');
}

/** Runs an account request for `section`, re-authenticating when asked; returns the answer, or null on failure. */
async function act(section, action, form) {
  try {
    return await withReauth($(`${section}-reauth`), action);
  } catch (error) {
    if (!(error instanceof ReauthCancelled)) {
      const errorRegion = $(`${section}-error`);
      showError(errorRegion, error, form);
      if (error.status === 423) {
        await appendContact(errorRegion);
      }
    }
    return null;
  }
}

const withoutSpaces = (value) => value.replace(/\s+/g, '');

// Passkeys

const dateTime = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium',
  timeStyle: 'short' });
const when = (seconds) => dateTime.format(new Date(seconds * 1000));

function passkeyItem(passkey) {
  const item = document.createElement('li');
  const details = document.createElement('dl');
  for (const [term, value] of [['Naam', passkey.name], ['Toegevoegd', when(passkey.created_at)],
    ['Laatst gebruikt', passkey.last_used_at ? when(passkey.last_used_at) : 'Nog niet gebruikt'],
    ['Bewaard', passkey.synced ? 'Gesynchroniseerd (telefoon, cloud of wachtwoordbeheerder)'
      : 'Alleen op dit apparaat of deze sleutel']]) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    details.append(dt, dd);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'button button--secondary button--small';
  remove.textContent = 'Verwijderen';
  remove.setAttribute('aria-label', `Verwijderen: passkey ${passkey.name}`);
  remove.addEventListener('click', () => removePasskey(passkey, remove));
  item.append(details, remove);
  return item;
}

function showPasskeys(passkeys) {
  $('passkeys').replaceChildren(...passkeys.map(passkeyItem));
  $('passkeys').hidden = passkeys.length === 0;
  $('passkeys-empty').hidden = passkeys.length > 0;
}

/** The browser's dialog: its refusal (cancelled, timed out, already there) said in Dutch. */
async function newPasskey(options) {
  try {
    return await createPasskey(options);
  } catch (error) {
    throw isBrowserRefusal(error) ? new Error(passkeyProblem(error)) : error;
  }
}

const passkeyForm = $('passkey-form');
onSubmit(passkeyForm, async () => {
  clear('passkey');
  const input = $('passkey-name');
  if (!requireFilled($('passkey-error'), [[input, 'Geef de passkey een naam, bijvoorbeeld "Laptop werk".']])) {
    return;
  }
  const name = input.value.trim();
  const answer = await act('passkey', async () => {
    const { options } = await post('/api/account/passkeys/options', {}, SESSION);
    return post('/api/account/passkeys', { name, ...await newPasskey(options) }, SESSION);
  }, passkeyForm);
  if (!answer) {
    return;
  }
  passkeyForm.reset();
  showPasskeys((await get('/api/account/passkeys', SESSION)).passkeys);
  $('passkey-title').focus();
  let text = `De passkey "${answer.passkey.name}" is toegevoegd. Voortaan kunt u ermee inloggen.`;
  if (answer.sessions_ended > 0) {
    text += answer.sessions_ended === 1 ? ' 1 andere sessie is afgemeld.'
      : ` ${answer.sessions_ended} andere sessies zijn afgemeld.`;
  }
  say($('passkey-status'), text);
});

async function removePasskey(passkey, button) {
  if (button.disabled) {
    return;
  }
  button.disabled = true;
  clear('passkey');
  const answer = await act('passkey', () => del(`/api/account/passkeys/${encodeURIComponent(passkey.passkey_id)}`,
    SESSION));
  button.disabled = false;
  if (!answer) {
    return;
  }
  showPasskeys(answer.passkeys);
  $('passkey-title').focus();
  say($('passkey-status'), `De passkey "${passkey.name}" is verwijderd. Daarmee kunt u niet meer inloggen.`);
}

// Authenticatie-app

function showApp(secondFactor) {
  $('app-off').hidden = secondFactor !== 'sms';
  $('app-on').hidden = secondFactor !== 'totp';
  $('app-setup').hidden = true;
  $('app-confirm-form').reset();
  $('app-qr').removeAttribute('src');
  $('app-secret').textContent = '';
}

/** The server's SVG as an image source: shown as a picture, never inserted as markup. */
function svgDataUrl(svg) {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) {
    binary += String.fromCharCode(byte);
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

onSubmit($('app-start-form'), async () => {
  clear('app');
  const answer = await act('app', () => post('/api/account/app', {}, SESSION));
  if (!answer) {
    return;
  }
  $('app-qr').src = svgDataUrl(answer.qr_svg);
  $('app-secret').textContent = answer.secret.match(/.{1,4}/g).join(' ');
  $('app-off').hidden = true;
  $('app-setup').hidden = false;
  $('app-setup-title').focus();
});

const appConfirmForm = $('app-confirm-form');
onSubmit(appConfirmForm, async () => {
  clear('app');
  const input = $('app-code');
  if (!requireFilled($('app-error'), [[input, 'Vul de code uit de app in.']])) {
    return;
  }
  const code = withoutSpaces(input.value);
  const answer = await act('app', () => post('/api/account/app/confirm', { code }, SESSION), appConfirmForm);
  if (!answer) {
    input.select();
    return;
  }
  showApp(answer.second_factor);
  $('app-title').focus();
  say($('app-status'), 'De authenticatie-app is ingesteld. Voortaan vult u bij het inloggen de code uit de app in.');
});

$('app-cancel').addEventListener('click', () => {
  clear('app');
  showApp('sms');
  $('app-title').focus();
});

onSubmit($('app-remove-form'), async () => {
  clear('app');
  const answer = await act('app', () => del('/api/account/app', SESSION));
  if (!answer) {
    return;
  }
  showApp(answer.second_factor);
  $('app-title').focus();
  say($('app-status'), 'De authenticatie-app is verwijderd. U logt voortaan weer in met een beveiligingscode per SMS.');
});

// Back-up codes

function showBackupCodesLeft(count) {
  $('backup-left').textContent = backupCodesLeft(count);
}

onSubmit($('backup-form'), async () => {
  clear('backup');
  const answer = await act('backup', () => post('/api/account/backup-codes', {}, SESSION));
  if (!answer) {
    return;
  }
  showBackupCodesLeft(answer.backup_codes.length);
  say($('backup-status'), 'Er zijn nieuwe back-up codes gemaakt; de oude werken niet meer. Bewaar de nieuwe codes '
    + 'nu op een veilige plek: ze worden alleen nu getoond.');
  showBackupCodes($('backup-codes'), answer.backup_codes, me);
});

// Mobiel nummer wijzigen

const phoneForm = $('phone-form');
const phoneCodeForm = $('phone-code-form');

function askPhone() {
  phoneCodeForm.hidden = true;
  phoneForm.hidden = false;
}

onSubmit(phoneForm, async () => {
  clear('phone');
  const input = phoneForm.elements.namedItem('phone');
  if (!requireFilled($('phone-error'), [[input, 'Vul het nieuwe mobiele nummer in.']])) {
    return;
  }
  const phone = input.value.trim();
  const answer = await act('phone', () => post('/api/account/phone', { phone }, SESSION), phoneForm);
  if (!answer) {
    return;
  }
  phoneCodeForm.reset();
  phoneForm.hidden = true;
  phoneCodeForm.hidden = false;
  say($('phone-status'), `We hebben een SMS met een beveiligingscode gestuurd naar ${answer.phone_hint}.`);
  $('phone-code').focus();
});

onSubmit(phoneCodeForm, async () => {
  clear('phone');
  const input = phoneCodeForm.elements.namedItem('code');
  if (!requireFilled($('phone-error'), [[input, 'Vul de beveiligingscode uit de SMS in.']])) {
    return;
  }
  const body = { code: withoutSpaces(input.value).toLowerCase() };
  const answer = await act('phone', () => post('/api/account/phone/confirm', body, SESSION), phoneCodeForm);
  if (!answer) {
    input.select();
    return;
  }
  phoneForm.reset();
  askPhone();
  $('phone-title').focus();
  let text = `Uw mobiele nummer is gewijzigd. Voortaan sturen we beveiligingscodes naar ${answer.phone_hint}.`;
  if (answer.sessions_ended === 1) {
    text += ' 1 andere sessie is afgemeld.';
  } else if (answer.sessions_ended > 1) {
    text += ` ${answer.sessions_ended} andere sessies zijn afgemeld.`;
  }
  say($('phone-status'), text);
});

$('other-number').addEventListener('click', () => {
  clear('phone');
  askPhone();
  phoneForm.elements.namedItem('phone').focus();
});

try {
  me = await startSignedInPage($('page-error'));
  showPasskeys((await get('/api/account/passkeys', SESSION)).passkeys);
  if (!passkeysSupported()) {
    $('passkey-unsupported').hidden = false;
    passkeyForm.hidden = true;
  }
  showApp(me.second_factor);
  showBackupCodesLeft(me.backup_codes_left);
  $('settings').hidden = false;
} catch (error) {
  say($('page-error'), error.message);
}
