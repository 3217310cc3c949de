import {
  start, api, el, $, fmtDate, fillUnitPicker, setQuery, showErrors, clearErrors, formValues, KIND_NAMES, openOnYear, yearsWithData, otherYearsHint,
} from './app.js';

// The meetings a unit convened in a year, and the form that convenes a new one.
start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  const picker = await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff'], undefined, () => ({ year: year.value }));
  let years = await openOnYear(year, unit.value);
  await picker.refresh();

  async function load() {
    setQuery({ unit: unit.value, nam: year.value });
    $('#import-link').href = `/hoi-nghi/nhap-thong-bao?unit=${unit.value}`;
    const result = await api('GET', `/api/meetings?unitId=${unit.value}&year=${year.value}`);
    if (!result.ok) {
      showErrors($('#filter'), result.status, result.problem);
      $('#meetings tbody').replaceChildren();
      return;
    }
    clearErrors($('#filter'));
    $('#meetings tbody').replaceChildren(...(result.data.length === 0
      ? [el('tr', {}, el('td', { colspan: 7, class: 'muted' },
        `Chưa có hội nghị nào trong năm ${year.value}.${otherYearsHint(years, year.value)}`))]
      : result.data.map((m) => el('tr', {},
        el('td', {}, fmtDate(m.heldOn)),
        el('td', {}, el('a', { href: `/hoi-nghi/${m.meetingId}` }, m.title), el('br'), el('span', { class: 'muted' }, KIND_NAMES[m.kind] ?? m.kind)),
        el('td', {}, m.period), el('td', { class: 'num' }, `${m.present}/${m.invited}`), el('td', { class: 'num' }, m.excused),
        el('td', { class: 'num' }, m.unexcused), el('td', {}, m.noticeNumber ?? 'Chưa ban hành')))));
  }

  const form = $('#convene');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v) return;
    const body = {
      kind: v.kind, conveningUnitId: unit.value, title: v.title, period: v.period, heldOn: v.heldOn, venue: v.venue,
      chairs: v.chairName ? [{ name: v.chairName, title: v.chairTitle ?? '' }] : [], minuteTaker: v.minuteTaker,
    };
    const result = await api('POST', '/api/meetings', body);
    if (result.ok) location.assign(`/hoi-nghi/${result.data.id}`);
    else showErrors(form, result.status, result.problem);
  });

  unit.addEventListener('change', async () => { years = await yearsWithData(unit.value); load(); });
  year.addEventListener('change', async () => { await picker.refresh(); load(); });
  $('#filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
});
