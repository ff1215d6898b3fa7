// The order as an editable form: parties (role, name, country, address), items (description, quantity, HS code),
// destination, end use and payment terms. One component serves twice: under a report, filled with what the engine
// read from the pasted text (`report.order`), to correct it and screen again; and in the input panel, empty, to
// enter an order directly. Either way the page screens the Order object it returns (screener.screenOrder(order)).
// Validation is shown in the page (no dialogs): each field with a problem is marked and named in a summary.
import { el } from './dom.js';

export const ROLE_LABEL = {
  buyer: 'Buyer', consignee: 'Consignee', endUser: 'End user', intermediate: 'Intermediate consignee',
  notify: 'Notify party', forwarder: 'Forwarder', seller: 'Seller', party: 'Party', vessel: 'Vessel',
};
const ROLES = Object.keys(ROLE_LABEL);
const roleLabel = (role) => ROLE_LABEL[role] || role;

/** Trimmed text, or null when empty (the engine's optional fields). */
const opt = (v) => {
  const t = String(v ?? '').trim();
  return t ? t : null;
};
const same = (a, b) => (opt(a) ?? '') === (opt(b) ?? '');

let forms = 0; // makes ids unique when two forms are on the page

function field(id, label, control, extra = {}) {
  return el('div', { class: `of-field${extra.grow ? ' grow' : ''} of-${extra.name || ''}` },
    el('label', { for: id }, label), control);
}

