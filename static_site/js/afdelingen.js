// Afdelingen en teams: the employer's tree (GET /api/departments), "Toevoegen" of an afdeling or of a team under
// one (POST /api/departments) and "Naam wijzigen" of either (PUT /api/departments/{id}). Names are set as text.
// A leidinggevende sees only their own departments and arranges nothing: the page then only lists them.

import { post, put } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { onSubmit, requireFilled, say, showError } from './ui.js';
import { element, loadDepartments } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const addForm = $('add-form');
const NAME_REQUIRED = 'Vul de naam van de afdeling of het team in.';

let departments = [];
let arranging = true;

/** The open "Naam wijzigen" form, at most one: its department's row gets it in place of the button. */
function renameForm(department, row, button) {
  const form = element('form', null, 'rename');
  form.method = 'post';
  form.noValidate = true;
  const inputId = `rename-${department.department_id}`;
  const field = element('div', null, 'field');
  const label = element('label', `Nieuwe naam voor ${department.full_name}`);
  label.htmlFor = inputId;
  const input = element('input');
  Object.assign(input, { id: inputId, name: 'name', type: 'text', autocomplete: 'off', value: department.name });
  input.spellcheck = false;
  field.append(label, input);
  const save = element('button', 'Opslaan', 'button button--small');
  save.type = 'submit';
  const cancel = element('button', 'Annuleren', 'button button--small button--secondary');
  cancel.type = 'button';
  const actions = element('div', null, 'actions');
  actions.append(save, cancel);
  form.append(field, actions);
  const close = () => {
    form.remove();
    button.hidden = false;
    button.focus();
  };
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
    }
  });
  onSubmit(form, async () => {
    say(errorRegion, '');
    say(status, '');
    if (!requireFilled(errorRegion, [[input, NAME_REQUIRED]])) {
      return;
    }
    let renamed;
    try {
      renamed = await put(`/api/departments/${encodeURIComponent(department.department_id)}`,
        { name: input.value.trim() }, { session: true });
    } catch (error) {
      showError(errorRegion, error, form);
      return;
    }
    await refresh();
    say(status, `De naam is gewijzigd in ${renamed.full_name}.`);
    document.querySelector(`[data-department="${renamed.department_id}"] button`)?.focus();
  });
  row.append(form);
  button.hidden = true;
  input.focus();
  input.select();
}

function departmentRow(department) {
  const item = element('li', null, department.parent_id ? 'department department--team' : 'department');
  item.dataset.department = department.department_id;
  const line = element('div', null, 'department__line');
  const kind = department.parent_id ? 'Team' : 'Afdeling';
  const name = element('span', null, 'department__name');
  name.append(element('span', `${kind} `, 'visually-hidden'), department.name);
  const button = element('button', 'Naam wijzigen', 'button button--small button--secondary');
  button.type = 'button';
  button.append(element('span', ` van ${department.name}`, 'visually-hidden'));
  button.addEventListener('click', () => {
    document.querySelector('form.rename')?.querySelector('button[type="button"]')?.click();
    renameForm(department, item, button);
  });
  line.append(name);
  if (arranging) {
    line.append(button);
  }
  item.append(line);
  return item;
}

/** Afdelingen in order, each with its teams as a list inside it. */
function showTree() {
  const names = new Map(departments.map((d) => [d.department_id, d.name]));
  const rows = new Map();
  const top = [];
  for (const department of departments) {
    const row = departmentRow(department);
    rows.set(department.department_id, row);
    if (!department.parent_id) {
      top.push(row);
      continue;
    }
    const parent = rows.get(department.parent_id);
    let teams = parent.querySelector('ul');
    if (!teams) {
      teams = element('ul', null, 'department-tree department-tree--teams');
      teams.setAttribute('aria-label', `Teams van ${names.get(department.parent_id)}`);
      parent.append(teams);
    }
    teams.append(row);
  }
  $('departments').replaceChildren(...top);
  $('departments').hidden = top.length === 0;
  $('empty').hidden = top.length > 0;
  const parent = $('add-parent');
  const chosen = parent.value;
  parent.replaceChildren(new Option('Een afdeling', ''),
    ...departments.filter((d) => !d.parent_id).map((d) => new Option(`Een team van ${d.name}`, d.department_id)));
  parent.value = [...parent.options].some((o) => o.value === chosen) ? chosen : '';
}

async function refresh() {
  ({ departments } = await loadDepartments());
  showTree();
}

try {
  const me = await startSignedInPage(errorRegion);
  arranging = me.employer_role !== 'leidinggevende';
  await refresh();
  $('list-section').hidden = false;
  $('add-section').hidden = !arranging;
  $('managed-note').hidden = arranging;
  onSubmit(addForm, async () => {
    const addError = $('add-error');
    say(addError, '');
    say(status, '');
    const name = addForm.elements.namedItem('name');
    if (!requireFilled(addError, [[name, NAME_REQUIRED]])) {
      return;
    }
    const parentId = addForm.elements.namedItem('parent_id').value;
    let added;
    try {
      added = await post('/api/departments', { name: name.value.trim(), ...(parentId ? { parent_id: parentId } : {}) },
        { session: true });
    } catch (error) {
      showError(addError, error, addForm);
      return;
    }
    name.value = '';
    await refresh();
    say(status, `${added.parent_id ? 'Team' : 'Afdeling'} ${added.full_name} is toegevoegd.`);
    name.focus();
  });
} catch (error) {
  say(errorRegion, error.message);
}
