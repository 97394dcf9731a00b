// Het secretariaat's page: finding a user at any employer, employers, their users, invitations and account actions.

import { del, get, post, put } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { fillRoleForm, readRoleForm, roleText, wireRoleForm } from './role-form.js';
import { clearFieldErrors, onSubmit, requireFilled, say, showError } from './ui.js';

const $ = (id) => document.getElementById(id);
const SESSION = { session: true };
const STATUS_LABELS = {
  invited: 'Uitgenodigd',
  active: 'Actief',
  blocked: 'Geblokkeerd',
  deactivated: 'Gedeactiveerd',
};
const errorRegion = $('admin-error');
const statusRegion = $('admin-status');
const employerSelect = $('employer');
const placeholder = employerSelect.options[0];
const phoneDialog = $('phone-dialog');
const phoneForm = $('phone-form');
const deactivateDialog = $('deactivate-dialog');
const accessDialog = $('access-dialog');
const accessForm = $('access-form');
const roleDialog = $('role-dialog');
const roleForm = $('role-form');
let departmentNames = new Map(); // of the selected employer, for the role notes in its user list
let usersRequest = 0;
let searchRequest = 0;
let lastQuery = null;
let acting = false;
let dialogUser = null;
let actedFrom = null; // the table body whose row action ran last: focus returns there

function clearMessages() {
  say(errorRegion, '');
  say(statusRegion, '');
}

function denyAccess() {
  $('admin').hidden = true;
  say(errorRegion, 'U heeft geen toegang tot deze pagina.');
}

function fail(error, form) {
  if (error.status === 403) {
    denyAccess();
  } else {
    showError(errorRegion, error, form);
  }
}

function selectedEmployer() {
  const option = employerSelect.selectedOptions[0];
  return option && option.value ? { id: option.value, name: option.text } : null;
}

async function loadEmployers(selectId) {
  const { employers } = await get('/api/admin/employers', SESSION);
  employers.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  employerSelect.replaceChildren(placeholder, ...employers.map((e) => new Option(e.name, e.employer_id)));
  if (selectId) {
    employerSelect.value = selectId;
  }
}

// Rows of the users table

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function addNote(td, text) {
  const note = document.createElement('span');
  note.className = 'pending';
  note.textContent = text;
  td.append(' ', note);
}

const validUntil = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short',
});

/** The note beside an invited user's status: until when the link works, or that it no longer does. */
function invitationNote(iso) {
  const expires = iso ? new Date(iso) : null;
  if (!expires || Number.isNaN(expires.getTime())) {
    return null;
  }
  return expires < new Date() ? '(uitnodiging verlopen)' : `(geldig tot ${validUntil.format(expires)})`;
}

const ACTIONS = [
  ['Uitnodiging opnieuw versturen', (user) => user.status === 'invited', resendInvitation],
  ['Deblokkeren', (user) => user.status === 'blocked', unlock],
  ['Mobiel nummer resetten', (user) => user.status !== 'deactivated', openPhoneDialog],
  ['Toegang tot andere werkgever', (user) => user.role === 'werkgever' && !user.via_access
    && user.status !== 'deactivated', openAccessDialog],
  // Only in an employer's list, whose rows carry the role at that employer (search hits do not)
  ['Rol instellen', (user) => Boolean(user.employer_role) && user.status !== 'deactivated', openRoleDialog],
  ['Toegang intrekken', (user) => user.via_access, revokeAccess],
  ['Deactiveren', (user) => user.status !== 'deactivated' && !user.via_access, openDeactivateDialog],
  ['Heractiveren', (user) => user.status === 'deactivated' && !user.via_access, reactivate],
];

function actionsCell(user) {
  const td = document.createElement('td');
  const box = document.createElement('div');
  box.className = 'actions';
  for (const [label, applies, action] of ACTIONS.filter(([, applies]) => applies(user))) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary button--small';
    button.textContent = label;
    button.addEventListener('click', () => {
      actedFrom = box.closest('tbody')?.id || null;
      action(user);
    });
    box.append(button);
  }
  td.append(box);
  return td;
}

