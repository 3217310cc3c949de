import { start, api, el, $, $$, fmtDate, fillUnitPicker, showErrors, clearErrors, ATTENDANCE_NAMES, KIND_NAMES } from './app.js';

// Import an old Thông báo kết luận: choose the file and the convening unit, see what would be recorded (warnings listed, and a
// choice of unit for each name the notice writes that matches none), then import and open the new meeting. Every preview is
// the API's own dry run of the same import, so what is shown is exactly what "Nhập" writes.
start(async (account) => {
  const form = $('#import');
  const unit = $('#unit');
  const fileInput = $('[name=file]', form);
  const force = $('[name=force]', form);
  await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff']);

  /** The units chosen by hand, name as the notice writes it → unit id. */
  const matches = () => Object.fromEntries($$('select[data-match]', form).filter((s) => s.value).map((s) => [s.dataset.match, s.value]));

  function send(dryRun) {
    const data = new FormData();
    if (fileInput.files[0]) data.append('file', fileInput.files[0]);
    data.append('conveningUnitId', unit.value);
    data.append('dryRun', String(dryRun));
    data.append('force', String(force.checked));
    data.append('matches', JSON.stringify(matches()));
    return api('POST', '/api/meetings/import', data);
  }

  async function preview() {
    const result = await send(true);
    // A refused preview (a wrong choice, a bad file) keeps the previous one on screen with the choices as they were.
    if (!result.ok) { showErrors(form, result.status, result.problem); return; }
    clearErrors(form);
    render(result.data);
  }

  function reset() {
    $('#preview').hidden = true;
    force.checked = false;
    clearErrors(form);
  }

  function nameRow(name, autoMatched, candidates) {
    let cell;
    if (name.unitId && !name.manual) {
      cell = el('td', {}, name.unitName, ' ', el('span', { class: 'muted' }, '(tự khớp)'));
    } else {
      const options = candidates.filter((c) => !autoMatched.has(c.id));
      const select = el('select', {
        'aria-label': `Đơn vị ứng với “${name.written}”`, dataset: { match: name.written, field: `matches[${name.written}]` }, onchange: preview,
      }, el('option', { value: '' }, '— Chọn đơn vị —'), options.map((c) => el('option', { value: c.id, selected: c.id === name.unitId }, c.name)));
      cell = el('td', {}, el('label', {}, select),
        name.problem ? el('span', { class: 'muted' }, `Không tự khớp: ${name.problem}.`) : null);
    }
    return el('tr', { dataset: { written: name.written } }, el('td', {}, name.written),
      el('td', {}, el('span', { class: `badge ${name.status}` }, ATTENDANCE_NAMES[name.status])), cell);
  }

  const chairText = (c) => (c.title ? `${c.name} – ${c.title}` : c.name);

  /** One line per cluster when each cluster had its own chair; else the chairs on one line. */
  function chairs(list) {
    if (!list.some((c) => c.cluster)) return list.map(chairText).join('; ');
    return el('ul', { class: 'chairs' }, list.map((c) => el('li', { dataset: { cluster: c.cluster ?? '' } },
      c.cluster ? el('strong', {}, `${c.cluster}: `) : null, chairText(c))));
  }

  function render(p) {
    const kind = [KIND_NAMES[p.kind] ?? p.kind,
      p.kindWarning ? el('span', { class: 'muted kind-warning', role: 'note' }, p.kindWarning) : null];
    const facts = [
      ['Hội nghị', p.title], ['Loại', kind], ['Kỳ', p.period],
      ['Ngày họp', p.heldUntil ? `${fmtDate(p.heldOn)} – ${fmtDate(p.heldUntil)}` : fmtDate(p.heldOn)], ['Địa điểm', p.venue],
      ['Chủ trì', chairs(p.chairs)],
      ['Đơn vị triệu tập', `${p.conveningUnit.name} (${p.conveningUnit.code})`],
      ['Điểm danh', `Có mặt ${p.present}/${p.invited} · vắng có phép ${p.excused} · vắng không phép ${p.unexcused}`],
      ['Kết luận', `${p.conclusionSections} phần, ${p.conclusionItems} ý`],
      ['Tệp', p.fileName],
    ];
    $('#preview-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { fact: k } }, v)]));
    const autoMatched = new Set(p.names.filter((n) => n.unitId && !n.manual).map((n) => n.unitId));
    $('#names tbody').replaceChildren(...(p.names.length === 0
      ? [el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'Thông báo không nêu tên đơn vị vắng nào.'))]
      : p.names.map((n) => nameRow(n, autoMatched, p.candidates))));
    $('#warnings').replaceChildren(...p.warnings.map((w) => el('li', {}, w)));
    $('#warnings-box').hidden = p.warnings.length === 0;
    $('#tasks').replaceChildren(...(p.tasks.length === 0
      ? [el('li', { class: 'muted' }, 'Không có nhiệm vụ có thời hạn.')]
      : p.tasks.map((t) => el('li', {}, `Hạn ${fmtDate(t.deadline)} – giao ${t.units.length ? t.units.join(', ') : 'tất cả đơn vị được mời'}: ${t.text}`))));
    $('#refusals').replaceChildren(...p.refusals.map((r) => el('li', {}, r)));
    $('#refusals-box').hidden = p.refusals.length === 0;
    $('#force-choice').hidden = p.conflicts.length === 0;
    $('#preview').hidden = false;
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); preview(); });
  force.addEventListener('change', preview);
  fileInput.addEventListener('change', () => {
    $('#file-name').textContent = fileInput.files[0]?.name ?? 'Chưa chọn tệp.';
    reset();
  });
  unit.addEventListener('change', reset);

  $('#do-import').addEventListener('click', async () => {
    const result = await send(false);
    if (result.ok) location.assign(`/hoi-nghi/${result.data.meetingId}`);
    else showErrors(form, result.status, result.problem);
  });
});
