import {
  start, api, getJson, el, $, $$, fmtDate, todayIso, setDate, showErrors, clearErrors, showConflict, flash, formValues, KIND_NAMES, ATTENDANCE_NAMES,
} from './app.js';

// One meeting: attendance grid (keyboard first), conclusions, tasks, and the notice. Every write sends the version the
// screen was drawn from; a 409 shows what is there now and keeps what the clerk typed.
const KEYS = { p: 'Present', c: 'Present', e: 'ExcusedAbsence', v: 'ExcusedAbsence', u: 'UnexcusedAbsence', k: 'UnexcusedAbsence' };

start(async () => {
  const id = location.pathname.split('/').pop();
  let meeting = await getJson(`/api/meetings/${id}`);

  async function reload() {
    meeting = await getJson(`/api/meetings/${id}`);
    renderHeader();
  }

  // ---- header
  function renderHeader() {
    document.title = `${meeting.title} – Văn phòng Đoàn`;
    $('#meeting-title').textContent = meeting.title;
    $('#back').href = `/hoi-nghi?unit=${meeting.conveningUnitId}&nam=${meeting.heldOn.slice(0, 4)}`;
    const facts = [
      ['Loại', KIND_NAMES[meeting.kind] ?? meeting.kind], ['Kỳ', meeting.period],
      ['Ngày họp', meeting.heldUntil ? `${fmtDate(meeting.heldOn)} – ${fmtDate(meeting.heldUntil)}` : fmtDate(meeting.heldOn)],
      ['Địa điểm', meeting.venue], ['Chủ trì', meeting.chairs.map((c) => `${c.name} – ${c.title}`).join('; ')],
      ['Thư ký', meeting.minuteTaker ?? ''],
      ['Tham dự', `Có mặt ${meeting.present}/${meeting.invited} · vắng có phép ${meeting.excused} · vắng không phép ${meeting.unexcused}`],
    ];
    $('#meeting-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { fact: k } }, v)]));
    $('#final-note').hidden = !meeting.notice;
  }

  // ---- attendance
  const grid = $('#attendance');
  const body = $('tbody', grid);
  let rows = [];
  const changed = (row) => row.status !== null && (row.status !== row.line.status || row.reason.trim() !== (row.line.reason ?? ''));

  const lineKey = (line) => `${line.unitId ?? ''}|${line.person ?? ''}`;

  /** Draws the grid from the meeting; lines the clerk changed and has not saved keep their changes (the invitations may have moved). */
  function renderAttendance() {
    const pending = new Map(rows.filter(changed).map((r) => [lineKey(r.line), { status: r.status, reason: r.reason }]));
    rows = meeting.attendance.map((line) => ({ line, status: line.status, reason: line.reason ?? '', ...pending.get(lineKey(line)) }));
    body.replaceChildren(...rows.map(rowElement));
    refreshCount();
  }

  function rowElement(row, i) {
    row.buttons = Object.entries(ATTENDANCE_NAMES).map(([status, name]) => el('button', {
      type: 'button', tabindex: '-1', 'aria-pressed': String(row.status === status), dataset: { status },
      onclick: () => { setStatus(i, status); if (status === 'ExcusedAbsence') row.input.focus(); else focusRow(i); },
    }, name));
    row.input = el('input', {
      'aria-label': `Lý do – ${row.line.name}`, value: row.reason, tabindex: '-1', dataset: { field: `row${i}.reason` },
      placeholder: 'Lý do vắng / lý do sửa',
      oninput: (e) => { row.reason = e.target.value; refreshRow(i); },
      onkeydown: (e) => {
        if (e.key === 'Enter') { e.preventDefault(); focusRow(i + 1 < rows.length ? i + 1 : i); }
        if (e.key === 'Escape') { e.preventDefault(); focusRow(i); }
      },
    });
    row.tr = el('tr', { tabindex: i === 0 ? '0' : '-1', 'aria-label': row.line.name, onkeydown: (e) => rowKeys(e, i) },
      el('td', { class: 'num' }, i + 1), el('td', {}, row.line.name),
      el('td', { class: 'status' }, el('div', { dataset: { field: `row${i}` } }, row.buttons)), el('td', {}, row.input));
    return row.tr;
  }

  function focusRow(i) {
    const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (!target) return;
    for (const r of rows) r.tr.tabIndex = -1;
    target.tr.tabIndex = 0;
    target.tr.focus();
  }

  function setStatus(i, status) {
    rows[i].status = status;
    refreshRow(i);
  }

  function refreshRow(i) {
    const row = rows[i];
    for (const b of row.buttons) b.setAttribute('aria-pressed', String(b.dataset.status === row.status));
    row.tr.classList.toggle('changed', changed(row));
    refreshCount();
  }

  function refreshCount() {
    const marked = rows.filter((r) => r.status).length;
    const pending = rows.filter(changed).length;
    $('#attendance-count').textContent = `Đã điểm danh ${marked}/${rows.length} · ${pending} dòng chưa lưu`;
  }

  function rowKeys(e, i) {
    if (e.target !== rows[i].tr || e.ctrlKey || e.altKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'arrowdown') { e.preventDefault(); focusRow(i + 1); }
    else if (key === 'arrowup') { e.preventDefault(); focusRow(i - 1); }
    else if (key === 'home') { e.preventDefault(); focusRow(0); }
    else if (key === 'end') { e.preventDefault(); focusRow(rows.length - 1); }
    else if (key === 'enter') { e.preventDefault(); grid.requestSubmit(); }
    else if (KEYS[key]) {
      e.preventDefault();
      setStatus(i, KEYS[key]);
      if (KEYS[key] === 'ExcusedAbsence') rows[i].input.focus(); else focusRow(i + 1);
    }
  }

  $('#all-present').addEventListener('click', () => {
    rows.forEach((row, i) => { if (!row.status) setStatus(i, 'Present'); });
  });

  const attendanceText = (view) => view.attendance.filter((a) => a.status)
    .map((a) => `${a.name}: ${ATTENDANCE_NAMES[a.status]}${a.reason ? ` (${a.reason})` : ''}`).join('\n') || '(chưa điểm danh đơn vị nào)';

  grid.addEventListener('submit', async (event) => {
    event.preventDefault();
    const sent = rows.map((row, i) => ({ row, i })).filter(({ row }) => changed(row));
    if (sent.length === 0) {
      clearErrors(grid);
      flash($('.actions:last-child', grid), 'Không có thay đổi nào để lưu.');
      return;
    }
    const entries = sent.map(({ row }) => ({ unitId: row.line.unitId, person: row.line.person, status: row.status, reason: row.reason.trim() || null }));
    const result = await api('POST', `/api/meetings/${id}/attendance`, { version: meeting.version, entries });
    if (result.ok) {
      clearErrors(grid);
      await reload();
      renderAttendance();
      renderInvitations();
      flash($('.actions:last-child', grid), `Đã lưu điểm danh ${entries.length} dòng.`);
      focusRow(0);
    } else if (result.status === 409) {
      await conflict(grid, attendanceText);
      // The grid keeps the clerk's choices; they are now compared with what was recorded meanwhile.
      for (const row of rows) row.line = meeting.attendance.find((a) => a.unitId === row.line.unitId && a.person === row.line.person) ?? row.line;
      rows.forEach((_, i) => refreshRow(i));
    } else {
      showErrors(grid, result.status, result.problem, (name) => name.replace(/^entries\[(\d+)\]/, (_, k) => `row${sent[Number(k)]?.i}`));
    }
  });

  /** Shows the 409 with the current value and moves the screen to the current version, keeping the form's input. */
  async function conflict(form, describe) {
    const current = await getJson(`/api/meetings/${id}`);
    meeting = current;
    renderHeader();
    showConflict(form, describe(current));
  }

  // ---- invitations: the convening unit's direct units on the meeting date may be added; a unit already marked stays
  const invitations = $('#invitations');
  let directUnits = [];

  async function loadDirectUnits() {
    const tree = await api('GET', `/api/organisation/tree?root=${meeting.conveningUnitId}&asOf=${meeting.heldOn}`);
    directUnits = tree.ok ? tree.data.filter((u) => u.parentId === meeting.conveningUnitId) : [];
  }

  function renderInvitations() {
    const invited = meeting.attendance.filter((a) => a.unitId);
    const final = Boolean(meeting.notice);
    $('#invited-units').replaceChildren(...(invited.length === 0
      ? [el('p', { class: 'muted' }, 'Chưa mời đơn vị nào.')]
      : invited.map((a) => el('label', {},
        el('input', { type: 'checkbox', value: a.unitId, disabled: final || Boolean(a.status), dataset: { field: `remove:${a.unitId}` } }),
        a.name, a.status ? el('span', { class: 'muted' }, ' (đã điểm danh)') : null))));
    const ids = new Set(invited.map((a) => a.unitId));
    const more = directUnits.filter((u) => !ids.has(u.id));
    $('#more-units').replaceChildren(...(more.length === 0
      ? [el('p', { class: 'muted' }, 'Mọi đơn vị trực thuộc vào ngày họp đã được mời.')]
      : more.map((u) => el('label', {},
        el('input', { type: 'checkbox', value: u.id, disabled: final, dataset: { field: `add:${u.id}` } }), u.name))));
  }

  const invitedText = (view) => view.attendance.filter((a) => a.unitId).map((a) => a.name).join('\n') || '(chưa mời đơn vị nào)';

  invitations.addEventListener('submit', async (event) => {
    event.preventDefault();
    const sent = { add: $$('#more-units input:checked').map((c) => c.value), remove: $$('#invited-units input:checked').map((c) => c.value) };
    if (sent.add.length + sent.remove.length === 0) {
      clearErrors(invitations);
      flash($('.actions', invitations), 'Không có thay đổi nào để lưu.');
      return;
    }
    const result = await api('POST', `/api/meetings/${id}/invitations`, { version: meeting.version, ...sent });
    if (result.ok) {
      clearErrors(invitations);
      await reload();
      renderInvitations();
      renderAttendance();
      renderUnitChoice();
      flash($('.actions', invitations), `Đã lưu danh sách mời: thêm ${sent.add.length}, bỏ ${sent.remove.length} đơn vị.`);
    } else if (result.status === 409) {
      await conflict(invitations, invitedText);
    } else {
      showErrors(invitations, result.status, result.problem,
        (name) => name.replace(/^(add|remove)\[(\d+)\]$/, (_, list, i) => `${list}:${sent[list][Number(i)]}`));
    }
  });

  // ---- conclusions
  const conclusions = $('#conclusions');

  function sectionElement(section, i) {
    return el('fieldset', { class: 'section' },
      el('legend', {}, `Phần ${i + 1}`),
      el('label', {}, 'Số mục', el('input', { name: 'number', value: section.number ?? '', placeholder: `2.${i + 1}`, dataset: { field: `sections[${i}].number` } })),
      el('label', {}, 'Tiêu đề', el('input', { name: 'heading', value: section.heading ?? '', placeholder: 'Ý kiến chỉ đạo của Thường trực', dataset: { field: `sections[${i}].heading` } })),
      el('label', {}, 'Nội dung (mỗi dòng một ý)', el('textarea', { name: 'items', rows: 4, dataset: { field: `sections[${i}].items` } }, (section.items ?? []).join('\n'))),
      el('button', { type: 'button', class: 'danger', onclick: (e) => { e.target.closest('fieldset').remove(); renumber(); } }, 'Bỏ phần này'));
  }

  function renumber() {
    $$('#sections fieldset').forEach((f, i) => {
      $('legend', f).textContent = `Phần ${i + 1}`;
      $('[name=number]', f).dataset.field = `sections[${i}].number`;
      $('[name=heading]', f).dataset.field = `sections[${i}].heading`;
      $('[name=items]', f).dataset.field = `sections[${i}].items`;
    });
  }

  function renderConclusions() {
    const sections = meeting.conclusions.length > 0 ? meeting.conclusions : [{ number: '', heading: '', items: [] }];
    $('#sections').replaceChildren(...sections.map(sectionElement));
  }

  const conclusionsText = (view) => view.conclusions
    .map((s) => `${s.number}. ${s.heading}\n${s.items.map((x) => `- ${x}`).join('\n')}`).join('\n') || '(chưa có kết luận)';

  $('#add-section').addEventListener('click', () => {
    $('#sections').append(sectionElement({}, $$('#sections fieldset').length));
  });

  conclusions.addEventListener('submit', async (event) => {
    event.preventDefault();
    const sections = $$('#sections fieldset').map((f) => ({
      number: $('[name=number]', f).value.trim() || null,
      heading: $('[name=heading]', f).value.trim(),
      items: $('[name=items]', f).value.split('\n').map((x) => x.trim()).filter(Boolean),
    }));
    const result = await api('PUT', `/api/meetings/${id}/conclusions`, { version: meeting.version, sections });
    if (result.ok) {
      clearErrors(conclusions);
      await reload();
      renderConclusions();
      flash($('.actions', conclusions), 'Đã lưu kết luận.');
    } else if (result.status === 409) {
      await conflict(conclusions, conclusionsText);
    } else {
      showErrors(conclusions, result.status, result.problem);
    }
  });

  // ---- tasks
  const taskForm = $('#task');
  let tasks = [];
  const tasksText = () => tasks.map((t) => `- ${t.text} (hạn ${fmtDate(t.deadline)})`).join('\n') || '(chưa giao nhiệm vụ nào)';

  async function loadTasks() {
    tasks = await getJson(`/api/meetings/${id}/tasks`);
    $('#tasks tbody').replaceChildren(...(tasks.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'Chưa giao nhiệm vụ nào.'))]
      : tasks.map((t) => el('tr', {},
        el('td', {}, t.text),
        el('td', {}, t.scope === 'AllInvited' ? 'Tất cả đơn vị dự hội nghị' : t.unitNames.join(', ')),
        el('td', {}, fmtDate(t.deadline), t.deadlineText ? el('span', { class: 'muted' }, ` (${t.deadlineText})`) : null),
        el('td', {}, t.target ?? ''), el('td', { class: 'num' }, `${t.completedBy}/${t.units.length}`)))));
  }

  function renderUnitChoice() {
    const units = meeting.attendance.filter((a) => a.unitId);
    $('#unit-choice').replaceChildren(el('legend', {}, 'Chọn đơn vị'),
      ...units.map((u) => el('label', {}, el('input', { type: 'checkbox', name: 'units', value: u.unitId }), u.name)));
  }

  $('[name=scope]', taskForm).addEventListener('change', (e) => {
    $('#sector-choice').hidden = e.target.value !== 'Sector';
    $('#unit-choice').hidden = e.target.value !== 'Units';
  });

  taskForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(taskForm);
    if (!v) return;
    const bodyOut = {
      version: meeting.version, text: v.text, scope: v.scope, sector: v.scope === 'Sector' ? v.sector : null,
      units: v.scope === 'Units' ? $$('#unit-choice input:checked').map((c) => c.value) : null,
      deadline: v.deadline, deadlineText: v.deadlineText, target: v.target,
    };
    const result = await api('POST', `/api/meetings/${id}/tasks`, bodyOut);
    if (result.ok) {
      clearErrors(taskForm);
      taskForm.reset();
      $('#sector-choice').hidden = true;
      $('#unit-choice').hidden = true;
      await reload();
      await loadTasks();
      flash($('.actions', taskForm), 'Đã giao nhiệm vụ.');
    } else if (result.status === 409) {
      await loadTasks();
      await conflict(taskForm, tasksText);
    } else {
      showErrors(taskForm, result.status, result.problem);
    }
  });

  // ---- notice
  const noticeForm = $('#notice');
  setDate($('[name=issuedOn]', noticeForm), todayIso());
  $('[name=signer]', noticeForm).value = meeting.chairs[0]?.name ?? '';

  function renderNotice() {
    const issued = meeting.notice;
    $('#notice-issued').hidden = !issued;
    noticeForm.hidden = Boolean(issued);
    if (issued) {
      $('#notice-number').textContent = issued.numberSymbol;
      $('#notice-date').textContent = fmtDate(issued.issuedOn);
      $('#notice-download').href = `/api/meetings/${id}/notice.docx`;
    }
    // Once the notice is issued the record is final: the API refuses changes, so the screen offers none.
    for (const control of $$('#invitations button, #invitations input, #attendance button, #attendance input, #conclusions button, #conclusions input, #conclusions textarea')) {
      control.disabled = Boolean(issued);
    }
    taskForm.hidden = Boolean(issued);
    $('#attendance-keys').hidden = Boolean(issued);
    renderSummary();
  }

  /**
   * An issued meeting is a record to read, not a page of disabled forms: the notice and its download first, then who attended or was
   * absent (with the reasons) and the conclusions as text; the tasks table stays for the reports that come in.
   */
  function renderSummary() {
    const issued = meeting.notice;
    const summary = $('#issued-summary');
    summary.hidden = !issued;
    for (const section of ['#invitations-section', '#attendance-section', '#conclusions-section']) $(section).hidden = Boolean(issued);
    if (!issued) return;
    const notice = $('#notice-section');
    summary.insertAdjacentElement('beforebegin', notice);
    const absent = (status) => meeting.attendance.filter((a) => a.status === status);
    const list = (lines, withReason) => (lines.length === 0 ? el('p', { class: 'muted' }, 'Không có.')
      : el('ul', {}, lines.map((a) => el('li', {}, a.name, withReason && a.reason ? ` — ${a.reason}` : ''))));
    const notRecorded = meeting.attendance.filter((a) => !a.status);
    summary.replaceChildren(
      el('h2', {}, 'Tóm tắt hội nghị'),
      el('p', {}, `Có mặt ${meeting.present}/${meeting.invited} đơn vị được mời; vắng có phép ${meeting.excused}; vắng không phép ${meeting.unexcused}`
        + (notRecorded.length ? `; chưa điểm danh ${notRecorded.length}.` : '.')),
      el('div', { class: 'columns' },
        el('div', {}, el('h3', {}, `Vắng có phép (${meeting.excused})`), list(absent('ExcusedAbsence'), true)),
        el('div', {}, el('h3', {}, `Vắng không phép (${meeting.unexcused})`), list(absent('UnexcusedAbsence'), false))),
      el('h3', {}, 'Kết luận'),
      meeting.conclusions.length === 0 ? el('p', { class: 'muted' }, 'Hội nghị không ghi kết luận.')
        : el('div', { class: 'conclusions-text' }, meeting.conclusions.map((s) => el('section', {},
          el('h4', {}, [s.number, s.heading].filter(Boolean).join('. ')), el('ul', {}, s.items.map((item) => el('li', {}, item)))))),
      el('p', { class: 'muted' }, 'Biên bản đã chốt khi ban hành thông báo; các báo cáo thực hiện nhiệm vụ vẫn được ghi nhận ở bảng Nhiệm vụ giao bên dưới.'));
  }

  noticeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(noticeForm);
    if (!v) return;
    const result = await api('POST', `/api/meetings/${id}/notice`, {
      version: meeting.version, issuerSymbol: v.issuerSymbol, issuedOn: v.issuedOn, place: v.place,
      recipients: (v.recipients ?? '').split('\n').map((x) => x.trim()).filter(Boolean),
      signature: { authority: v.authority ?? '', title: v.signTitle ?? '', signer: v.signer ?? '' },
    });
    if (result.ok) {
      clearErrors(noticeForm);
      await reload();
      renderNotice();
    } else if (result.status === 409) {
      await conflict(noticeForm, (view) => (view.notice ? `Đã ban hành số ${view.notice.numberSymbol}` : 'Biên bản hội nghị vừa được cập nhật.'));
    } else {
      showErrors(noticeForm, result.status, result.problem);
    }
  });

  await loadDirectUnits();
  renderHeader();
  renderInvitations();
  renderAttendance();
  renderConclusions();
  renderUnitChoice();
  await loadTasks();
  renderNotice();
});