function textInput(id, value, attrs = {}) {
  const input = el('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  input.value = value ?? '';
  return input;
}

/**
 * Creates the form. `submitLabel` names the submit button; `onSubmit(order)` receives the Order once it is valid;
 * `extraActions` are nodes put next to the submit button. Returns `{ form, setOrder, read, focus }`.
 */
export function createOrderForm({ idPrefix, submitLabel, onSubmit, extraActions = [], hint = null }) {
  const prefix = `${idPrefix || 'of'}${++forms}`;
  let rowSeq = 0;
  let base = {}; // the order the form was filled from: its other fields (text, via, fields, delivery) are kept

  const partyRows = el('div', { class: 'of-rows' });
  const itemRows = el('div', { class: 'of-rows' });
  const errorBox = el('div', { class: 'error of-errors', role: 'alert', id: `${prefix}-errors`, hidden: true });
  const addParty = el('button', { type: 'button', class: 'of-add' }, '+ Add a party');
  const addItem = el('button', { type: 'button', class: 'of-add' }, '+ Add an item');
  const destination = textInput(`${prefix}-destination`, '', { placeholder: 'country, e.g. PK or Pakistan', maxlength: 80 });
  const endUse = textInput(`${prefix}-enduse`, '', { placeholder: 'what the goods will be used for', maxlength: 500 });
  const payment = textInput(`${prefix}-payment`, '', { placeholder: 'e.g. 30 days net, L/C at sight', maxlength: 300 });
  const submit = el('button', { type: 'submit', class: 'primary of-submit' }, submitLabel);

  const form = el('form', { class: 'order-form', novalidate: true, 'aria-describedby': hint ? `${prefix}-hint` : null },
    hint ? el('p', { class: 'help of-hint', id: `${prefix}-hint` }, hint) : null,
    el('fieldset', { class: 'of-group of-parties' }, el('legend', {}, 'Parties'), partyRows, addParty),
    el('fieldset', { class: 'of-group of-items' }, el('legend', {}, 'Items'), itemRows, addItem),
    el('fieldset', { class: 'of-group of-terms' }, el('legend', {}, 'Destination, end use and payment'),
      el('div', { class: 'of-row of-terms-row' },
        field(destination.id, 'Final destination', destination, { name: 'destination' }),
        field(endUse.id, 'End use', endUse, { grow: true, name: 'enduse' }),
        field(payment.id, 'Payment terms', payment, { name: 'payment' }))),
    errorBox,
    el('div', { class: 'actions of-actions' }, submit, ...extraActions));

  function renumber() {
    [...partyRows.children].forEach((row, i) => {
      row.querySelector('legend').textContent = `Party ${i + 1}`;
      row.querySelector('.of-remove').setAttribute('aria-label', `Remove party ${i + 1}`);
    });
    [...itemRows.children].forEach((row, i) => {
      row.querySelector('legend').textContent = `Item ${i + 1}`;
      row.querySelector('.of-remove').setAttribute('aria-label', `Remove item ${i + 1}`);
    });
  }

  function removeButton(row, rows, addButton) {
    const b = el('button', { type: 'button', class: 'quiet of-remove' }, 'Remove');
    b.addEventListener('click', () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      // The button that had focus is gone: focus moves to the neighbouring row, or to the add button.
      (next ? next.querySelector('input') : addButton).focus();
    });
    return b;
  }

  function partyRow(p = {}) {
    const n = ++rowSeq;
    const role = el('select', { id: `${prefix}-p${n}-role` },
      ROLES.map((r) => el('option', { value: r }, roleLabel(r))),
      p.role && !ROLES.includes(p.role) ? el('option', { value: p.role }, p.role) : null);
    role.value = p.role || 'buyer';
    const name = textInput(`${prefix}-p${n}-name`, p.name, { maxlength: 500 });
    const country = textInput(`${prefix}-p${n}-country`, p.country, { maxlength: 80, placeholder: 'e.g. PK' });
    const address = textInput(`${prefix}-p${n}-address`, p.address, { maxlength: 1000 });
    const row = el('fieldset', { class: 'of-row of-party' }, el('legend', { class: 'of-legend' }),
      field(role.id, 'Role', role, { name: 'role' }),
      field(name.id, 'Name', name, { grow: true, name: 'name' }),
      field(country.id, 'Country', country, { name: 'country' }),
      field(address.id, 'Address', address, { grow: true, name: 'address' }));
    row.append(removeButton(row, partyRows, addParty));
    row.source = p; // what the engine read, so unchanged rows keep their span in the text
    row.inputs = { role, name, country, address };
    return row;
  }

  function itemRow(i = {}) {
    const n = ++rowSeq;
    const description = textInput(`${prefix}-i${n}-description`, i.description, { maxlength: 2000 });
    const quantity = textInput(`${prefix}-i${n}-quantity`, i.quantity, { maxlength: 100, placeholder: 'e.g. 20 pcs' });
    const hs = textInput(`${prefix}-i${n}-hs`, i.hs, { maxlength: 20, placeholder: 'e.g. 9014.20', inputmode: 'decimal' });
    const row = el('fieldset', { class: 'of-row of-item' }, el('legend', { class: 'of-legend' }),
      field(description.id, 'Description', description, { grow: true, name: 'description' }),
      field(quantity.id, 'Quantity', quantity, { name: 'quantity' }),
      field(hs.id, 'HS code', hs, { name: 'hs' }));
    row.append(removeButton(row, itemRows, addItem));
    row.source = i;
    row.inputs = { description, quantity, hs };
    return row;
  }

  addParty.addEventListener('click', () => {
    const row = partyRow({ role: partyRows.children.length ? 'endUser' : 'buyer' });
    partyRows.append(row);
    renumber();
    row.inputs.name.focus();
  });
  addItem.addEventListener('click', () => {
    const row = itemRow();
    itemRows.append(row);
    renumber();
    row.inputs.description.focus();
  });

  function clearErrors() {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    for (const input of form.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-errormessage');
    }
  }

  function showErrors(errors) {
    errorBox.replaceChildren(
      el('p', {}, errors.length === 1 ? 'One thing to fix before screening:' : `${errors.length} things to fix before screening:`),
      el('ul', {}, errors.map((e) => el('li', {}, e.message))));
    errorBox.hidden = false;
    for (const e of errors) {
      if (!e.input) continue;
      e.input.setAttribute('aria-invalid', 'true');
      e.input.setAttribute('aria-errormessage', errorBox.id);
    }
    (errors.find((e) => e.input)?.input || submit).focus();
  }

  /** The order as entered, and what is wrong with it: `{ order, errors: [{ message, input }] }`. */
  function read() {
    const errors = [];
    const parties = [];
    [...partyRows.children].forEach((row, k) => {
      const { role, name, country, address } = row.inputs;
      const src = row.source || {};
      const values = { name: opt(name.value), country: opt(country.value), address: opt(address.value) };
      if (!values.name) {
        // A row left empty is ignored; a row with only a country or an address lacks the name to screen.
        if (values.country || values.address) errors.push({ input: name, message: `Party ${k + 1} has no name: enter it, or remove the row.` });
        return;
      }
      const p = { ...src, role: role.value, ...values };
      if (!same(src.name, values.name)) {
        p.span = null; // the words marked in the text were the old name
        p.readFrom = '';
      }
      parties.push(p);
    });
    if (!parties.length && !errors.length) {
      errors.push({ input: partyRows.querySelector('input[id$="-name"]'), message: 'Enter at least one party with its name (the buyer, the consignee or the end user): without a party there is nobody to screen.' });
      if (!partyRows.children.length) errors[errors.length - 1].input = null;
    }
    const items = [];
    [...itemRows.children].forEach((row, k) => {
      const { description, quantity, hs } = row.inputs;
      const src = row.source || {};
      const values = { description: opt(description.value), quantity: opt(quantity.value), hs: opt(hs.value) };
      if (!values.description) {
        if (values.quantity || values.hs) errors.push({ input: description, message: `Item ${k + 1} has no description: enter what the goods are, or remove the row.` });
        return;
      }
      if (values.hs && !/^\d{4}(?:[.\s]?\d{2}){0,3}$/.test(values.hs)) {
        errors.push({ input: hs, message: `Item ${k + 1}: “${values.hs}” is not an HS code; write 4 to 10 digits, such as 9014.20.` });
      }
      const it = { ...src, ...values };
      // What the engine derived from the old wording is derived again from the new.
      if (!same(src.description, values.description)) Object.assign(it, { parameters: [], span: null });
      if (!same(src.quantity, values.quantity) || !same(src.description, values.description)) Object.assign(it, { quantityValue: null, unit: null });
      items.push(it);
    });
    const order = {
      ...base, parties, items,
      destination: opt(destination.value), endUse: opt(endUse.value), payment: opt(payment.value),
    };
    return { order, errors };
  }

  /** Fills the form from an Order (null: an empty form with one buyer row and one item row). */
  function setOrder(order) {
    clearErrors();
    base = {};
    if (order) {
      for (const [k, v] of Object.entries(order)) if (!['parties', 'items', 'destination', 'endUse', 'payment'].includes(k)) base[k] = v;
    }
    const parties = order && order.parties.length ? order.parties : [{ role: 'buyer' }];
    const items = order && order.items.length ? order.items : [{}];
    partyRows.replaceChildren(...parties.map(partyRow));
    itemRows.replaceChildren(...items.map(itemRow));
    destination.value = order?.destination ?? '';
    endUse.value = order?.endUse ?? '';
    payment.value = order?.payment ?? '';
    renumber();
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearErrors();
    const { order, errors } = read();
    if (errors.length) {
      showErrors(errors);
      return;
    }
    onSubmit(order);
  });

  setOrder(null);
  return { form, setOrder, read, focus: () => (partyRows.querySelector('input') || addParty).focus() };
}

