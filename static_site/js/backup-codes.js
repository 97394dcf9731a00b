// A freshly made set of back-up codes: the sheet to keep, with "Afdrukken" and "Downloaden".
// Used at activation (step 4), after a back-up code login (home) and in Instellingen.

function button(text, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'button button--secondary';
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

function download(codes, username) {
  const text = [
    'Verzuimportaal – back-up codes',
    `Gebruikersnaam: ${username}`,
    '',
    'Elke code werkt één keer, als u uw telefoon niet bij de hand heeft.',
    '',
    ...codes,
    '',
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = 'verzuimportaal-backup-codes.txt';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Shows `codes` in `container` for the user `{ name, username }`. While they are on screen, printing the
 * page prints only the sheet.
 */
export function showBackupCodes(container, codes, { name, username }) {
  const sheet = document.createElement('div');
  sheet.className = 'codes-sheet';
  const title = document.createElement('h3');
  title.textContent = 'Back-up codes voor Verzuimportaal';
  const owner = document.createElement('p');
  owner.textContent = `${name} (gebruikersnaam ${username})`;
  const list = document.createElement('ul');
  list.className = 'codes';
  list.append(...codes.map((code) => {
    const item = document.createElement('li');
    item.textContent = code;
    return item;
  }));
  sheet.append(title, owner, list);
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(button('Afdrukken', () => window.print()), button('Downloaden', () => download(codes, username)));
  container.replaceChildren(sheet, actions);
  container.classList.add('backup-codes');
  document.body.classList.add('print-codes');
}
