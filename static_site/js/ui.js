// Small DOM helpers shared by the pages: messages, field errors, contact details, logout.
// Form errors follow the GOV.UK / NL Design System pattern: the page's alert region becomes an error summary
// ("Er is een probleem") listing every error, each a link to its field; each field shows its own message under
// its label (aria-describedby) and is marked aria-invalid; the focus moves to the summary.

import { ApiError, expectSessionEnd, get, leaveFor, post } from './api.js';

/** sessionStorage key: set when this tab signed in with a back-up code, so home can offer new codes. */
export const BACKUP_LOGIN_KEY = 'vp_backup_login';

/** "U heeft nog 3 back-up codes." and its variants for one and none. */
export function backupCodesLeft(count) {
  if (count === 0) {
    return 'U heeft geen back-up codes meer.';
  }
  return `U heeft nog ${count} back-up ${count === 1 ? 'code' : 'codes'}.`;
}

/** Replaces the content of a live region with one paragraph of text (or empties it). */
export function say(region, text) {
  region.replaceChildren();
  region.classList.remove('error-summary', 'message--neutral');
  if (text) {
    region.append(paragraph(text));
  }
}

/** Like `say`, in a neutral box instead of the region's own colour: for an outcome that is neither a success nor
 * an error, such as a search or list that found nothing (the text then says what to try). */
export function sayNeutral(region, text) {
  say(region, text);
  region.classList.add('message--neutral');
}

function paragraph(text) {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

export function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

/** Shows `message` next to the input (linked by aria-describedby) and marks the input invalid. */
export function showFieldError(input, message) {
  const id = `${input.id}-field-error`;
  let error = document.getElementById(id);
  if (!error) {
    error = document.createElement('p');
    error.id = id;
    error.className = 'field-error';
    (input.closest('.check') || input).before(error);
    input.setAttribute('aria-describedby', `${id} ${input.getAttribute('aria-describedby') || ''}`.trim());
  }
  error.textContent = message;
  input.setAttribute('aria-invalid', 'true');
}

export function clearFieldErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) {
    const input = document.querySelector(`[aria-describedby~="${error.id}"]`);
    if (input) {
      const rest = input.getAttribute('aria-describedby').split(' ').filter((id) => id !== error.id);
      if (rest.length) {
        input.setAttribute('aria-describedby', rest.join(' '));
      } else {
        input.removeAttribute('aria-describedby');
      }
      input.removeAttribute('aria-invalid');
    }
    error.remove();
  }
}

/**
 * Shows `problems` ([{ input, message }], input null for one that belongs to no field) as an error summary in
 * `region`: a heading, then every message, those of a field as a link that focuses it; each field also shows its
 * own message. The focus moves to the summary, so a screen reader reads it first.
 */
export function showProblems(region, problems) {
  say(region, '');
  region.classList.add('error-summary');
  region.tabIndex = -1;
  const title = document.createElement('h2');
  title.className = 'error-summary__title';
  title.textContent = 'Er is een probleem';
  const list = document.createElement('ul');
  list.className = 'error-summary__list';
  for (const { input, message } of problems) {
    const item = document.createElement('li');
    if (input) {
      const to = link(`#${input.id}`, message);
      to.addEventListener('click', (event) => {
        event.preventDefault();
        input.focus();
      });
      item.append(to);
      showFieldError(input, message);
    } else {
      item.textContent = message;
    }
    list.append(item);
  }
  region.append(title, list);
  region.focus();
}

function inputOf(form, name) {
  const input = form && name ? form.elements.namedItem(name) : null;
  return input instanceof HTMLElement && input.id ? input : null;
}

/**
 * Shows an API error in the page's alert region; when it names fields of `form` (a 422 names every bad field),
 * as an error summary with each message next to its field too.
 */
export function showError(region, error, form) {
  const listed = error.errors && error.errors.length ? error.errors : [{ field: error.field, message: error.message }];
  const problems = listed.map(({ field, message }) => ({ input: inputOf(form, field), message }));
  if (problems.some(({ input }) => input)) {
    showProblems(region, problems);
  } else {
    say(region, error.message);
  }
}

/** Today in the Netherlands as yyyy-mm-dd (what a date input holds), whatever the device's time zone. */
export function amsterdamToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** "2026-12-01" → "01-12-2026", as a date input shows it. */
export function shortDate(iso) {
  const [year, month, day] = String(iso).split('-');
  return `${day}-${month}-${year}`;
}

function labelOf(input) {
  const label = input.labels && input.labels[0] ? input.labels[0].textContent : input.name;
  return label.replace(/\s*\(optioneel\)\s*$/, '').trim();
}

/**
 * What is wrong with the value of one input, from its own attributes (type, min, max, maxlength), or null.
 * A date input with data-max-message says that when the date lies after its max.
 */
