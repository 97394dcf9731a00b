// Rapportages: the four absence figures of a period of months (GET /api/reports?van=&tot=), the chart of the
// verzuimpercentage per month (an <img> of /api/reports/chart.svg, with horizontal bars from ?weergave=smal on a
// phone) and the CSV export. Presets fill the period fields; on a phone the tables stack, each value with its label
// (a label shown only there). With afdelingen, "Afdeling" narrows everything to one of them (&afdeling=) and a table
// gives the period's figures per afdeling and team. Contract: docs/reports.md.

import { get } from './api.js';
import { startSignedInPage } from './signed-in.js';
import { onSubmit, say, showError } from './ui.js';
import { dutchDate, element, loadDepartments } from './workspace.js';

const $ = (id) => document.getElementById(id);
const errorRegion = $('page-error');
const status = $('page-status');
const form = $('period-form');

const NO_FIGURE = 'geen cijfer';
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober',
  'november', 'december'];

/** The figures in the order of the table and the CSV, with their unit and a one-sentence explanation. */
const FIGURES = [
  { key: 'verzuimpercentage', name: 'Verzuimpercentage', decimals: 2, unit: '%',
    explanation: 'Welk deel van de dagen dat uw medewerkers in dienst waren zij ziek waren; deeltijders tellen mee '
      + 'naar hun contracturen en bij gedeeltelijk herstel telt alleen het deel dat nog ziek is.' },
  { key: 'meldingsfrequentie', name: 'Meldingsfrequentie', decimals: 2, unit: ' per jaar',
    explanation: 'Hoe vaak een medewerker gemiddeld per jaar ziek wordt gemeld: het aantal nieuwe ziekmeldingen '
      + 'gedeeld door het gemiddelde aantal medewerkers, omgerekend naar een heel jaar.' },
  { key: 'gemiddelde_verzuimduur', name: 'Gemiddelde verzuimduur', decimals: 1, unit: ' dagen',
    explanation: 'Hoeveel kalenderdagen een ziekmelding gemiddeld duurde, over de ziekmeldingen die in deze periode '
      + 'zijn afgesloten (ook de dagen vóór de periode tellen mee).' },
  { key: 'nulverzuim', name: 'Nulverzuim', decimals: 1, unit: '%',
    explanation: 'Welk deel van de medewerkers die de hele periode in dienst waren in die periode geen dag ziek was.' },
];

/** "2026-01" → "januari 2026". */
function monthName(month) {
  const [year, number] = month.split('-');
  return `${MONTHS[Number(number) - 1]} ${year}`;
}

const hasFigure = (value) => value !== null && value !== undefined;

/** 11.11 → "11,11" (a decimal comma, the figure's decimals). */
const dutchNumber = (figure, value) => value.toFixed(figure.decimals).replace('.', ',');

/** 11.11 → "11,11%", 6.08 → "6,08 per jaar"; null → "geen cijfer" (never 0). */
function shown(figure, value) {
  return hasFigure(value) ? `${dutchNumber(figure, value)}${figure.unit}` : NO_FIGURE;
}

/** The month table's column headers, which a stacked row (on a phone) shows beside each value. */
const MONTH_LABELS = ['Verzuimpercentage', 'Meldingsfrequentie (per jaar)', 'Gemiddelde verzuimduur (dagen)',
  'Nulverzuim'];

/** A cell of the month table: the figure (its column names any unit but %), or "geen cijfer". */
function monthCell(figure, value, index) {
  const cell = element('td');
  const label = element('span', MONTH_LABELS[index], 'cell-label');
  label.setAttribute('aria-hidden', 'true'); // the column header already names the cell for a screen reader
  cell.append(label, element('span', hasFigure(value)
    ? `${dutchNumber(figure, value)}${figure.unit === '%' ? '%' : ''}` : NO_FIGURE, 'cell-value'));
  return cell;
}

const pad = (number) => String(number).padStart(2, '0');

/** The presets as [van, tot] (yyyy-mm) from today: this month, this quarter so far, this year so far, last year. */
function presetPeriod(preset, today = new Date()) {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  const now = `${year}-${pad(month)}`;
  switch (preset) {
    case 'maand':
      return [now, now];
    case 'kwartaal':
      return [`${year}-${pad(month - ((month - 1) % 3))}`, now];
    case 'jaar':
      return [`${year}-01`, now];
    default:
      return [`${year - 1}-01`, `${year - 1}-12`];
  }
}

/** Marks the preset whose period is shown (aria-pressed), none for a period chosen by hand. */
function markPreset(van, tot) {
  for (const button of document.querySelectorAll('[data-preset]')) {
    const [from, to] = presetPeriod(button.dataset.preset);
    button.setAttribute('aria-pressed', String(from === van && to === tot));
  }
}