function userRow(user) {
  const row = document.createElement('tr');
  row.dataset.userId = user.user_id;
  const status = cell(STATUS_LABELS[user.status] || user.status);
  status.className = 'status';
  const invitation = user.status === 'invited' ? invitationNote(user.invitation_expires_at) : null;
  if (invitation) {
    addNote(status, invitation);
  }
  const phone = cell(user.phone_hint || '–');
  if (user.phone_change_pending) {
    addNote(phone, '(wijziging wacht op bevestiging)');
  }
  const name = cell(user.name);
  if (user.via_access) {
    addNote(name, '(toegang tot deze werkgever)');
  }
  if (user.employer_role) {
    addNote(name, roleText(roleOf(user), departmentNames));
  }
  row.append(name, cell(user.username), cell(user.email), status, phone, actionsCell(user));
  return row;
}

/** A listed user's role at the selected employer, as the role form reads it. */
const roleOf = (user) => ({ role: user.employer_role, department_ids: user.department_ids, beheerder: user.beheerder });

/** Shows the users of the selected employer; afterwards keeps keyboard focus near `focusUserId`. */
async function loadUsers(focusUserId) {
  const employer = selectedEmployer();
  $('users-section').hidden = !employer;
  $('invite-section').hidden = !employer;
  if (!employer) {
    return;
  }
  $('users-title').textContent = `Gebruikers van ${employer.name}`;
  $('invite-employer').textContent = employer.name;
  const request = ++usersRequest;
  const [{ users }, { departments }] = await Promise.all([
    get(`/api/admin/employers/${encodeURIComponent(employer.id)}/users`, SESSION),
    get(`/api/admin/employers/${encodeURIComponent(employer.id)}/departments`, SESSION)]);
  if (request !== usersRequest) {
    return; // another employer was chosen meanwhile
  }
  departmentNames = new Map(departments.map((d) => [d.department_id, d.full_name]));
  $('users').replaceChildren(...users.map(userRow));
  $('users-empty').hidden = users.length > 0;
  $('users-table').hidden = users.length === 0;
  if (focusUserId && actedFrom !== 'search-hits') {
    focusRow('users', focusUserId, $('users-title'));
  }
}

/** After a row action: keyboard focus back on that user's row (its first button), else on `fallback`. */
function focusRow(tbodyId, userId, fallback) {
  if (document.activeElement !== document.body) {
    return;
  }
  const row = [...$(tbodyId).rows].find((tr) => tr.dataset.userId === userId);
  (row?.querySelector('button') || fallback).focus();
}

// Gebruiker zoeken: any employer's users

const HIT_LABELS = ['', 'Gebruikersnaam', 'E-mail', 'Werkgever', 'Status'];

function hitRow(user) {
  const row = document.createElement('tr');
  row.dataset.userId = user.user_id;
  const status = cell(user.state_text);
  status.className = 'status';
  const invitation = user.state === 'invited' ? invitationNote(user.invitation_expires_at) : null;
  if (invitation) {
    addNote(status, invitation);
  }
  const cells = [cell(user.name), cell(user.username), cell(user.email), cell(user.employer_name), status];
  // on a phone each row is a card, each value with its column's name (portal.css, .hits-table)
  HIT_LABELS.forEach((label, i) => { cells[i].dataset.label = label; });
  row.append(...cells, actionsCell(user));
  return row;
}

/** Searches `query` and shows the hits; afterwards keeps keyboard focus near `focusUserId`. */
async function runSearch(query, focusUserId) {
  const request = ++searchRequest;
  const { users, more } = await get(`/api/admin/search?q=${encodeURIComponent(query)}`, SESSION);
  if (request !== searchRequest) {
    return; // a newer search was started meanwhile
  }
  lastQuery = query;
  $('search-results').hidden = false;
  $('search-results-title').textContent = users.length === 1 ? '1 gebruiker gevonden'
    : `${users.length} gebruikers gevonden`;
  $('search-hits').replaceChildren(...users.map(hitRow));
  $('search-table').hidden = users.length === 0;
  $('search-empty').hidden = users.length > 0;
  $('search-empty-text').textContent = `Geen gebruiker gevonden bij \u201c${query}\u201d.`;
  $('search-more').hidden = !more;
  if (focusUserId && actedFrom === 'search-hits') {
    focusRow('search-hits', focusUserId, $('search-results-title'));
  }
}

