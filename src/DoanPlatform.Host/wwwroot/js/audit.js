import { start, api, el, $, fmtDate, fmtDateTime, fillUnitPicker, setQuery, showErrors, clearErrors } from './app.js';

// The auditor's replay of a unit's year: every change in effective-date order with who recorded it, when and under which decision.
start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  year.value = new URLSearchParams(location.search).get('nam') ?? new Date().getFullYear() - 1;
  const units = await fillUnitPicker(unit, account, ['Admin', 'Auditor']);
  const form = $('#filter');

  async function load() {
    clearErrors(form);
    setQuery({ unit: unit.value, nam: year.value });
    const code = encodeURIComponent(units.find((u) => u.id === unit.value)?.code ?? '');
    $('#download').href = `/api/reports/audit/units/${code}.xlsx?year=${year.value}`;
    const result = await api('GET', `/api/reports/audit/units/${code}?year=${year.value}`);
    if (!result.ok) {
      $('#audit tbody').replaceChildren();
      showErrors(form, result.status, result.problem);
      return;
    }
    const entries = result.data.entries;
    $('#audit tbody').replaceChildren(...(entries.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, `Không có thay đổi nào trong năm ${year.value}.`))]
      : entries.map((e) => el('tr', {},
        el('td', {}, fmtDate(e.effectiveDate)), el('td', {}, fmtDateTime(e.recordedAt)), el('td', {}, e.actor ?? ''),
        el('td', {}, e.decision ?? ''), el('td', {}, e.text ?? '')))));
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
});
