// Shared pieces of the employer workspace: names, Dutch dates, task lists, an absence with "Herstel melden".

import { get, post, put } from './api.js';
import { amsterdamToday, link, onSubmit, requireFilled, say, showError } from './ui.js';

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

/**
 * A table cell that names its column on a phone, where a table of words stacks into a card per row
 * (`.cell-label`, shown by the narrow layout only and hidden from screen readers, which have the header).
 */
export function labelledCell(label, content) {
  const cell = element('td');
  const shown = element('span', label, 'cell-label');
  shown.setAttribute('aria-hidden', 'true');
  const value = element('span', null, 'cell-value');
  value.append(content);
  cell.append(shown, value);
  return cell;
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
 * One task as a list item: title, (employee), due date and "Te laat" in text for overdue tasks, for a done one the
 * day it was done and its note, and what the task means (once loadTaskGuide() has run).
 * `extra(item, task)` may append links or buttons; `label` is a badge before the title ("Volgende stap").
 */
export function taskItem(task, { employee, overdue, extra, label } = {}) {
  const item = element('li', null, overdue ? 'task task--overdue' : 'task');
  const title = element('strong', task.title, 'task__title');
  title.id = `taak-${task.task_id}`;
  if (label) {
    item.append(element('span', label, 'badge badge--next'));
  }
  item.append(title);
  if (employee) {
    item.append(element('span', employee, 'task__line'));
  }
  const due = element('span', `Uiterlijk ${dutchDate(task.due)}`, 'task__line');
  if (overdue) {
    due.append(' ', element('span', 'Te laat', 'badge badge--late'));
  }
  item.append(due);
  if (task.status === 'done') {
    const by = task.done_by_name ? ` door ${task.done_by_name}` : '';
    item.append(element('span', `Afgerond${by} op ${dutchDate(task.done_on)}`, 'task__line'));
    if (task.done_note) {
      item.append(element('span', `Notitie: ${task.done_note}`, 'task__line task__note'));
    }
  } else if (task.status === 'closed') {
    item.append(element('span', 'Vervallen na herstel', 'task__line'));
  }
  if (extra) {
    extra(item, task);
  }
  const step = guide.get(task.step);
  if (step) {
    item.append(explanation(step));
  }
  return item;
}

/** The sentence shown with every free-text note: what an employer may never write down (DOMAIN.md). */
export const NOTE_WARNING = 'Let op: noteer nooit de diagnose, de oorzaak, klachten of de behandeling van de '
  + 'ziekte, ook niet als de medewerker dat goedvindt. Dat mag de werkgever niet vastleggen.';

let finishCount = 0;

/**
 * "Afronden" for an open task: a button that opens a short form in the task card — the day the work was done
 * (today unless changed) and an optional note — with "Afronden bevestigen" and "Annuleren".
 * `onDone(task, answer)` runs after POST /api/tasks/{id}/done succeeded.
 */
export function finishAction(task, { onDone }) {
  const n = ++finishCount;
  const wrap = element('div', null, 'task__actions');
  const open = element('button', 'Afronden', 'button button--small button--secondary');
  open.type = 'button';
  open.setAttribute('aria-describedby', `taak-${task.task_id}`);
  open.setAttribute('aria-expanded', 'false');
  const form = element('form', null, 'task__finish');
  form.id = `afronden-${n}`;
  form.noValidate = true;
  form.hidden = true;
  form.setAttribute('aria-label', `${task.title} afronden`);
  open.setAttribute('aria-controls', form.id);
  const problem = element('div', null, 'message message--error');
  problem.setAttribute('role', 'alert');
  const today = amsterdamToday();
  const date = element('input');
  Object.assign(date, { type: 'date', name: 'done_on', id: `afronden-${n}-done_on`, value: today, max: today });
  const dateLabel = element('label', 'Datum waarop de taak is gedaan');
  dateLabel.htmlFor = date.id;
  const note = element('textarea');
  Object.assign(note, { name: 'note', id: `afronden-${n}-note`, rows: 2, maxLength: 500 });
  const noteLabel = element('label', 'Notitie (niet verplicht), bijvoorbeeld wanneer en met wie u het besprak');
  noteLabel.htmlFor = note.id;
  const warning = element('p', NOTE_WARNING, 'hint notice-inline');
  warning.id = `afronden-${n}-warning`;
  note.setAttribute('aria-describedby', warning.id);
  const confirm = element('button', 'Afronden bevestigen', 'button button--small');
  confirm.type = 'submit';
  const cancel = element('button', 'Annuleren', 'button button--small button--secondary');
  cancel.type = 'button';
  const buttons = element('div', null, 'button-row');
  buttons.append(confirm, cancel);
  const dateField = element('div', null, 'field');
  dateField.append(dateLabel, date);
  const noteField = element('div', null, 'field');
  noteField.append(noteLabel, warning, note);
  form.append(problem, dateField, noteField, buttons);
  const show = (shown) => {
    form.hidden = !shown;
    open.hidden = shown;
    open.setAttribute('aria-expanded', String(shown));
    (shown ? date : open).focus();
  };
  open.addEventListener('click', () => show(true));
  cancel.addEventListener('click', () => {
    say(problem, '');
    show(false);
  });
  onSubmit(form, async () => {
    say(problem, '');
    confirm.disabled = true;
    try {
      const answer = await post(`/api/tasks/${encodeURIComponent(task.task_id)}/done`,
        { done_on: date.value || null, note: note.value.trim() || null }, { session: true });
      await onDone(task, answer);
    } catch (error) {
      showError(problem, error, form);
      if (error.status === 409) {
        await onDone(task, null);
      }
    } finally {
      confirm.disabled = false;
    }
  });
  wrap.append(open, form);
  return wrap;
}

/** Whether a done task may still be reopened (the server's `reopen_until`; it checks again). */
export function canReopen(task) {
  return task.status === 'done' && task.reopen_until && task.reopen_until * 1000 > Date.now();
}

/**
 * POST /api/tasks/{id}/reopen; `after(task, error)` runs when it is done or refused (error then set).
 */
export async function reopenTask(task, after) {
  try {
    await post(`/api/tasks/${encodeURIComponent(task.task_id)}/reopen`, {}, { session: true });
  } catch (error) {
    await after(task, error);
    return;
  }
  await after(task, null);
}

/** "Heropenen" for a done task within the period after it was done; `after(task, error)` as for reopenTask. */
export function reopenAction(task, after) {
  const wrap = element('div', null, 'task__actions');
  const button = element('button', 'Heropenen', 'button button--small button--secondary');
  button.type = 'button';
  button.setAttribute('aria-describedby', `taak-${task.task_id}`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    await reopenTask(task, after);
    button.disabled = false;
  });
  wrap.append(button);
  return wrap;
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
    if (!requireFilled(problem, [[date, `Vul de datum van herstel in, bijvoorbeeld ${dutchDate(todayIso())}.`],
      [percentage, 'Vul het percentage hersteld in, bijvoorbeeld 100 of 50.']])) {
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
    if (!requireFilled(problem, [[input, `Vul de juiste eerste ziektedag in, bijvoorbeeld ${dutchDate(absence.first_sick_day)}.`]])) {
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
 * `name` is the employee's name; `status` the page's role=status region for the outcome of a recovery;
 * `taskExtra(item, task)` may add to each open task's card.
 */
export function showAbsence(container, absence, name, status, { taskExtra } = {}) {
  const heading = element('h2', `Verzuim van ${name}`);
  heading.tabIndex = -1;
  const today = todayIso();
  const open = (absence.tasks || []).filter((t) => t.status === 'open');
  const parts = [heading, facts(absence)];
  if (absence.status === 'open') {
    parts.push(recoveryForm(absence, (updated) => {
      showAbsence(container, updated, name, status, { taskExtra });
      const step = (updated.recovery_steps || []).at(-1);
      say(status, updated.status === 'open'
        ? `Gedeeltelijk herstel gemeld: ${step ? `${step.percentage}% vanaf ${dutchDate(step.from_date)}` : ''}. De ziekmelding blijft open.`
        : `Herstel gemeld. De ziekmelding van ${name} is afgesloten per ${dutchDate(updated.recovered_on)}.`);
      container.querySelector('h2').focus();
    }));
  }
  parts.push(correctionForm(absence, (updated) => {
    showAbsence(container, updated, name, status, { taskExtra });
    say(status, `De eerste ziektedag is nu ${dutchDate(updated.first_sick_day)}. De termijnen van de openstaande `
      + 'taken zijn opnieuw berekend.');
    container.querySelector('h2').focus();
  }));
  const reload = async () => {
    showAbsence(container, await get(`/api/absences/${encodeURIComponent(absence.absence_id)}`,
      { session: true }), name, status, { taskExtra });
  };
  parts.push(element('h3', open.length ? 'Openstaande taken' : 'Geen openstaande taken'));
  if (open.length) {
    const list = element('ul', null, 'tasks');
    for (const task of open.sort((a, b) => a.due.localeCompare(b.due))) {
      list.append(taskItem(task, {
        overdue: task.due < today,
        extra: (item) => {
          item.append(finishAction(task, {
            onDone: async (_, answer) => {
              await reload();
              if (answer) {
                say(status, `De taak "${task.title}" is afgerond op ${dutchDate(answer.done_on)}.`);
              }
              container.querySelector('h2').focus();
            },
          }));
          if (taskExtra) {
            taskExtra(item, task);
          }
        },
      }));
    }
    parts.push(list);
  }
  const done = (absence.tasks || []).filter((t) => t.status === 'done');
  if (done.length) {
    parts.push(element('h3', 'Afgeronde taken'));
    const list = element('ul', null, 'tasks');
    for (const task of done.sort((a, b) => (b.done_on || '').localeCompare(a.done_on || ''))) {
      list.append(taskItem(task, {
        extra: (item) => {
          if (absence.status === 'open' && canReopen(task)) {
            item.append(reopenAction(task, async (_, error) => {
              await reload();
              say(status, error ? error.message : `De taak "${task.title}" staat weer open.`);
              container.querySelector('h2').focus();
            }));
          }
        },
      }));
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

/**
 * GET /api/departments once: the afdelingen by name, each followed by its teams, and a Map department_id →
 * "Afdeling › Team". An employer without departments gets an empty list (the pages then show no department).
 */
export async function loadDepartments() {
  const { departments } = await get('/api/departments', { session: true });
  return { departments, names: new Map(departments.map((d) => [d.department_id, d.full_name])) };
}