const searchForm = $('search-form');
onSubmit(searchForm, async () => {
  clearMessages();
  const query = searchForm.elements.namedItem('q').value.trim();
  try {
    await runSearch(query);
    $('search-results-title').focus();
  } catch (error) {
    searchRequest += 1; // an answer still on its way is not shown under the error
    lastQuery = null;
    $('search-results').hidden = true;
    fail(error, searchForm);
  }
});

/** After an action: the employer's users and the last search's hits as they are now. */
async function refresh(focusUserId) {
  await showUsers(focusUserId);
  if (lastQuery) {
    try {
      await runSearch(lastQuery, focusUserId);
    } catch (error) {
      fail(error);
    }
  }
}

async function showUsers(focusUserId) {
  try {
    await loadUsers(focusUserId);
  } catch (error) {
    fail(error);
  }
}

// Row actions

async function actWith(user, send, success) {
  if (acting) {
    return;
  }
  acting = true;
  clearMessages();
  let message = null;
  try {
    message = success(await send());
  } catch (error) {
    fail(error);
  }
  await refresh(user.user_id);
  say(statusRegion, message);
  acting = false;
}

function act(user, action, body, success) {
  actWith(user, () => post(`/api/admin/users/${encodeURIComponent(user.user_id)}/${action}`, body, SESSION), success);
}

function resendInvitation(user) {
  act(user, 'resend-invitation', undefined, (updated) => `Nieuwe uitnodiging verstuurd naar ${updated.email}.`);
}

function unlock(user) {
  act(user, 'unlock', undefined,
    (updated) => `Het account van ${updated.email} is gedeblokkeerd. De gebruiker krijgt hierover een e-mail.`);
}

function reactivate(user) {
  act(user, 'reactivate', undefined, (updated) => (updated.status === 'invited'
    ? `Het account van ${updated.email} is weer actief als uitnodiging; verstuur zo nodig een nieuwe uitnodiging.`
    : `Het account van ${updated.email} is weer actief. De gebruiker krijgt hierover een e-mail.`));
}

function openPhoneDialog(user) {
  dialogUser = user;
  clearMessages();
  phoneForm.reset();
  clearFieldErrors(phoneForm);
  say($('phone-dialog-error'), '');
  $('phone-dialog-user').textContent = `Voor ${user.name} (${user.email}).`;
  phoneDialog.showModal();
}

function openDeactivateDialog(user) {
  dialogUser = user;
  clearMessages();
  $('deactivate-text').textContent = `Weet u zeker dat u ${user.name} (${user.email}) wilt deactiveren? `
    + 'Deze gebruiker kan daarna niet meer inloggen en wordt direct overal uitgelogd.';
  deactivateDialog.showModal();
}

/** "Toegang tot andere werkgever": one more omgeving for a werkgever user. */
function openAccessDialog(user) {
  dialogUser = user;
  clearMessages();
  say($('access-dialog-error'), '');
  const others = [...employerSelect.options].filter((o) => o.value && o.value !== user.employer_id);
  $('access-employer').replaceChildren(...others.map((o) => new Option(o.text, o.value)));
  $('access-dialog-user').textContent = `${user.name} (${user.email}) kan dan ook in de omgeving van deze `
    + 'werkgever werken, naast de eigen werkgever.';
  accessDialog.showModal();
}

/** "Rol instellen": verzuimbeheerder, or leidinggevende of some of the selected employer's departments. */
function openRoleDialog(user) {
  dialogUser = user;
  clearMessages();
  say($('role-dialog-error'), '');
  clearFieldErrors(roleForm);
  const employer = selectedEmployer();
  $('role-dialog-user').textContent = `De rol van ${user.name} (${user.email}) bij ${employer.name}.`;
  fillRoleForm(roleForm, roleOf(user), [...departmentNames]);
  $('role-no-departments').hidden = departmentNames.size > 0;
  roleDialog.showModal();
}

wireRoleForm(roleForm);

onSubmit(roleForm, async () => {
  const user = dialogUser;
  const employer = selectedEmployer();
  const dialogError = $('role-dialog-error');
  say(dialogError, '');
  const role = readRoleForm(roleForm, dialogError, say);
  if (!role) {
    return;
  }
  try {
    await put(`/api/admin/users/${encodeURIComponent(user.user_id)}/role`, { employer_id: employer.id, ...role },
      SESSION);
  } catch (error) {
    showError(dialogError, error, roleForm);
    return;
  }
  roleDialog.close();
  await refresh(user.user_id);
  say(statusRegion, `${user.name} is nu ${role.role} bij ${employer.name}; ${user.email} logt opnieuw in.`);
});

