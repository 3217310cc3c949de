import { start, api, el, $, fmtNumber, fillUnitPicker, setQuery, showErrors, clearErrors, openOnYear, yearsWithData, otherYearsHint } from './app.js';

const STATUS_NAMES = { Locked: 'Đã chốt', Published: 'Đã công bố' };

// Each cluster's ranking for a year, from the locked and published results, with classification and proposed award.
start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  const picker = await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff', 'Inspector', 'Auditor'], undefined, () => ({ year: year.value }));
  let years = await openOnYear(year, unit.value);
  await picker.refresh();

  async function load() {
    setQuery({ unit: unit.value, nam: year.value });
    $('#download').href = `/api/emulation/rankings.xlsx?issuingUnitId=${unit.value}&year=${year.value}`;
    const result = await api('GET', `/api/emulation/rankings?issuingUnitId=${unit.value}&year=${year.value}`);
    if (!result.ok) {
      showErrors($('#filter'), result.status, result.problem);
      $('#rankings').replaceChildren();
      return;
    }
    clearErrors($('#filter'));
    if (result.data.length === 0) {
      $('#rankings').replaceChildren(el('p', { class: 'muted' }, `Đơn vị chưa lập cụm thi đua nào cho năm ${year.value}: xếp hạng chỉ có khi đơn vị đã lập cụm và chốt điểm các đơn vị trong cụm.${otherYearsHint(years, year.value)}`));
      return;
    }
    $('#rankings').replaceChildren(...result.data.map((cluster) => el('section', { class: 'card', dataset: { cluster: cluster.cluster } },
      el('h2', {}, cluster.cluster),
      cluster.rows.length === 0
        ? el('p', { class: 'muted' }, 'Chưa có đơn vị nào được chốt điểm.')
        : el('div', { class: 'table-wrap' }, el('table', {},
          el('thead', {}, el('tr', {}, el('th', { class: 'num' }, 'Hạng'), el('th', {}, 'Đơn vị'), el('th', { class: 'num' }, 'Tổng điểm'),
            el('th', { class: 'num' }, 'Thưởng'), el('th', { class: 'num' }, 'Trừ'), el('th', {}, 'Xếp loại'), el('th', {}, 'Tình trạng'), el('th', {}, 'Đề nghị khen thưởng'))),
          el('tbody', {}, cluster.rows.map((r) => el('tr', {},
            el('td', { class: 'num' }, r.rank), el('td', {}, r.unitName), el('td', { class: 'num' }, fmtNumber(r.total)),
            el('td', { class: 'num' }, fmtNumber(r.bonus)), el('td', { class: 'num' }, fmtNumber(r.penalty)), el('td', {}, r.classification ?? ''),
            el('td', {}, el('span', { class: `badge ${r.status}` }, STATUS_NAMES[r.status] ?? r.status)), el('td', {}, r.proposedAward ?? '')))))))));
  }

  unit.addEventListener('change', async () => { years = await yearsWithData(unit.value); load(); });
  year.addEventListener('change', async () => { await picker.refresh(); load(); });
  $('#filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
});
