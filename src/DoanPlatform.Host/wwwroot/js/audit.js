import { start, api, el, $, fmtDate, fmtDateTime, fillUnitPicker, setQuery, showErrors, clearErrors, openOnYear } from './app.js';

// The auditor's replay of a unit's year: every change in effective-date order with who recorded it, when and under which decision.
// The picker follows the year and reaches merged, dissolved and deeper units: replaying exactly those is what the screen is for.
start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  const picker = await fillUnitPicker(unit, account, ['Admin', 'Auditor'], undefined, () => ({ year: year.value }));
  await openOnYear(year, unit.value, new Date().getFullYear() - 1);
  await picker.refresh();
  const form = $('#filter');

  async function load() {
    clearErrors(form);
    setQuery({ unit: unit.value, nam: year.value });
    const code = picker.code();
    const body = $('#audit tbody');
    if (!code) {
      $('#download').removeAttribute('href');
      body.replaceChildren();
      showErrors(form, 400, { errors: { unit: ['Chọn đơn vị cần tra soát: gõ tên hoặc mã vào ô tìm kiếm rồi chọn trong danh sách.'] } });
      return;
    }
    $('#download').href = `/api/reports/audit/units/${encodeURIComponent(code)}.xlsx?year=${year.value}`;
    const result = await api('GET', `/api/reports/audit/units/${encodeURIComponent(code)}?year=${year.value}`);
    if (!result.ok) {
      body.replaceChildren();
      showErrors(form, result.status, result.problem);
      return;
    }
    const entries = result.data.entries;
    const ended = unit.selectedOptions[0]?.dataset.ended;
    $('#audit-note').textContent = ended ? `Đơn vị này không còn hoạt động (${unit.selectedOptions[0].textContent.replace(/^.*\((.*)\)$/, '$1')}); lịch sử vẫn được giữ đầy đủ.` : '';
    body.replaceChildren(...(entries.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, `Không có thay đổi nào trong năm ${year.value}.`))]
      : entries.map((e) => el('tr', {},
        el('td', {}, fmtDate(e.effectiveDate)), el('td', {}, fmtDateTime(e.recordedAt)), el('td', {}, e.actor ?? ''),
        el('td', {}, e.decision ?? ''), el('td', {}, e.text ?? '')))));
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  unit.addEventListener('change', load);
  year.addEventListener('change', async () => { await picker.refresh(); load(); });
  await load();
});
