// A case's documents (Document toevoegen, versions, Downloaden) and its re-integratieverslag check, on verzuim.html.
// The file goes straight from the browser to S3 with the presigned form the API hands out; S3's check then
// releases or refuses it, and this page asks again until it knows which.

import { get, post } from './api.js';
import { onSubmit, requireFilled, say, sayNeutral, showError } from './ui.js';
import { dutchDate, element, labelledCell, todayIso } from './workspace.js';

const $ = (id) => document.getElementById(id);
const RIV_STATUS = {
  present: ['Aanwezig', 'badge badge--ok'],
  late: ['Te laat', 'badge badge--late'],
  due: ['Nog te doen', 'badge badge--next'],
  missing: ['Ontbreekt', 'badge badge--late'],
};
const DOCUMENT_STATUS = {
  upload: 'Wordt verstuurd',
  scanning: 'Wordt gecontroleerd',
  available: 'Beschikbaar',
  refused: 'Geweigerd',
};
const BY_EXTENSION = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const POLL_MS = 1000;
const POLL_TRIES = 20;

let absenceId = '';
let statusRegion;
let replacing = null; // { document_id, type, filename } while "Nieuwe versie" is chosen

function base() {
  return `/api/absences/${encodeURIComponent(absenceId)}/documents`;
}

function showCheck({ riv_check: items, missing }) {
  $('riv-summary').textContent = missing
    ? `UWV zou nu ${missing} ${missing === 1 ? 'stap' : 'stappen'} missen of te laat vinden. Kijk hieronder wat u kunt doen.`
    : 'Op dit moment staat alles wat UWV verwacht in het dossier, of is het nog niet aan de beurt.';
  $('riv-items').replaceChildren(...items.map((item) => {
    const [label, badge] = RIV_STATUS[item.status] || [item.status, 'badge'];
    // A step of the check, not a task: its own class, so nothing that finds tasks finds it too.
    const gap = item.status === 'missing' || item.status === 'late';
    const li = element('li', null, gap ? 'riv-item riv-item--gap' : 'riv-item');
    li.append(element('strong', item.title, 'task__title'), element('span', label, badge),
      element('span', `Uiterlijk ${dutchDate(item.due)}`, 'task__line'),
      element('span', item.advice, 'task__line riv-item__advice'),
      element('span', `Grondslag: ${item.basis}`, 'task__line hint'));
    return li;
  }));
  $('riv-section').hidden = false;
}

async function download(document_, button) {
  button.disabled = true;
  try {
    const { url } = await get(`${base()}/${encodeURIComponent(document_.document_id)}/versions/${document_.version}/download`,
      { session: true });
    window.location.assign(url);
  } catch (error) {
    say($('documents-error'), error.message);
  } finally {
    button.disabled = false;
  }
}

function chooseNewVersion(document_) {
  replacing = document_;
  $('document-type').value = document_.type;
  $('document-type').disabled = true;
  const note = $('document-version-note');
  note.textContent = `U voegt een nieuwe versie toe van "${document_.filename}" (${document_.type_label}). De vorige versies blijven bewaard.`;
  note.hidden = false;
  $('document-cancel-version').hidden = false;
  $('document-form-title').textContent = 'Nieuwe versie toevoegen';
  $('document-form-title').focus();
}

function stopNewVersion() {
  replacing = null;
  $('document-type').disabled = false;
  $('document-version-note').hidden = true;
  $('document-cancel-version').hidden = true;
  $('document-form-title').textContent = 'Document toevoegen';
}

function showDocuments(documents) {
  const rows = documents.map((d) => {
    const row = element('tr');
    const status = element('span', DOCUMENT_STATUS[d.status] || d.status);
    if (d.refused_message) {
      status.append(element('span', d.refused_message, 'hint'));
    }
    const actions = element('span', null, 'document-actions');
    if (d.status === 'available') {
      const fetchButton = element('button', 'Downloaden', 'button button--small button--secondary');
      fetchButton.type = 'button';
      fetchButton.setAttribute('aria-label', `Downloaden: ${d.filename}, versie ${d.version}`);
      fetchButton.addEventListener('click', () => download(d, fetchButton));
      const newer = element('button', 'Nieuwe versie', 'button button--small button--secondary');
      newer.type = 'button';
      newer.setAttribute('aria-label', `Nieuwe versie van ${d.filename}`);
      newer.addEventListener('click', () => chooseNewVersion(d));
      actions.append(fetchButton, newer);
      status.append(actions);
    }
    const file = element('span', `${d.filename}, versie ${d.version}`);
    if (d.description) {
      file.append(element('span', d.description, 'hint'));
    }
    row.append(labelledCell('Soort', d.type_label), labelledCell('Datum document', dutchDate(d.dated)),
      labelledCell('Bestand en versie', file), labelledCell('Toegevoegd door', d.uploaded_by_name || 'onbekend'),
      labelledCell('Status', status));
    return row;
  });
  $('documents-rows').replaceChildren(...rows);
  $('documents-table').hidden = !rows.length;
  $('documents-empty').hidden = rows.length > 0;
}

