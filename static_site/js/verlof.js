// Zwangerschaps- en bevallingsverlof on dossier.html: each leave with its periods and tasks, "Bevallingsdatum
// invullen", "Verlof verwijderen" (a registration in error), and "Zwangerschapsverlof registreren" (POST /api/leaves). Leave is no verzuim: it has its own section.

import { del, post, put } from './api.js';
import { amsterdamToday, onSubmit, requireFilled, say, showError } from './ui.js';
import { dutchDate, element } from './workspace.js';

const $ = (id) => document.getElementById(id);
let birthForms = 0;

/** "16 weken" or "17 weken en 2 dagen". */
function weeks(days) {
  const whole = Math.floor(days / 7);
  const rest = days % 7;
  return `${whole} weken${rest ? ` en ${rest} ${rest === 1 ? 'dag' : 'dagen'}` : ''}`;
}

function period(from, until) {
  return `${dutchDate(from)} tot en met ${dutchDate(until)}`;
}

/** Bevallingsdatum invullen (or wijzigen): a date, not after today; the server works out the new last day. */
function birthForm(leave, { reload, status }) {
  const n = ++birthForms;
  const form = element('form', null, 'leave__birth');
  form.id = `bevalling-${n}`;
  form.noValidate = true;
  const problem = element('div', null, 'message message--error');
  problem.setAttribute('role', 'alert');
  const input = element('input');
  const today = amsterdamToday();
  Object.assign(input, { type: 'date', name: 'born_on', id: `bevalling-${n}-born_on`, max: today,
    value: leave.born_on || '' });
  const label = element('label', 'Bevallingsdatum');
  label.htmlFor = input.id;
  const field = element('div', null, 'field');
  field.append(label, input);
  const save = element('button', leave.born_on ? 'Bevallingsdatum wijzigen' : 'Bevallingsdatum opslaan', 'button');
  save.type = 'submit';
  form.append(problem, field, save);
  onSubmit(form, async () => {
    say(problem, '');
    if (!requireFilled(problem, [[input, 'Vul de bevallingsdatum in.']])) {
      return;
    }
    try {
      const answer = await put(`/api/leaves/${encodeURIComponent(leave.leave_id)}/birth`,
        { born_on: input.value }, { session: true });
      if (await reload()) {
        say(status, `De bevallingsdatum is opgeslagen. Het bevallingsverlof loopt tot en met `
          + `${dutchDate(answer.maternity_until)}.`);
        $('leave-title').focus();
      }
    } catch (error) {
      showError(problem, error, form);
    }
  });
  return form;
}

/** Verlof verwijderen, for a registration made in error: asked once more before it goes, with its tasks. */
function removeAction(leave, { reload, status }) {
  const wrap = element('div', null, 'leave__remove');
  const ask = element('button', 'Verlof verwijderen', 'button button--secondary button--small');
  ask.type = 'button';
  const confirmBox = element('div', null, 'leave__confirm');
  confirmBox.hidden = true;
  const problem = element('div', null, 'message message--error');
  problem.setAttribute('role', 'alert');
  const question = element('p', 'Verwijder het verlof alleen als het per vergissing is geregistreerd: het verlof en '
    + 'zijn taken verdwijnen uit het dossier. Weet u het zeker?');
  const yes = element('button', 'Ja, verlof verwijderen', 'button button--small');
  yes.type = 'button';
  const no = element('button', 'Annuleren', 'button button--secondary button--small');
  no.type = 'button';
  const buttons = element('div', null, 'button-row');
  buttons.append(yes, no);
  confirmBox.append(problem, question, buttons);
  const show = (asking) => {
    confirmBox.hidden = !asking;
    ask.hidden = asking;
    (asking ? yes : ask).focus();
  };
  ask.addEventListener('click', () => show(true));
  no.addEventListener('click', () => {
    say(problem, '');
    show(false);
  });
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    say(problem, '');
    try {
      await del(`/api/leaves/${encodeURIComponent(leave.leave_id)}`, { session: true });
      if (await reload()) {
        say(status, 'Het verlof is verwijderd, met de taken die erbij hoorden.');
        $('leave-title').focus();
      }
    } catch (error) {
      say(problem, error.message);
    } finally {
      yes.disabled = false;
    }
  });
  wrap.append(ask, confirmBox);
  return wrap;
}