function revokeAccess(user) {
  const employer = selectedEmployer();
  actWith(user, () => del(`/api/admin/users/${encodeURIComponent(user.user_id)}/employers/`
    + `${encodeURIComponent(employer.id)}`, SESSION),
  () => `${user.email} heeft geen toegang meer tot ${employer.name}.`);
}

onSubmit(accessForm, async () => {
  const user = dialogUser;
  const select = $('access-employer');
  const employerName = select.selectedOptions[0]?.text;
  try {
    await post(`/api/admin/users/${encodeURIComponent(user.user_id)}/employers`, { employer_id: select.value },
      SESSION);
  } catch (error) {
    showError($('access-dialog-error'), error, accessForm);
    return;
  }
  accessDialog.close();
  await refresh(user.user_id);
  say(statusRegion, `${user.email} heeft nu ook toegang tot ${employerName}.`);
});

onSubmit(phoneForm, async () => {
  const dialogError = $('phone-dialog-error');
  say(dialogError, '');
  const input = phoneForm.elements.namedItem('phone');
  if (!requireFilled(dialogError, [[input, 'Vul het nieuwe mobiele nummer in.']])) {
    return;
  }
  const user = dialogUser;
  try {
    await post(`/api/admin/users/${encodeURIComponent(user.user_id)}/phone`, { phone: input.value.trim() }, SESSION);
  } catch (error) {
    showError(dialogError, error, phoneForm);
    return;
  }
  phoneDialog.close();
  await refresh(user.user_id);
  say(statusRegion, `Nieuw mobiel nummer opgeslagen voor ${user.email}. `
    + 'De gebruiker bevestigt het met een SMS-code bij de volgende keer inloggen.');
});

$('deactivate-confirm').addEventListener('click', () => {
  deactivateDialog.close();
  act(dialogUser, 'deactivate', undefined, (updated) => `${updated.email} is gedeactiveerd.`);
});

for (const button of document.querySelectorAll('[data-close]')) {
  button.addEventListener('click', () => button.closest('dialog').close());
}

// Employers and invitations

employerSelect.addEventListener('change', () => {
  clearMessages();
  actedFrom = null;
  showUsers();
});

const employerForm = $('employer-form');
onSubmit(employerForm, async () => {
  clearMessages();
  const input = employerForm.elements.namedItem('name');
  if (!requireFilled(errorRegion, [[input, 'Vul de naam van de werkgever in.']])) {
    return;
  }
  try {
    const employer = await post('/api/admin/employers', { name: input.value.trim() }, SESSION);
    employerForm.reset();
    await loadEmployers(employer.employer_id);
    await loadUsers();
    say(statusRegion, `Werkgever ${employer.name} is aangemaakt.`);
  } catch (error) {
    fail(error, employerForm);
  }
});

const inviteForm = $('invite-form');
onSubmit(inviteForm, async () => {
  clearMessages();
  const field = (name) => inviteForm.elements.namedItem(name);
  if (!requireFilled(errorRegion, [[field('name'), 'Vul de naam in.'], [field('email'), 'Vul het e-mailadres in.']])) {
    return;
  }
  const body = { name: field('name').value.trim(), email: field('email').value.trim(), employer_id: selectedEmployer().id };
  if (field('phone').value.trim()) {
    body.phone = field('phone').value.trim();
  }
  try {
    const user = await post('/api/admin/users', body, SESSION);
    inviteForm.reset();
    await loadUsers();
    say(statusRegion, `Uitnodiging verstuurd naar ${user.email}.`);
  } catch (error) {
    fail(error, inviteForm);
  }
});

// Start: only het secretariaat may use this page. `?zoek=<username>` (links on its home) searches at once.

try {
  const me = await startSignedInPage(errorRegion);
  if (me.role === 'secretariaat') {
    await loadEmployers();
    $('admin').hidden = false;
    const wanted = new URLSearchParams(window.location.search).get('zoek');
    if (wanted) {
      searchForm.elements.namedItem('q').value = wanted;
      await runSearch(wanted);
      $('search-results-title').focus();
    }
  } else {
    denyAccess();
  }
} catch (error) {
  fail(error);
}
