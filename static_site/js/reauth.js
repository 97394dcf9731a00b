// Re-authentication in place. Sensitive account actions answer 403 `reauthentication_required` when the
// login is more than a few minutes old: then the password and a fresh code are asked right where the
// action was started, and the action is retried.

import { ApiError, post } from './api.js';
import { appendContact, onSubmit, requireFilled, say, showError } from './ui.js';

const SESSION = { session: true };

/** Rejects a `withReauth` whose re-authentication the user cancelled; callers need not show anything. */
export class ReauthCancelled extends Error {}

let current = null; // the re-authentication on screen: { box, cancel }

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attributes);
  node.append(...children);
  return node;
}

function field(id, label, input, hint) {
  const box = element('div', { className: 'field' }, element('label', { htmlFor: id, textContent: label }));
  if (hint) {
    box.append(hint);
  }
  box.append(input);
  return box;
}

function actions(submitText, cancel) {
  const cancelButton = element('button', { type: 'button', className: 'button button--secondary',
    textContent: 'Annuleren' });
  cancelButton.addEventListener('click', cancel);
  return element('div', { className: 'actions' },
    element('button', { type: 'submit', className: 'button', textContent: submitText }), cancelButton);
}

/** The two small forms, built in `slot`; resolves once confirmed, rejects ReauthCancelled on "Annuleren". */
function reauthenticate(slot) {
  current?.cancel();
  return new Promise((resolve, reject) => {
    const prefix = `${slot.id}-reauth`;
    const errorRegion = element('div', { className: 'message message--error' });
    errorRegion.setAttribute('role', 'alert');
    const close = () => {
      box.remove();
      current = null;
    };
    const cancel = () => {
      close();
      reject(new ReauthCancelled());
    };

    const password = element('input', { id: `${prefix}-password`, name: 'password', type: 'password',
      autocomplete: 'current-password' });
    const passwordForm = element('form', { noValidate: true },
      field(password.id, 'Wachtwoord', password), actions('Doorgaan', cancel));

    const codeHint = element('p', { className: 'hint', id: `${prefix}-code-hint` });
    const code = element('input', { id: `${prefix}-code`, name: 'code', type: 'text', className: 'input--code',
      autocomplete: 'one-time-code', autocapitalize: 'off', spellcheck: false });
    code.setAttribute('aria-describedby', codeHint.id);
    const codeForm = element('form', { noValidate: true, hidden: true },
      field(code.id, 'Beveiligingscode', code, codeHint), actions('Bevestigen', cancel));

    const box = element('section', { className: 'reauth' },
      element('h3', { textContent: 'Bevestig dat u het bent' }),
      element('p', { textContent: 'Voor deze wijziging vragen we nog een keer uw wachtwoord en een beveiligingscode. '
        + 'Daarna gaat de wijziging meteen door.' }),
      errorRegion, passwordForm, codeForm);
    box.setAttribute('aria-label', 'Bevestig dat u het bent');
    slot.replaceChildren(box);
    current = { box, cancel };

    onSubmit(passwordForm, async () => {
      say(errorRegion, '');
      if (!requireFilled(errorRegion, [[password, 'Vul uw wachtwoord in.']])) {
        return;
      }
      let answer;
      try {
        answer = await post('/api/account/reauth', { password: password.value }, SESSION);
      } catch (error) {
        showError(errorRegion, error, passwordForm);
        if (error.status === 423) {
          await appendContact(errorRegion);
        }
        return;
      }
      codeHint.textContent = answer.method === 'totp'
        ? 'Vul de code van 6 cijfers in die uw authenticatie-app nu toont.'
        : `We hebben een SMS met een beveiligingscode gestuurd naar ${answer.phone_hint}. De code is 5 minuten geldig.`;
      code.inputMode = answer.method === 'totp' ? 'numeric' : 'text';
      code.value = '';
      passwordForm.hidden = true;
      codeForm.hidden = false;
      code.focus();
    });

    onSubmit(codeForm, async () => {
      say(errorRegion, '');
      if (!requireFilled(errorRegion, [[code, 'Vul de beveiligingscode in.']])) {
        return;
      }
      try {
        await post('/api/account/reauth/confirm', { code: code.value.replace(/\s+/g, '').toLowerCase() }, SESSION);
      } catch (error) {
        showError(errorRegion, error, codeForm);
        if (error.code === 'code_expired') {
          // A new code needs the password again.
          password.value = '';
          codeForm.hidden = true;
          passwordForm.hidden = false;
          password.focus();
        } else if (error.status === 423) {
          await appendContact(errorRegion);
        }
        return;
      }
      close();
      resolve();
    });

    password.focus();
  });
}

const needsReauth = (error) => error instanceof ApiError && error.status === 403
  && error.code === 'reauthentication_required';

/**
 * Runs `action` (a function returning the API's promise); when it needs a recent login, asks for
 * re-authentication in `slot` (an element with an id) and runs it once more.
 */
export async function withReauth(slot, action) {
  try {
    return await action();
  } catch (error) {
    if (!needsReauth(error)) {
      throw error;
    }
    await reauthenticate(slot);
    return action();
  }
}
