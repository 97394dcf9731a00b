// "Wachtwoord vergeten" and "Inloggegevens vergeten": one field, one request, and an answer that is the
// same whether or not an account exists. The form names its endpoint; the input's name is the body field.

import { post } from './api.js';
import { onSubmit, requireFilled, say, showContact, showError } from './ui.js';

const form = document.getElementById('forgot-form');
const input = form.querySelector('input');
const statusRegion = document.getElementById('forgot-status');
const errorRegion = document.getElementById('forgot-error');

showContact(document.getElementById('contact'));

onSubmit(form, async () => {
  say(statusRegion, '');
  say(errorRegion, '');
  if (!requireFilled(errorRegion, [[input, form.dataset.missing]])) {
    return;
  }
  try {
    const answer = await post(form.dataset.endpoint, { [input.name]: input.value.trim() });
    say(statusRegion, answer.message);
  } catch (error) {
    showError(errorRegion, error, form);
  }
});
