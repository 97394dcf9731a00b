// Collega's, for the employer's beheerder: the users of the organisation with their role (GET /api/colleagues) and
// "Rol instellen" (PUT /api/colleagues/{id}/role), never more than the beheerder's own role: a leidinggevende-
// beheerder is offered only the role leidinggevende and the departments they see (GET /api/departments).
// "Collega uitnodigen" asks name and email, then the role in the same dialog (POST /api/colleagues);
// "Deactiveren" and "Heractiveren" per colleague (POST /api/colleagues/{id}/deactivate, /reactivate).

import { get, post, put } from './api.js';
import { fillRoleForm, readRoleForm, roleText, wireRoleForm } from './role-form.js';
import { startSignedInPage } from './signed-in.js';
import { clearFieldErrors, onSubmit, requireFilled, say, showError } from './ui.js';
import { element, labelledCell as cell, loadDepartments } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const dialog = $('role-dialog');
const form = $('role-form');
const STATUS_LABELS = { invited: 'Uitgenodigd', active: 'Actief', blocked: 'Geblokkeerd', deactivated: 'Gedeactiveerd' };

let departments = [];
let names = new Map();
let chosen = null; // the colleague whose role is set, or { invite: {name, email} } for a new one
let mine = 'verzuimbeheerder';

function row(colleague) {
  const tr = element('tr');
  tr.dataset.userId = colleague.user_id;
  const name = element('th', colleague.name);
  name.scope = 'row';
  let action = 'Niet door u te wijzigen';
  if (colleague.manageable) {
    action = element('div', null, 'actions');
    const button = (text, handler) => {
      const made = element('button', text, 'button button--secondary button--small');
      made.type = 'button';
      made.append(element('span', ` van ${colleague.name}`, 'visually-hidden'));
      made.addEventListener('click', handler);
      action.append(made);
    };
    if (colleague.status !== 'deactivated') {
      button('Rol instellen', () => open(colleague));
    }
    button(colleague.status === 'deactivated' ? 'Heractiveren' : 'Deactiveren', () => switchActive(colleague));
  }
  tr.append(name, cell('E-mail', colleague.email), cell('Status', STATUS_LABELS[colleague.status] || colleague.status),
    cell('Rol', roleText(colleague.role, names)), cell('Actie', action));
  return tr;
}

async function refresh() {
  const { colleagues } = await get('/api/colleagues', { session: true });
  $('colleagues').replaceChildren(...colleagues.map(row));
  $('list-section').hidden = false;
}

async function switchActive(colleague) {
  const off = colleague.status !== 'deactivated';
  say(errorRegion, '');
  let changed;
  try {
    changed = await post(`/api/colleagues/${encodeURIComponent(colleague.user_id)}/${off ? 'deactivate' : 'reactivate'}`,
      undefined, { session: true });
  } catch (error) {
    say(errorRegion, error.message);
    return;
  }
  await refresh();
  say(status, off ? `${changed.name} kan niet meer inloggen en is overal uitgelogd.`
    : `${changed.name} kan weer inloggen.`);
  document.querySelector(`tr[data-user-id="${changed.user_id}"] button`)?.focus();
}

function open(colleague) {
  chosen = colleague;
  say($('role-dialog-error'), '');
  clearFieldErrors(form);
  $('role-dialog-user').textContent = colleague.invite
    ? `De rol van ${colleague.invite.name} (${colleague.invite.email}), die u nu uitnodigt.`
    : `De rol van ${colleague.name} (${colleague.email}).`;
  const current = colleague.invite ? { role: mine, department_ids: [], beheerder: false } : colleague.role;
  // a leidinggevende-beheerder gives no more than they have: only the role leidinggevende
  fillRoleForm(form, mine === 'verzuimbeheerder' ? current : { ...current, role: 'leidinggevende' },
    departments.map((d) => [d.department_id, d.full_name]));
  $('role-verzuimbeheerder-row').hidden = mine !== 'verzuimbeheerder';
  dialog.showModal();
}

wireRoleForm(form);
$('role-cancel').addEventListener('click', () => dialog.close());

onSubmit(form, async () => {
  const dialogError = $('role-dialog-error');
  say(dialogError, '');
  const body = readRoleForm(form, dialogError, say);
  if (!body) {
    return;
  }
  let changed;
  try {
    changed = chosen.invite
      ? await post('/api/colleagues', { ...chosen.invite, ...body }, { session: true })
      : await put(`/api/colleagues/${encodeURIComponent(chosen.user_id)}/role`, body, { session: true });
  } catch (error) {
    showError(dialogError, error, form);
    return;
  }
  dialog.close();
  await refresh();
  if (chosen.invite) {
    $('invite-form').reset();
    say(status, `${changed.name} is uitgenodigd als ${roleText(changed.role, names).toLowerCase()}. De link staat in de `
      + `e-mail aan ${changed.email}.`);
  } else {
    say(status, `${changed.name} is nu ${roleText(changed.role, names).toLowerCase()}. ${changed.name} logt opnieuw in.`);
  }
  document.querySelector(`tr[data-user-id="${changed.user_id}"] button`)?.focus();
});

try {
  const me = await startSignedInPage(errorRegion);
  if (!me.beheerder) {
    say(errorRegion, 'Alleen een beheerder van uw organisatie beheert de collega\'s. Neem contact op met het '
      + 'secretariaat of een beheerder.');
  } else {
    mine = me.employer_role;
    ({ departments, names } = await loadDepartments());
    await refresh();
    const invite = $('invite-form');
    onSubmit(invite, async () => {
      say($('invite-error'), '');
      const name = invite.elements.namedItem('name');
      const email = invite.elements.namedItem('email');
      if (requireFilled($('invite-error'), [[name, 'Vul de naam van uw collega in.'],
        [email, 'Vul het e-mailadres van uw collega in.']])) {
        open({ invite: { name: name.value.trim(), email: email.value.trim() } });
      }
    });
    $('invite-section').hidden = false;
  }
} catch (error) {
  say(errorRegion, error.message);
}
