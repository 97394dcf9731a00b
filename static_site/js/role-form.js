// The "Rol instellen" form that Beheer (het secretariaat) and Collega's (the employer's beheerder) share: a role
// (verzuimbeheerder or leidinggevende), the leidinggevende's departments as checkboxes, and the beheerder right.
// Both pages carry the same markup (ids role-*); this fills it from a role and reads it back for the API.

const $ = (id) => document.getElementById(id);

/** "Verzuimbeheerder", "Leidinggevende van Magazijn, Kantoor" (", beheerder" added when so). */
export function roleText(role, names) {
  const beheerder = role.beheerder ? ', beheerder' : '';
  if (role.role !== 'leidinggevende') {
    return `Verzuimbeheerder${beheerder}`;
  }
  const of = role.department_ids.map((id) => names.get(id) || 'een afdeling die u niet ziet');
  return `Leidinggevende van ${of.join(', ')}${beheerder}`;
}

/** The form showing `role` ({role, department_ids, beheerder}), a checkbox per department ([id, full name]). */
export function fillRoleForm(form, role, departments) {
  const chosen = new Set(role.department_ids);
  $('role-departments').replaceChildren(...departments.map(([id, fullName], index) => {
    const row = document.createElement('div');
    row.className = 'check';
    const box = document.createElement('input');
    Object.assign(box, { type: 'checkbox', id: `role-department-${index}`, name: 'department_ids', value: id,
      checked: chosen.has(id) });
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = fullName;
    row.append(box, label);
    return row;
  }));
  form.elements.namedItem('role').value = role.role;
  form.elements.namedItem('beheerder').checked = Boolean(role.beheerder);
  $('role-departments-set').hidden = role.role !== 'leidinggevende';
}

/** The departments' fieldset shows only while "Leidinggevende" is chosen. */
export function wireRoleForm(form) {
  form.addEventListener('change', (event) => {
    if (event.target.name === 'role') {
      $('role-departments-set').hidden = event.target.value !== 'leidinggevende';
    }
  });
}

/** The role as the API takes it; null (with the reason shown in `errorRegion`) for a leidinggevende of nothing. */
export function readRoleForm(form, errorRegion, say) {
  const role = form.elements.namedItem('role').value;
  const ids = [...form.querySelectorAll('input[name="department_ids"]:checked')].map((box) => box.value);
  if (role === 'leidinggevende' && !ids.length) {
    say(errorRegion, 'Kies minstens één afdeling of team voor een leidinggevende.');
    form.querySelector('input[name="department_ids"]')?.focus();
    return null;
  }
  return { role, department_ids: role === 'leidinggevende' ? ids : [],
    beheerder: form.elements.namedItem('beheerder').checked };
}
