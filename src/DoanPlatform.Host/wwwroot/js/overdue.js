import { start, getJson, el, $, fmtDate, todayIso, fillUnitPicker, setQuery } from './app.js';

// The office's view: every task it gave that a unit has not reported done by its deadline, oldest first.
start(async (account) => {
  const unit = $('#unit');
  await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff']);

  async function load() {
    setQuery({ unit: unit.value });
    const [lines, units] = await Promise.all([
      getJson(`/api/meetings/tasks/overdue?unitId=${unit.value}`),
      getJson(`/api/organisation/units/${unit.value}/descendants`),
    ]);
    const names = new Map(units.map((u) => [u.id, u.name]));
    const today = new Date(`${todayIso()}T00:00:00`);
    const late = (deadline) => Math.round((today - new Date(`${deadline}T00:00:00`)) / 86400000);
    $('#overdue-count').textContent = `${lines.length} nhiệm vụ quá hạn`;
    $('#overdue tbody').replaceChildren(...(lines.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'Không có nhiệm vụ nào quá hạn.'))]
      : lines.map((t) => el('tr', {},
        el('td', {}, names.get(t.unitId) ?? '(đơn vị không còn trực thuộc)'), el('td', {}, t.text), el('td', {}, fmtDate(t.deadline)),
        el('td', { class: 'num' }, late(t.deadline)), el('td', {}, t.lastNote ?? ''),
        el('td', {}, el('a', { href: `/hoi-nghi/${t.meetingId}` }, 'Xem hội nghị'))))));
  }

  unit.addEventListener('change', load);
  await load();
});