function showLeave(leave, { task, reload, status }) {
  const article = element('article', null, 'absence');
  article.id = `verlof-${leave.leave_id}`;
  article.append(element('h3', leave.on_leave_today ? 'Met verlof'
    : `Verlof vanaf ${dutchDate(leave.pregnancy_from || leave.maternity_from)}`));
  const facts = element('dl', null, 'facts');
  const add = (term, value) => facts.append(element('dt', term), element('dd', value));
  add('Uitgerekende datum', dutchDate(leave.expected_on));
  add('Zwangerschapsverlof', leave.pregnancy_from ? period(leave.pregnancy_from, leave.pregnancy_until)
    : 'Geen: het kind werd geboren voor het verlof begon');
  add('Bevallingsdatum', leave.born_on ? dutchDate(leave.born_on) : 'Nog niet ingevuld');
  add(leave.born_on ? 'Bevallingsverlof' : 'Bevallingsverlof (verwacht)',
    period(leave.maternity_from, leave.maternity_until));
  add('Totaal', weeks(leave.total_days));
  article.append(facts);
  const byDue = (a, b) => a.due.localeCompare(b.due);
  const open = leave.tasks.filter((t) => t.status === 'open').sort(byDue);
  const finished = leave.tasks.filter((t) => t.status !== 'open').sort(byDue);
  for (const [heading, tasks] of [['Openstaande taken', open], ['Afgeronde taken', finished]]) {
    if (tasks.length) {
      const list = element('ul', null, 'tasks');
      list.append(...tasks.map(task));
      article.append(element('h4', heading), list);
    }
  }
  article.append(birthForm(leave, { reload, status }), removeAction(leave, { reload, status }));
  return article;
}

/** The section: every leave, the latest first, and "Zwangerschapsverlof registreren" when one may be added. */
export function showLeaves(dossier, { sick, task, reload }) {
  const status = $('page-status');
  const leaves = dossier.leaves || [];
  $('leaves').replaceChildren(...leaves.map((leave) => showLeave(leave, { task, reload, status })));
  const today = amsterdamToday();
  const lasting = leaves.some((leave) => leave.maternity_until >= today);
  const employed = !dossier.employee.end_date || dossier.employee.end_date >= today;
  const open = $('leave-open');
  open.hidden = sick || lasting || !employed || !$('leave-form').hidden;
  $('leave-sick').hidden = !sick || lasting;
  $('leave-empty').hidden = leaves.length > 0;
  if (open.hidden) {
    $('leave-form').hidden = true;
  }
  $('leave-section').hidden = false;
}

/** The registration form: once per page load (the dossier is shown again after each change). */
export function wireLeaveForm(employeeId, { reload, status }) {
  const form = $('leave-form');
  const open = $('leave-open');
  const problem = $('leave-form-error');
  const toggle = (shown) => {
    form.hidden = !shown;
    open.hidden = shown;
    open.setAttribute('aria-expanded', String(shown));
    (shown ? $('leave-expected') : open).focus();
  };
  open.addEventListener('click', () => toggle(true));
  open.disabled = false;
  $('leave-cancel').addEventListener('click', () => {
    say(problem, '');
    toggle(false);
  });
  onSubmit(form, async () => {
    say(problem, '');
    if (!requireFilled(problem, [[$('leave-expected'), 'Vul de uitgerekende datum in.']])) {
      return;
    }
    try {
      const leave = await post('/api/leaves', {
        employee_id: employeeId, expected_on: $('leave-expected').value, starts_on: $('leave-start').value || null,
      }, { session: true });
      form.reset();
      form.hidden = true;
      open.setAttribute('aria-expanded', 'false');
      if (await reload()) {
        say(status, `Het verlof is geregistreerd: van ${dutchDate(leave.pregnancy_from || leave.maternity_from)} `
          + `tot en met ${dutchDate(leave.maternity_until)} (verwacht). De taken voor UWV staan bij het verlof en `
          + 'op de startpagina.');
        $('leave-title').focus();
      }
    } catch (error) {
      showError(problem, error, form);
    }
  });
}
