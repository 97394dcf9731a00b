// Shared pieces of the employer workspace: names, Dutch dates, task lists, an absence with "Herstel melden".

import { get, post, put } from './api.js';
import { link, onSubmit, requireFilled, say, showError } from './ui.js';

/** "Jan de Vries": first name, infix and last name of an Employee. */
export function employeeName(employee) {
  return [employee.first_name, employee.infix, employee.last_name].filter(Boolean).join(' ');
}

/** GET /api/employees once: the list (sorted by last name) and a Map employee_id → Employee. */
export async function loadEmployees() {
  const { employees } = await get('/api/employees', { session: true });
  return { employees, byId: new Map(employees.map((e) => [e.employee_id, e])) };
}

/** "2026-11-19" → "19-11-2026" (dd-mm-jjjj). */
export function dutchDate(iso) {
  const [year, month, day] = String(iso || '').split('-');
  return day ? `${day}-${month}-${year}` : '';
}

/** Today as yyyy-mm-dd in the browser's own time zone (what a date input holds). */
export function todayIso() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

let guide = new Map();

/**
 * GET /api/tasks/guide once per page: what each Poortwachter step is, who acts, its deadline and what to do here.
 * Call before showing tasks; without it (the request failed) the tasks show without their explanation.
 */
export async function loadTaskGuide() {
  try {
    const { steps } = await get('/api/tasks/guide');
    guide = new Map(steps.map((step) => [step.step, step]));
  } catch {
    guide = new Map();
  }
}

function explanation(step) {
  const box = element('details', null, 'task__help');
  box.append(element('summary', 'Wat houdt deze taak in?'));
  const list = element('dl', null, 'task__guide');
  for (const [term, text] of [['Wat', step.what], ['Wie', step.who], ['Uiterste datum', step.deadline],
    ['In dit portaal', step.in_portal]]) {
    list.append(element('dt', term), element('dd', text));
  }
  const more = element('p');
  more.append(link(step.help_url, `${step.title} in de instructiekaart`));
  box.append(list, more);
  return box;
}

/**
 * One task as a list item: title, (employee), due date and "Te laat" in text for overdue tasks, and what the task
 * means (once loadTaskGuide() has run).
 * `extra(item, task)` may append links or buttons.
 */
export function taskItem(task, { employee, overdue, extra } = {}) {
  const item = element('li', null, overdue ? 'task task--overdue' : 'task');
  const title = element('strong', task.title, 'task__title');
  title.id = `taak-${task.task_id}`;
  item.append(title);
  if (employee) {
    item.append(element('span', employee, 'task__line'));
  }
  const due = element('span', `Uiterlijk ${dutchDate(task.due)}`, 'task__line');
  if (overdue) {
    due.append(' ', element('span', 'Te laat', 'badge badge--late'));
  }
  if (task.status && task.status !== 'open') {
    due.append(' ', element('span', 'Afgerond', 'badge'));
  }
  item.append(due);
  if (extra) {
    extra(item, task);
  }
  const step = guide.get(task.step);
  if (step) {
    item.append(explanation(step));
  }
  return item;
}

function facts(absence) {
  const list = element('dl', null, 'facts');
  const add = (term, value) => {
    if (value) {
      list.append(element('dt', term), element('dd', value));
    }
  };
  const yesNo = (value) => (value ? 'Ja' : 'Nee');
  add('Eerste ziektedag', dutchDate(absence.first_sick_day));
  add('Status', absence.status === 'open' ? 'Ziek' : `Hersteld per ${dutchDate(absence.recovered_on)}`);
  add('Verblijfadres tijdens ziekte', absence.contact_address);
  add('Telefoonnummer tijdens ziekte', absence.contact_phone);
  add('Verwachte duur', absence.expected_duration);
  add('Valt onder de vangnetregeling', yesNo(absence.vangnet));
  add('Gevolg van een arbeidsongeval', yesNo(absence.work_accident));
  add('Een derde partij is mogelijk aansprakelijk', yesNo(absence.third_party_liable));
  add('Opmerking', absence.note);
  for (const step of absence.recovery_steps || []) {
    add('Gedeeltelijk hersteld', `${step.percentage}% vanaf ${dutchDate(step.from_date)}`);
  }
  return list;
}

let formCount = 0;

