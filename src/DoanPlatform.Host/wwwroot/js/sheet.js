import {
  start, api, getJson, el, $, $$, fmtNumber, fillUnitPicker, setQuery, showErrors, clearErrors, showConflict, flash, openOnYear, yearsWithData,
  otherYearsHint,
} from './app.js';

// A unit's scoring sheet for a year: the unit's self-assessment (values, notes, evidence files) and the office's
// assessment side by side, then submit / return / assess / lock / publish. The API decides who may do what and when;
// the screen offers only what the sheet's state and the account's roles allow.
const STATUS_NAMES = {
  None: 'Chưa tự chấm', Draft: 'Đang tự chấm', Submitted: 'Đã nộp, chờ chấm', Returned: 'Bị trả lại', Assessed: 'Đã chấm', Locked: 'Đã chốt điểm',
  Published: 'Đã công bố',
};
const KIND_HINTS = {
  Manual: 'điểm', YesNo: 'đạt/không đạt', Ratio: 'tỷ lệ %', Tiered: 'số lần', Penalty: 'số lần vi phạm', Bonus: 'điểm thưởng',
};

start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  const picker = await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff', 'UnitSecretary'], undefined, () => ({ year: year.value }));
  let years = await openOnYear(year, unit.value);
  await picker.refresh();
  const form = $('#sheet');
  const office = account.roles.some((r) => r === 'Admin' || r === 'OfficeStaff');
  let state = null; // { unitId, year, sheet (or null), scale, version, status }

  const url = () => `/api/emulation/sheets/${state.unitId}/${state.year}`;

  async function load() {
    setQuery({ unit: unit.value, nam: year.value });
    clearErrors(form);
    const unitId = unit.value;
    const y = Number(year.value);
    const sheet = await api('GET', `/api/emulation/sheets/${unitId}/${y}`);
    if (!sheet.ok && sheet.status !== 404) throw Object.assign(new Error(), { status: sheet.status, problem: sheet.problem });
    let scaleId = sheet.ok ? sheet.data.scaleId : null;
    if (!scaleId) {
      const scales = await getJson(`/api/emulation/scales?unitId=${unitId}&year=${y}`);
      scaleId = scales.at(-1)?.scaleId;
    }
    if (!scaleId) {
      $('#sheet-area').hidden = true;
      $('#no-scale').hidden = false;
      $('#no-scale').textContent = await noScaleReason(unitId, y);
      return;
    }
    const [scale, unitView] = await Promise.all([
      getJson(`/api/emulation/scales/${scaleId}?unitId=${unitId}`), getJson(`/api/organisation/units/${unitId}`),
    ]);
    state = {
      unitId, year: y, sheet: sheet.ok ? sheet.data : null, scale, unit: unitView,
      version: sheet.ok ? sheet.data.version : 0, status: sheet.ok ? sheet.data.status : 'None',
    };
    $('#no-scale').hidden = true;
    $('#sheet-area').hidden = false;
    render();
  }

  /** Why there is no sheet to show, and what to do: the unit may be the one that issues the scale, not one scored against it. */
  async function noScaleReason(unitId, y) {
    const own = await api('GET', `/api/emulation/scales?issuingUnitId=${unitId}&year=${y}`);
    const issued = own.ok ? own.data.filter((s) => s.status === 'Published') : [];
    const name = unit.selectedOptions[0]?.textContent.trim() ?? 'Đơn vị';
    if (issued.length > 0) {
      return `${name} ban hành thang điểm thi đua năm ${y} cho các đơn vị trực thuộc, nhưng bản thân đơn vị không được chấm theo thang điểm nào `
        + 'của cấp trên. Để chấm điểm, tìm và chọn một đơn vị trực thuộc ở ô "Tìm theo tên, mã"; kết quả của cả cụm xem ở màn hình Xếp hạng cụm thi đua.';
    }
    if (own.ok && own.data.length > 0) {
      return `${name} mới có dự thảo thang điểm năm ${y}, chưa công bố; các đơn vị trực thuộc chỉ tự chấm được sau khi thang điểm được công bố.`;
    }
    return `Cấp trên của ${name} chưa công bố thang điểm thi đua năm ${y}, nên chưa có bảng điểm để tự chấm hay chấm điểm.`
      + `${otherYearsHint(years, y)} Khi văn phòng cấp trên công bố thang điểm, bảng điểm sẽ hiện ở đây.`;
  }

  /** Conditions in scale order, with the sheet's line for each (values, points, notes) when there is a sheet. */
  function lines() {
    const byCode = new Map((state.sheet?.lines ?? []).map((l) => [l.code, l]));
    const result = [];
    for (const section of state.scale.content.sections) {
      result.push({ section });
      for (const criterion of section.criteria) {
        for (const item of criterion.items) {
          for (const c of item.conditions) {
            const applies = (!c.sectors?.length || c.sectors.includes(state.unit.sector)) && (!c.levels?.length || c.levels.includes(state.unit.level));
            result.push({ condition: c, line: byCode.get(c.code), applies, computed: Boolean(c.source) });
          }
        }
      }
    }
    return result;
  }

  function valueInput(c, value, field, label) {
    if (c.kind === 'YesNo') {
      const select = el('select', { 'aria-label': label, dataset: { field, code: c.code } },
        el('option', { value: '' }, '—'), el('option', { value: '1' }, 'Đạt'), el('option', { value: '0' }, 'Không đạt'));
      select.value = value === null || value === undefined ? '' : String(Number(value));
      return select;
    }
    const integer = c.kind === 'Tiered' || c.kind === 'Penalty';
    return el('input', {
      type: 'number', min: 0, max: c.kind === 'Manual' || c.kind === 'Bonus' ? c.maxPoints : null, step: integer ? 1 : 0.25,
      value: value ?? '', 'aria-label': label, dataset: { field, code: c.code }, placeholder: KIND_HINTS[c.kind] ?? '',
    });
  }

  const shown = (value, c) => (value === null || value === undefined ? '—' : c.kind === 'YesNo' ? (Number(value) === 1 ? 'Đạt' : 'Không đạt') : fmtNumber(value));

  function render() {
    const { sheet, scale, status } = state;
    const canSelf = ['None', 'Draft', 'Returned'].includes(status);
    const canAssess = office && ['Submitted', 'Assessed'].includes(status);
    $('#scale-name').textContent = `${scale.content.name} (${scale.content.guideline})`;
    const facts = [
      ['Tình trạng', el('span', { class: `badge ${status}` }, STATUS_NAMES[status] ?? status)],
      ['Tổng điểm', sheet ? fmtNumber(sheet.total) : '—'],
      ['Điểm chuẩn / thưởng / trừ', sheet ? `${fmtNumber(sheet.base)} / ${fmtNumber(sheet.bonus)} / ${fmtNumber(sheet.penalty)}` : '—'],
      ['Xếp loại', sheet?.classification ?? '—'],
    ];
    if (sheet?.facts) {
      facts.push(['Số liệu tự động', `Vắng giao ban ${sheet.facts.briefingAbsences} lần (không phép ${sheet.facts.briefingUnexcusedAbsences}); `
        + `hoàn thành ${sheet.facts.tasksCompleted}/${sheet.facts.tasksAssigned} nhiệm vụ`]);
    }
    $('#sheet-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { fact: k } }, v)]));
    $('#return-reason').hidden = status !== 'Returned';
    $('#return-reason').textContent = status === 'Returned' ? `Cấp trên trả lại: ${sheet.returnReason}` : '';

    const rows = lines().map(({ section, condition: c, line, applies, computed }) => {
      if (section) {
        return el('tr', { class: 'section-row' }, el('th', { colspan: 7 }, `${section.code}. ${section.title} (tối đa ${fmtNumber(section.maxPoints)} điểm)`));
      }
      const title = [c.title];
      if (c.evidenceRequired) title.push(el('br'), el('span', { class: 'badge' }, 'Cần minh chứng'));
      if (computed) title.push(el('br'), el('span', { class: 'badge' }, 'Tính tự động'));
      if (!applies) title.push(el('br'), el('span', { class: 'muted' }, 'Không áp dụng cho đơn vị'));
      const files = (sheet?.evidence ?? []).filter((e) => e.conditionCode === c.code)
        .map((e) => el('li', {}, el('a', { href: `${url()}/evidence/${e.fileId}` }, e.fileName)));
      const manual = applies && !computed;
      const selfCell = manual && canSelf
        ? [valueInput(c, line?.self, `self.${c.code}.value`, `Tự chấm – ${c.code}`),
          el('input', { value: line?.selfComment ?? '', 'aria-label': `Ghi chú tự chấm – ${c.code}`, placeholder: 'Ghi chú', dataset: { field: `self.${c.code}.comment`, code: c.code, part: 'comment' } })]
        : [shown(line?.self, c), line?.selfComment ? el('div', { class: 'muted' }, line.selfComment) : null];
      const evidenceCell = [
        manual && canSelf
          ? el('input', { value: line?.selfEvidence ?? '', 'aria-label': `Minh chứng – ${c.code}`, placeholder: 'Số văn bản, đường dẫn', dataset: { field: `self.${c.code}.evidence`, code: c.code, part: 'evidence' } })
          : (line?.selfEvidence ? el('div', {}, line.selfEvidence) : null),
        files.length ? el('ul', { class: 'plain' }, files) : null,
        manual && !['Locked', 'Published'].includes(status)
          // The browser's own file button speaks the browser's language; this one speaks Vietnamese.
          ? el('label', { class: 'button file-button' }, 'Đính kèm tệp…',
            el('input', { type: 'file', 'aria-label': `Tệp minh chứng – ${c.code}`, dataset: { field: `self.${c.code}.file`, code: c.code }, onchange: upload }))
          : null,
      ];
      const assessCell = manual && canAssess
        ? [valueInput(c, line?.assessed ?? line?.self, `assess.${c.code}.value`, `Chấm – ${c.code}`),
          el('input', { value: line?.assessedComment ?? '', 'aria-label': `Nhận xét – ${c.code}`, placeholder: 'Nhận xét (bắt buộc khi khác điểm tự chấm)', dataset: { field: `assess.${c.code}.comment`, code: c.code, part: 'assess-comment' } })]
        : [shown(line?.adjusted ?? line?.assessed, c), line?.assessedComment ? el('div', { class: 'muted' }, line.assessedComment) : null,
          line?.adjusted !== null && line?.adjusted !== undefined ? el('div', { class: 'muted' }, 'Đã điều chỉnh sau kiểm tra') : null];
      return el('tr', { dataset: { code: c.code } },
        el('td', {}, c.code), el('td', {}, title), el('td', { class: 'num' }, fmtNumber(c.maxPoints)),
        el('td', {}, selfCell), el('td', {}, evidenceCell), el('td', {}, assessCell), el('td', { class: 'num' }, line ? fmtNumber(line.points) : '—'));
    });
    $('#lines tbody').replaceChildren(...rows);

    $('#save-self').hidden = !canSelf;
    $('#submit-self').hidden = !['Draft', 'Returned'].includes(status);
    $('#save-assessment').hidden = !canAssess;
    $('#return-box').hidden = !(office && status === 'Submitted');
    $('#lock').hidden = !(office && status === 'Assessed');
    $('#publish').hidden = !(office && status === 'Locked');
  }

  /** Entries from the inputs whose field starts with prefix (self / assess). */
  function entries(prefix) {
    const out = [];
    for (const input of $$(`[data-field^="${prefix}."][data-field$=".value"]`, form)) {
      if (input.value === '') continue;
      const code = input.dataset.code;
      const part = (name) => $(`[data-field="${prefix}.${code}.${name}"]`, form)?.value.trim() || null;
      out.push({ conditionCode: code, value: Number(input.value), comment: part('comment'), evidence: prefix === 'self' ? part('evidence') : null });
    }
    return out;
  }

  const mapEntries = (prefix, sent) => (name) => name
    .replace(/^entries\[(\d+)\]\.conditionCode$/, (_, k) => `${prefix}.${sent[Number(k)]?.conditionCode}.value`)
    .replace(/^entries\[(\d+)\]/, (_, k) => `${prefix}.${sent[Number(k)]?.conditionCode}`);

  const sheetText = (sheet) => (sheet
    ? `${STATUS_NAMES[sheet.status] ?? sheet.status}; tổng ${fmtNumber(sheet.total)} điểm\n`
      + sheet.lines.filter((l) => l.self !== null || l.assessed !== null)
        .map((l) => `${l.code}: tự chấm ${l.self ?? '—'}${l.assessed !== null ? `, cấp trên chấm ${l.assessed}` : ''}`).join('\n')
    : 'Chưa có bảng điểm.');

  /** One write: the version the screen was drawn from; on 409 the current sheet is shown and the typed values stay. */
  async function write(path, body, fieldMap, done) {
    const result = await api('POST', `${url()}/${path}`, { version: state.version, ...body });
    if (result.ok) {
      await load();
      flash($('.actions', form), done);
      return;
    }
    if (result.status === 409) {
      const current = await api('GET', url());
      state.version = current.ok ? current.data.version : state.version;
      showConflict(form, sheetText(current.ok ? current.data : null));
      return;
    }
    showErrors(form, result.status, result.problem, fieldMap);
  }

  async function upload(event) {
    const input = event.target;
    const file = input.files[0];
    if (!file) return;
    clearErrors(form);
    if (!state.sheet) {
      showErrors(form, 400, { errors: { [input.dataset.field]: ['Lưu bản tự chấm trước rồi mới đính kèm tệp.'] } });
      return;
    }
    const query = `conditionCode=${encodeURIComponent(input.dataset.code)}&fileName=${encodeURIComponent(file.name)}&version=${state.version}`;
    const result = await api('POST', `${url()}/evidence?${query}`, file);
    if (result.ok) {
      await load();
      flash($('.actions', form), `Đã đính kèm ${file.name}.`);
    } else if (result.status === 409) {
      const current = await api('GET', url());
      state.version = current.ok ? current.data.version : state.version;
      showConflict(form, sheetText(current.ok ? current.data : null));
    } else {
      showErrors(form, result.status, result.problem, (name) => (['file', 'fileName', 'conditionCode'].includes(name) ? input.dataset.field : name));
    }
  }

  $('#save-self').addEventListener('click', async () => {
    const sent = entries('self');
    await write('self-assessment', { scaleId: state.scale.id, entries: sent }, mapEntries('self', sent), 'Đã lưu bản tự chấm.');
  });
  $('#submit-self').addEventListener('click', () => write('submit', {}, (n) => n, 'Đã nộp bản tự chấm.'));
  $('#save-assessment').addEventListener('click', async () => {
    const sent = entries('assess');
    await write('assessment', { entries: sent }, mapEntries('assess', sent), 'Đã lưu kết quả chấm.');
  });
  $('#return').addEventListener('click', () => write('return', { reason: $('[name=reason]', form).value }, (n) => n, 'Đã trả lại bản tự chấm.'));
  $('#lock').addEventListener('click', () => write('lock', {}, (n) => n, 'Đã chốt điểm.'));
  $('#publish').addEventListener('click', () => write('publish', {}, (n) => n, 'Đã công bố kết quả.'));

  unit.addEventListener('change', async () => { years = await yearsWithData(unit.value); load(); });
  year.addEventListener('change', async () => { await picker.refresh(); load(); });
  $('#filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
});