const partyKey = (p) => String(p.name || '').trim().toLowerCase();

/**
 * Pairs the rows of `after` with those of `before`: first the rows that match by `key` (and `prefer`, if given),
 * then the rest in order (`fits` says which may pair: an edited row rather than one removed and one added).
 * Returns `[[before|null, after|null], ...]`.
 */
function pairRows(before, after, key, prefer, fits) {
  const left = [...before];
  const pairs = after.map((a) => {
    let k = prefer ? left.findIndex((b) => key(b) === key(a) && prefer(b, a)) : -1;
    if (k < 0) k = left.findIndex((b) => key(b) === key(a));
    return [k < 0 ? null : left.splice(k, 1)[0], a];
  });
  for (const pair of pairs) {
    if (pair[0]) continue;
    const k = left.findIndex((b) => fits(b, pair[1]));
    if (k >= 0) pair[0] = left.splice(k, 1)[0];
  }
  return [...pairs, ...left.map((b) => [b, null])];
}

/**
 * What a corrected order changes in the order as read, in words ("added end user “X”", "buyer “Y”: country PK →
 * AE"), for the note over a re-screened result. Rows are matched by name (description), then an unmatched row
 * with one of the same role (any item) in order, as an edit of it.
 */
export function describeChanges(before, after) {
  const out = [];
  const show = (v) => (opt(v) === null ? '(none)' : opt(v));
  const role = (r) => roleLabel(r).toLowerCase();
  const parties = pairRows(before?.parties || [], after.parties, partyKey, (b, a) => b.role === a.role, (b, a) => b.role === a.role);
  for (const [q, p] of parties) {
    if (!q) { out.push(`added ${role(p.role)} “${p.name}”${p.country ? ` (${p.country})` : ''}`); continue; }
    if (!p) { out.push(`removed ${role(q.role)} “${q.name}”`); continue; }
    const what = [];
    if (!same(q.name, p.name)) what.push(`name → “${p.name}”`);
    if (q.role !== p.role) what.push(`role ${role(q.role)} → ${role(p.role)}`);
    if (!same(q.country, p.country)) what.push(`country ${show(q.country)} → ${show(p.country)}`);
    if (!same(q.address, p.address)) what.push(`address ${show(q.address)} → ${show(p.address)}`);
    // A party whose role changed is named by its name alone ("“X”: role seller → buyer").
    if (what.length) out.push(`${q.role === p.role ? `${role(p.role)} ` : ''}“${q.name}”: ${what.join(', ')}`);
  }
  const items = pairRows(before?.items || [], after.items, (i) => opt(i.description), null, () => true);
  for (const [j, i] of items) {
    if (!j) { out.push(`added item “${i.description}”`); continue; }
    if (!i) { out.push(`removed item “${j.description}”`); continue; }
    const what = [];
    if (!same(j.description, i.description)) what.push(`description → “${i.description}”`);
    if (!same(j.quantity, i.quantity)) what.push(`quantity ${show(j.quantity)} → ${show(i.quantity)}`);
    if (!same(j.hs, i.hs)) what.push(`HS ${show(j.hs)} → ${show(i.hs)}`);
    if (what.length) out.push(`item “${j.description}”: ${what.join(', ')}`);
  }
  for (const [key, label] of [['destination', 'final destination'], ['endUse', 'end use'], ['payment', 'payment terms']]) {
    if (!same(before?.[key], after[key])) out.push(`${label} ${show(before?.[key])} → ${show(after[key])}`);
  }
  return out;
}
