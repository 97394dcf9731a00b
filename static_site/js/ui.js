// Small DOM helpers shared by the pages: messages, field errors, contact details, logout.

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
  if (text) {
    region.append(paragraph(text));
  }
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
 * Shows an error in the page's alert region; when the API names a field of `form`,
 * also next to that field, which then gets the focus.
 */
export function showError(region, error, form) {
  say(region, error.message);
  const input = form && error.field ? form.elements.namedItem(error.field) : null;
  if (input instanceof HTMLElement) {
    showFieldError(input, error.message);
    input.focus();
  }
}

/**
 * Checks that each input of `checks` ([input, message] pairs) is filled; marks the empty ones,
 * says why in `region` and focuses the first. Returns true when all are filled.
 */
export function requireFilled(region, checks) {
  const missing = checks.filter(([input]) => !input.value.trim());
  if (!missing.length) {
    return true;
  }
  say(region, missing.map(([, message]) => message).join(' '));
  for (const [input, message] of missing) {
    showFieldError(input, message);
  }
  missing[0][0].focus();
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