function figureRow(figure, value) {
  const row = element('tr');
  row.dataset.figure = figure.key;
  const name = element('th', figure.name);
  name.scope = 'row';
  const cell = element('td');
  cell.append(element('strong', shown(figure, value)), element('p', figure.explanation, 'hint'));
  row.append(name, cell);
  return row;
}

function monthRow(month) {
  const row = element('tr');
  row.dataset.month = month.month;
  const name = element('th', month.label);
  name.scope = 'row';
  row.append(name, ...FIGURES.map((figure, index) => monthCell(figure, month[figure.key], index)));
  return row;
}

/** Explicit table roles, so a table that stacks on a phone (display: block) is still read as a table. */
function keepTableRoles(table) {
  table.setAttribute('role', 'table');
  for (const group of table.querySelectorAll('thead, tbody')) {
    group.setAttribute('role', 'rowgroup');
  }
  for (const row of table.querySelectorAll('tr')) {
    row.setAttribute('role', 'row');
  }
  for (const cell of table.querySelectorAll('th')) {
    cell.setAttribute('role', cell.scope === 'row' ? 'rowheader' : 'columnheader');
  }
  for (const cell of table.querySelectorAll('td')) {
    cell.setAttribute('role', 'cell');
  }
}

function departmentRow(department) {
  const row = element('tr');
  row.dataset.department = department.department_id;
  const name = element('th', department.full_name);
  name.scope = 'row';
  row.append(name, ...FIGURES.map((figure, index) => monthCell(figure, department[figure.key], index)));
  return row;
}

/** The period and the chosen afdeling (empty: all the user sees) as a query string. */
function periodQuery(van, tot, afdeling = $('afdeling').value) {
  const query = new URLSearchParams();
  if (van) {
    query.set('van', van);
  }
  if (tot) {
    query.set('tot', tot);
  }
  if (afdeling) {
    query.set('afdeling', afdeling);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

function showReport(report) {
  const query = periodQuery(report.van, report.tot, report.afdeling);
  $('van').value = report.van;
  $('tot').value = report.tot;
  $('afdeling').value = report.afdeling || '';
  const of = report.afdeling ? ` van ${$('afdeling').selectedOptions[0].text}` : '';
  const title = `Verzuimcijfers${of} ${monthName(report.van)} tot en met ${dutchDate(report.last_day)}`;
  $('figures-title').textContent = title;
  $('figures').replaceChildren(...FIGURES.map((figure) => figureRow(figure, report.period[figure.key])));
  $('months').replaceChildren(...report.months.map(monthRow));
  $('departments').replaceChildren(...report.departments.map(departmentRow));
  $('departments-section').hidden = report.departments.length === 0;
  $('chart').src = `/api/reports/chart.svg${query}`;
  $('chart-narrow').srcset = `/api/reports/chart.svg${query ? `${query}&` : '?'}weergave=smal`;
  markPreset(report.van, report.tot);
  document.querySelectorAll('.report-table').forEach(keepTableRoles);
  $('csv-link').href = `/api/reports/export.csv${query}`;
  $('report').hidden = false;
  return title;
}

async function load(van, tot) {
  say(errorRegion, '');
  say(status, '');
  try {
    const report = await get(`/api/reports${periodQuery(van, tot)}`, { session: true });
    const title = showReport(report);
    window.history.replaceState(null, '', `${window.location.pathname}${periodQuery(report.van, report.tot,
      report.afdeling)}`);
    say(status, `${title} worden getoond.`);
    return true;
  } catch (error) {
    showError(errorRegion, error, form);
    return false;
  }
}

try {
  await startSignedInPage(errorRegion);
  const asked = new URLSearchParams(window.location.search);
  const { departments } = await loadDepartments();
  $('afdeling').append(...departments.map((d) => new Option(d.full_name, d.department_id)));
  $('afdeling').value = departments.some((d) => d.department_id === asked.get('afdeling')) ? asked.get('afdeling') : '';
  $('afdeling-field').hidden = departments.length === 0;
  onSubmit(form, async () => {
    if (await load($('van').value.trim(), $('tot').value.trim())) {
      $('figures-title').focus();
    }
  });
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', async () => {
      const [van, tot] = presetPeriod(button.dataset.preset);
      $('van').value = van;
      $('tot').value = tot;
      if (await load(van, tot)) {
        $('figures-title').focus();
      }
    });
  }
  $('afdeling').addEventListener('change', () => load($('van').value.trim(), $('tot').value.trim()));
  form.hidden = false;
  await load(asked.get('van'), asked.get('tot'));
} catch (error) {
  say(errorRegion, error.message);
}