function formatProblem(input) {
  const label = labelOf(input);
  if (input.type === 'date') {
    if (input.validity.badInput) {
      return `Vul bij ${label} een volledige datum in (dag, maand en jaar), bijvoorbeeld ${shortDate(amsterdamToday())}.`;
    }
    if (input.value && input.max && input.value > input.max) {
      return input.dataset.maxMessage || `Vul bij ${label} een datum in tot en met ${shortDate(input.max)}.`;
    }
    if (input.value && input.min && input.value < input.min) {
      return `Vul bij ${label} een datum in vanaf ${shortDate(input.min)}.`;
    }
  }
  if (input.type === 'number' && (input.validity.badInput || input.validity.rangeUnderflow
    || input.validity.rangeOverflow || input.validity.stepMismatch)) {
    return `Vul bij ${label} een heel getal in van ${input.min} tot en met ${input.max}.`;
  }
  if (input.type === 'email' && input.value && input.validity.typeMismatch) {
    return 'Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.';
  }
  if (input.maxLength > 0 && input.value.length > input.maxLength) {
    return `Maak ${label} korter: hoogstens ${input.maxLength} tekens (nu ${input.value.length}).`;
  }
  return null;
}

/**
 * Checks a form before it is sent: each input of `checks` ([input, message] pairs) must be filled, and every
 * visible input of its form must fit its own type, min, max and maxlength. Shows every problem at once as an
 * error summary in `region` (see showProblems). Returns true when there are none.
 */
export function requireFilled(region, checks) {
  const required = new Map(checks);
  const form = checks.length ? checks[0][0].form : null;
  const inputs = form ? [...form.elements] : checks.map(([input]) => input);
  const problems = [];
  for (const input of inputs) {
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement
      || input instanceof HTMLSelectElement) || input.disabled || input.closest('[hidden]')) {
      continue;
    }
    const format = input instanceof HTMLSelectElement ? null : formatProblem(input);
    const missing = required.has(input) && !input.value.trim();
    const message = format || (missing ? required.get(input) : null);
    if (message) {
      problems.push({ input: input.id ? input : null, message });
    }
  }
  if (!problems.length) {
    return true;
  }
  showProblems(region, problems);
  return false;
}

/** A button of the page's own markup, disabled there until this script handles its clicks. */
export function onClick(button, action) {
  button.addEventListener('click', action);
  button.disabled = false;
}

/** Runs `action` on submit (Enter or button), ignoring repeat submits while it runs. */
export function onSubmit(form, action) {
  // The page's forms come with their submit buttons disabled, so nothing is sent (nor put in the address bar)
  // before this handler is in place; from here on the script handles every submit.
  for (const button of form.querySelectorAll('button[type="submit"], button:not([type])')) {
    button.disabled = false;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) {
      return;
    }
    form.dataset.busy = 'true';
    form.setAttribute('aria-busy', 'true');
    clearFieldErrors(form);
    try {
      await action(event);
    } finally {
      delete form.dataset.busy;
      form.removeAttribute('aria-busy');
    }
  });
}

/** Contact details of het secretariaat as tel: and mailto: links. */
function contactBlock({ phone, email }) {
  const block = document.createElement('p');
  block.className = 'contact';
  const intro = document.createElement('span');
  intro.className = 'contact__line';
  intro.textContent = 'Het secretariaat van De Verzuimmakelaar:';
  const phoneLine = document.createElement('span');
  phoneLine.className = 'contact__line';
  phoneLine.append('Telefoon: ', link(`tel:${phone.replace(/[^\d+]/g, '')}`, phone));
  const emailLine = document.createElement('span');
  emailLine.className = 'contact__line';
  emailLine.append('E-mail: ', link(`mailto:${email}`, email));
  block.append(intro, phoneLine, emailLine);
  return block;
}

let contactRequest;

/** GET /api/contact, once per page; null when it cannot be loaded. */
function loadContact() {
  contactRequest ??= get('/api/contact').catch(() => null);
  return contactRequest;
}

/** Fills `container` with the contact details (loading them when not given). */
export async function showContact(container, contact) {
  const details = contact || await loadContact();
  if (details) {
    container.replaceChildren(contactBlock(details));
  }
}

/** Adds the contact details below a message, e.g. when an account is blocked. */
export async function appendContact(region) {
  const details = await loadContact();
  if (details) {
    region.append(contactBlock(details));
  }
}

/** Wires a "Uitloggen" button: ends the session, then shows the login page. */
export function wireLogout(button, errorRegion) {
  button.addEventListener('click', async () => {
    say(errorRegion, '');
    expectSessionEnd();
    try {
      await post('/api/auth/logout');
    } catch (error) {
      // A 401 means the session had already ended: that is logged out too.
      if (!(error instanceof ApiError) || error.status !== 401) {
        say(errorRegion, `Uitloggen is niet gelukt. ${error.message}`);
        return;
      }
    }
    sessionStorage.removeItem(BACKUP_LOGIN_KEY);
    leaveFor('/?reden=uitgelogd');
  });
}
