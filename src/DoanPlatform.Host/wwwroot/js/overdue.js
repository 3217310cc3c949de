import { start, api, getJson, el, $, fmtDate, todayIso, fillUnitPicker, setQuery, endedText } from './app.js';

// The office's view: every task it gave that a unit has not reported done by its deadline, oldest first. Each unit is named as it
// was on the task's deadline (the 2025 reform merged or moved most of the units given 2023–2024 tasks), with what stands for it today.
start(async (account) => {
  const unit = $('#unit');
  await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff']);

  function unitCell(u) {
    if (!u) return el('td', {}, 'Đơn vị không xác định');
    const today = u.today ?? [];
    let now = null;
    if (u.end) now = endedText(u);
    else if (today[0]) {
      const renamed = today[0].name !== u.name;
      const moved = (today[0].parentName ?? '') !== (u.parentName ?? '');
      if (renamed && moved) now = `nay là ${today[0].name}, trực thuộc ${today[0].parentName}`;
      else if (renamed) now = `nay là ${today[0].name}`;
      else if (moved && today[0].parentName) now = `nay trực thuộc ${today[0].parentName}`;
    }
    return el('td', {}, u.name, now ? el('br') : null, now ? el('span', { class: 'muted unit-now' }, `(${now})`) : null);
  }

  async function load() {
    setQuery({ unit: unit.value });
    const lines = await getJson(`/api/meetings/tasks/overdue?unitId=${unit.value}`);
    const keys = [...new Map(lines.map((t) => [`${t.unitId}|${t.deadline}`, { unitId: t.unitId, on: t.deadline }])).values()];
    const named = keys.length === 0 ? { ok: true, data: [] } : await api('POST', '/api/organisation/units/as-of', { units: keys });
    const names = new Map((named.ok ? named.data : []).map((u) => [`${u.unitId}|${u.on}`, u]));
    const today = new Date(`${todayIso()}T00:00:00`);
    const late = (deadline) => Math.round((today - new Date(`${deadline}T00:00:00`)) / 86400000);
    $('#overdue-count').textContent = `${lines.length} nhiệm vụ quá hạn`;
    $('#overdue tbody').replaceChildren(...(lines.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' },
        'Không có nhiệm vụ nào quá hạn: mọi nhiệm vụ đơn vị đã giao đều đã được báo cáo hoàn thành hoặc còn trong thời hạn.'))]
      : lines.map((t) => el('tr', {},
        unitCell(names.get(`${t.unitId}|${t.deadline}`)), el('td', {}, t.text), el('td', {}, fmtDate(t.deadline)),
        el('td', { class: 'num' }, late(t.deadline)), el('td', {}, t.lastNote ?? ''),
        el('td', {}, el('a', { href: `/hoi-nghi/${t.meetingId}` }, 'Xem hội nghị'))))));
  }

  unit.addEventListener('change', load);
  await load();
});