async function reload() {
  const answer = await get(base(), { session: true });
  showDocuments(answer.documents);
  showCheck(answer);
  return answer;
}

function fillTasks(tasks) {
  const select = $('document-task');
  const open = (tasks || []).filter((t) => t.status === 'open').sort((a, b) => a.due.localeCompare(b.due));
  select.replaceChildren(element('option', 'Geen taak'),
    ...open.map((t) => {
      const option = element('option', `${t.title} (uiterlijk ${dutchDate(t.due)})`);
      option.value = t.task_id;
      return option;
    }));
  select.firstChild.value = '';
}

/** "Afronden met document": the form with this task chosen, and the document type that proves it. */
export function finishWithDocument(task, type) {
  stopNewVersion();
  $('document-task').value = task.task_id;
  if (type) {
    $('document-type').value = type;
  }
  $('document-form-title').focus();
}

async function sendToS3(upload, file) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) {
    form.append(name, value);
  }
  form.append('file', file);
  const answer = await fetch(upload.url, { method: 'POST', body: form });
  if (!answer.ok) {
    throw new Error('Het bestand kon niet worden verstuurd. Probeer het opnieuw; lukt het niet, kies dan een kleiner bestand.');
  }
}

async function waitForCheck(started) {
  for (let i = 0; i < POLL_TRIES; i += 1) {
    const answer = await reload();
    const mine = answer.documents.find((d) => d.document_id === started.document_id && d.version === started.version);
    if (mine && mine.status !== 'upload' && mine.status !== 'scanning') {
      return mine;
    }
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
  }
  return null;
}

function wireForm(onTaskDone) {
  const form = $('document-form');
  const problems = $('document-problems');
  $('document-dated').value = todayIso();
  $('document-dated').max = todayIso();
  $('document-cancel-version').addEventListener('click', stopNewVersion);
  onSubmit(form, async () => {
    const file = $('document-file').files[0];
    if (!requireFilled(problems, [[$('document-dated'), 'Vul de datum van het document in, bijvoorbeeld 01-12-2026.'],
      [$('document-file'), 'Kies het bestand dat u wilt toevoegen.']])) {
      return;
    }
    const extension = file.name.split('.').pop().toLowerCase();
    const body = {
      type: $('document-type').value,
      dated: $('document-dated').value,
      filename: file.name,
      content_type: BY_EXTENSION[extension] || file.type || 'application/octet-stream',
      size: file.size,
    };
    if ($('document-task').value) {
      body.task_id = $('document-task').value;
    }
    if ($('document-description').value.trim()) {
      body.description = $('document-description').value;
    }
    if (replacing) {
      body.document_id = replacing.document_id;
    }
    try {
      const started = await post(base(), body, { session: true });
      sayNeutral(statusRegion, 'Het bestand wordt verstuurd en gecontroleerd…');
      await sendToS3(started.upload, file);
      const checked = await waitForCheck(started.document);
      if (!checked) {
        say(statusRegion, 'Het bestand wordt nog gecontroleerd. Vernieuw de pagina straks om het in de lijst te zien.');
      } else if (checked.status === 'available') {
        say(statusRegion, `${checked.type_label} "${checked.filename}" is toegevoegd (versie ${checked.version}).`);
        if (body.task_id) {
          await onTaskDone();
        }
      } else {
        say(statusRegion, `Het bestand is geweigerd. ${checked.refused_message || ''}`);
      }
      form.reset();
      $('document-dated').value = todayIso();
      stopNewVersion();
    } catch (error) {
      sayNeutral(statusRegion, '');
      showError(problems, error, form);
    }
  });
}

/**
 * Shows the case's documents and check, and wires Document toevoegen. `status` is the page's role=status region;
 * `onTaskDone()` redraws the case after a document finished one of its tasks.
 */
export async function showCaseDocuments(absence, status, onTaskDone) {
  absenceId = absence.absence_id;
  statusRegion = status;
  fillTasks(absence.tasks);
  wireForm(async () => {
    const updated = await onTaskDone();
    fillTasks(updated.tasks);
  });
  const answer = await reload();
  $('documents-section').hidden = false;
  return answer;
}
