// Beveiliging: recent sign-in attempts, the security actions within a session, the active sessions, with
// "Afmelden" for the others, and the browsers trusted for 30 days, with "Vertrouwen intrekken". Each names its browser and system in words, as the API gives them.

import { del, get } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { say } from './ui.js';

const $ = (id) => document.getElementById(id);
const SESSION = { session: true };
const METHODS = {
  password: 'Wachtwoord',
  sms: 'SMS-code',
  totp: 'Authenticatie-app',
  backup_code: 'Back-up code',
  passkey: 'Passkey',
  trusted_browser: 'Wachtwoord in een vertrouwde browser',
  invitation: 'Activeren van het account',
};
const ACTIONS = {
  reauth: 'Opnieuw bevestigd dat u het bent',
  phone_change: 'Mobiel nummer gewijzigd',
};
const UNKNOWN_BROWSER = 'Onbekende browser';
const moment = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short',
});
const errorRegion = $('page-error');
const statusRegion = $('page-status');

/** Epoch seconds as Dutch date and time, in the Netherlands' time zone. */
const when = (seconds) => moment.format(new Date(seconds * 1000));

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

/** What was done (named by `labels`), with the browser on a line of its own: three columns fit on a phone. */
function howCell(labels, method, browser) {
  const td = cell(labels[method] || method);
  const from = document.createElement('span');
  from.className = 'muted history-browser';
  from.textContent = browser || UNKNOWN_BROWSER;
  td.append(from);
  return td;
}

/** A row of the sign-ins or the security actions table. */
const historyRow = (labels) => ({ at, method, success, browser }) => {
  const row = document.createElement('tr');
  row.append(cell(when(at)), howCell(labels, method, browser),
    cell(success ? 'Gelukt' : 'Mislukt', success ? 'result' : 'result result--failed'));
  return row;
};

/** Terms and values as a <dl>: the cards below are easier on a phone than a wide table. */
function details(pairs) {
  const list = document.createElement('dl');
  for (const [term, value] of pairs) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    list.append(dt, dd);
  }
  return list;
}

/** A small button that removes something on the server (DELETE `path`), says `done` and shows the page again. */
function removeButton(text, label, path, done, titleId) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--secondary button--small';
  button.textContent = text;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', async () => {
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    say(errorRegion, '');
    say(statusRegion, '');
    try {
      await del(path, SESSION);
      say(statusRegion, done);
    } catch (error) {
      say(errorRegion, error.message);
    }
    $(titleId).focus();
    try {
      await load();
    } catch (error) {
      say(errorRegion, error.message);
    }
  });
  return button;
}

/** One session, with "Afmelden" for any but this one. */
function sessionItem(session) {
  const item = document.createElement('li');
  const browser = session.browser || UNKNOWN_BROWSER;
  item.append(details([['Browser', browser], ['Ingelogd', when(session.created_at)],
    ['Laatst actief', when(session.last_seen_at)], ['Methode', METHODS[session.method] || session.method]]));
  if (session.current) {
    const current = document.createElement('p');
    current.className = 'status';
    current.textContent = 'Deze sessie';
    item.append(current);
  } else {
    item.append(removeButton('Afmelden',
      `Afmelden: sessie in ${session.browser || UNKNOWN_BROWSER.toLowerCase()} van ${when(session.created_at)}`,
      `/api/account/sessions/${encodeURIComponent(session.session_id)}`,
      'De sessie is afgemeld. Wie daar was ingelogd, moet opnieuw inloggen.', 'sessions-title'));
  }
  return item;
}

/** A browser trusted to skip the second factor, with "Vertrouwen intrekken". */
function trustedItem(trusted) {
  const item = document.createElement('li');
  item.append(details([['Browser', trusted.browser || UNKNOWN_BROWSER],
    ['Vertrouwd sinds', when(trusted.created_at)], ['Vertrouwd tot', when(trusted.expires_at)]]),
  removeButton('Vertrouwen intrekken', `Vertrouwen intrekken: ${trusted.browser || UNKNOWN_BROWSER.toLowerCase()}, `
    + `vertrouwd sinds ${when(trusted.created_at)}`,
  `/api/account/trusted-browsers/${encodeURIComponent(trusted.trusted_browser_id)}`,
  'Deze browser wordt niet meer vertrouwd: daar vraagt de portal weer een tweede stap.', 'trusted-title'));
  return item;
}

async function load() {
  const {
    sign_ins: signIns, security_actions: actions, sessions, trusted_browsers: trusted,
  } = await get('/api/account/security', SESSION);
  $('trusted').replaceChildren(...trusted.map(trustedItem));
  $('trusted').hidden = trusted.length === 0;
  $('trusted-empty').hidden = trusted.length > 0;
  $('signins').replaceChildren(...signIns.map(historyRow(METHODS)));
  $('signins-empty').hidden = signIns.length > 0;
  $('signins-table').hidden = signIns.length === 0;
  $('actions').replaceChildren(...actions.map(historyRow(ACTIONS)));
  $('actions-empty').hidden = actions.length > 0;
  $('actions-table').hidden = actions.length === 0;
  $('sessions').replaceChildren(...sessions.map(sessionItem));
  $('overview').hidden = false;
}

try {
  await startSignedInPage(errorRegion);
  await load();
} catch (error) {
  say(errorRegion, error.message);
}