/** The "Herstel melden" form of an open absence; `done(absence)` runs after a successful report. */
function recoveryForm(absence, done) {
  const n = ++formCount;
  const form = element('form', null, 'recovery');
  form.noValidate = true;
  form.append(element('h3', 'Herstel melden'));
  const problem = element('div', null, 'message message--error');
  problem.setAttribute('role', 'alert');
  const field = (label, input) => {
    const wrap = element('div', null, 'field');
    const labelNode = element('label', label);
    input.id = `herstel-${n}-${input.name}`;
    labelNode.htmlFor = input.id;
    wrap.append(labelNode, input);
    return wrap;
  };
  const date = element('input');
  Object.assign(date, { type: 'date', name: 'date', value: todayIso(), max: todayIso(), min: absence.first_sick_day });
  const percentage = element('input');
  Object.assign(percentage, { type: 'number', name: 'percentage', value: '100', min: '1', max: '100', step: '1' });
  percentage.inputMode = 'numeric';
  const hint = element('p', 'Vul 100 in bij volledig herstel. Bij gedeeltelijk herstel blijft de ziekmelding open.', 'hint');
  hint.id = `herstel-${n}-hint`;
  percentage.setAttribute('aria-describedby', hint.id);
  const percentageField = field('Percentage hersteld', percentage);
  percentageField.querySelector('label').after(hint);
  const submit = element('button', 'Herstel melden', 'button');
  submit.type = 'submit';
  form.append(problem, field('Datum herstel', date), percentageField, submit);
  onSubmit(form, async () => {
    say(problem, '');
    if (!requireFilled(problem, [[date, 'Vul de datum van herstel in.'], [percentage, 'Vul het percentage hersteld in.']])) {
      return;
    }
    const value = Number(percentage.value);
    submit.disabled = true;
    try {
      await post(`/api/absences/${encodeURIComponent(absence.absence_id)}/recovery`,
        { date: date.value, percentage: Number.isInteger(value) ? value : percentage.value }, { session: true });
      done(await get(`/api/absences/${encodeURIComponent(absence.absence_id)}`, { session: true }));
    } catch (error) {
      showError(problem, error, form);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** "Eerste ziektedag corrigeren": the case start and the open tasks' due dates are computed again. */
function correctionForm(absence, done) {
  const n = ++formCount;
  const details = element('details', null, 'correction');
  details.append(element('summary', 'Eerste ziektedag corrigeren'));
  const form = element('form');
  form.noValidate = true;
  const problem = element('div', null, 'message message--error');
  problem.setAttribute('role', 'alert');
  const wrap = element('div', null, 'field');
  const input = element('input');
  Object.assign(input, { type: 'date', name: 'first_sick_day', id: `correctie-${n}`, value: absence.first_sick_day,
    max: todayIso() });
  const label = element('label', 'Juiste eerste ziektedag');
  label.htmlFor = input.id;
  const hint = element('p', 'De termijnen van de openstaande taken worden opnieuw berekend. Afgeronde taken blijven '
    + 'zoals ze zijn.', 'hint');
  hint.id = `correctie-${n}-hint`;
  input.setAttribute('aria-describedby', hint.id);
  wrap.append(label, hint, input);
  const submit = element('button', 'Eerste ziektedag opslaan', 'button button--secondary');
  submit.type = 'submit';
  form.append(problem, wrap, submit);
  details.append(form);
  onSubmit(form, async () => {
    say(problem, '');
    if (!requireFilled(problem, [[input, 'Vul de juiste eerste ziektedag in.']])) {
      return;
    }
    submit.disabled = true;
    try {
      done(await put(`/api/absences/${encodeURIComponent(absence.absence_id)}/first-sick-day`,
        { first_sick_day: input.value }, { session: true }));
    } catch (error) {
      showError(problem, error, form);
    } finally {
      submit.disabled = false;
    }
  });
  return details;
}

/**
 * Shows an absence in `container`: its facts, then its main actions ("Herstel melden" while it is open, "Eerste
 * ziektedag corrigeren"), then its open tasks, which can be many: the actions stay at the top, in reach.
 * `name` is the employee's name; `status` the page's role=status region for the outcome of a recovery.
 */
export function showAbsence(container, absence, name, status) {
  const heading = element('h2', `Verzuim van ${name}`);
  heading.tabIndex = -1;
  const today = todayIso();
  const open = (absence.tasks || []).filter((t) => t.status === 'open');
  const parts = [heading, facts(absence)];
  if (absence.status === 'open') {
    parts.push(recoveryForm(absence, (updated) => {
      showAbsence(container, updated, name, status);
      const step = (updated.recovery_steps || []).at(-1);
      say(status, updated.status === 'open'
        ? `Gedeeltelijk herstel gemeld: ${step ? `${step.percentage}% vanaf ${dutchDate(step.from_date)}` : ''}. De ziekmelding blijft open.`
        : `Herstel gemeld. De ziekmelding van ${name} is afgesloten per ${dutchDate(updated.recovered_on)}.`);
      container.querySelector('h2').focus();
    }));
  }
  parts.push(correctionForm(absence, (updated) => {
    showAbsence(container, updated, name, status);
    say(status, `De eerste ziektedag is nu ${dutchDate(updated.first_sick_day)}. De termijnen van de openstaande `
      + 'taken zijn opnieuw berekend.');
    container.querySelector('h2').focus();
  }));
  parts.push(element('h3', open.length ? 'Openstaande taken' : 'Geen openstaande taken'));
  if (open.length) {
    const list = element('ul', null, 'tasks');
    for (const task of open.sort((a, b) => a.due.localeCompare(b.due))) {
      list.append(taskItem(task, { overdue: task.due < today }));
    }
    parts.push(list);
  }
  container.replaceChildren(...parts);
}

/** A fresh Idempotency-Key: crypto.randomUUID() where the browser has it. */
export function newRequestKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
