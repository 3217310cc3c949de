import {
  start, api, getJson, el, $, $$, fmtDate, fillUnitPicker, setQuery, showErrors, clearErrors, formValues, PLAN_STATUS_NAMES, openOnYear, otherYearsHint,
} from './app.js';

// The inspection plans an issuing unit made in a year, and (for its office) the form that issues a new one: units from the
// issuer's subtree, topics from the year's scale or free text, the team by user name.

start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  const picker = await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff', 'Inspector', 'Auditor'], undefined, () => ({ year: year.value }));
  const years = await openOnYear(year, unit.value);
  await picker.refresh();
  const office = account.roles.some((r) => r === 'Admin' || r === 'OfficeStaff');
  const form = $('#issue');
  $('#issue-section').hidden = !office;

  async function load() {
    setQuery({ unit: unit.value, nam: year.value });
    const result = await api('GET', `/api/inspections/plans?issuingUnitId=${unit.value}&year=${encodeURIComponent(year.value)}`);
    if (!result.ok) {
      showErrors($('#filter'), result.status, result.problem, (name) => (name === 'issuingUnitId' ? 'unit' : name));
      $('#plans tbody').replaceChildren();
      return;
    }
    clearErrors($('#filter'));
    $('#plans tbody').replaceChildren(...(result.data.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, `Chưa có kế hoạch kiểm tra nào trong năm ${year.value}.${otherYearsHint(years, year.value)}`))]
      : result.data.map((p) => el('tr', { dataset: { plan: p.numberSymbol } },
        el('td', {}, el('a', { href: `/kiem-tra/${p.id}` }, p.numberSymbol), el('br'), el('span', { class: 'muted' }, `ban hành ${fmtDate(p.issuedOn)}`)),
        el('td', {}, p.topics),
        el('td', {}, `${fmtDate(p.from)} – ${fmtDate(p.to)}`),
        el('td', { class: 'num' }, p.unitCount),
        el('td', {}, PLAN_STATUS_NAMES[p.status] ?? p.status,
          p.pendingAdjustments > 0 ? el('div', { class: 'muted' }, `${p.pendingAdjustments} đề xuất điều chỉnh chờ duyệt`) : null),
        el('td', {}, p.conclusionNumberSymbol ? `${p.conclusionNumberSymbol} (${fmtDate(p.conclusionIssuedOn)})` : 'Chưa ban hành')))));
    if (office) await loadChoices();
  }

  /** The issuer's units (two levels down) and the year's scale conditions, as checkboxes of the form. */
  async function loadChoices() {
    const tree = await api('GET', `/api/organisation/tree?root=${unit.value}`);
    const units = tree.ok ? tree.data.filter((n) => n.depth >= 1 && n.depth <= 2) : [];
    $('#unit-choice').replaceChildren(el('legend', {}, 'Đơn vị được kiểm tra'),
      ...(units.length === 0 ? [el('p', { class: 'muted' }, 'Đơn vị ban hành chưa có đơn vị trực thuộc.')] : units.map((n) => el('label', { class: 'check' },
        el('input', { type: 'checkbox', name: 'unitIds', value: n.id }), `${'\u00a0\u00a0'.repeat(n.depth - 1)}${n.name}`))));
    const scales = await api('GET', `/api/emulation/scales?issuingUnitId=${unit.value}&year=${encodeURIComponent(year.value)}`);
    const published = scales.ok ? scales.data.filter((s) => s.status === 'Published').at(-1) : null;
    const conditions = [];
    if (published) {
      const scale = await getJson(`/api/emulation/scales/${published.scaleId}`);
      for (const section of scale.content.sections) {
        for (const criterion of section.criteria) for (const item of criterion.items) conditions.push(...item.conditions);
      }
    }
    $('#topic-choice').replaceChildren(el('legend', {}, 'Nội dung kiểm tra theo thang điểm thi đua'),
      ...(conditions.length === 0 ? [el('p', { class: 'muted' }, `Chưa có thang điểm thi đua năm ${year.value}; nêu nội dung kiểm tra ở ô bên dưới.`)]
        : conditions.map((c) => el('label', { class: 'check' },
          el('input', { type: 'checkbox', name: 'conditions', value: c.code, dataset: { title: c.title } }), `${c.code}. ${c.title}`))));
  }

  /** User names to account ids; an unknown name is shown next to its field and stops the submit. */
  async function accounts(names, field) {
    const ids = [];
    for (const name of names) {
      const found = await api('GET', `/api/organisation/accounts/lookup?userName=${encodeURIComponent(name)}`);
      if (!found.ok) {
        const message = found.status === 404 ? `Không có tài khoản có tên đăng nhập "${name}".` : found.problem?.title ?? 'Không tìm được tài khoản.';
        return { error: { [field]: [message] } };
      }
      ids.push(found.data.id);
    }
    return { ids };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v) return;
    const head = v.head ? await accounts([v.head.trim()], 'headAccountId') : { ids: [] };
    const members = await accounts((v.members ?? '').split('\n').map((x) => x.trim()).filter(Boolean), 'memberAccountIds');
    if (head.error || members.error) {
      showErrors(form, 400, { errors: { ...head.error, ...members.error } });
      return;
    }
    const topics = [
      ...$$('input[name=conditions]:checked', form).map((c) => ({ conditionCode: c.value, title: c.dataset.title })),
      ...(v.freeTopics ?? '').split('\n').map((x) => x.trim()).filter(Boolean).map((title) => ({ conditionCode: null, title })),
    ];
    const body = {
      issuingUnitId: unit.value, numberSymbol: v.numberSymbol, year: v.year ? Number(v.year) : null, issuedOn: v.issuedOn, from: v.from, to: v.to,
      unitIds: $$('input[name=unitIds]:checked', form).map((c) => c.value), topics, headAccountId: head.ids[0] ?? null, memberAccountIds: members.ids,
    };
    const result = await api('POST', '/api/inspections/plans', body);
    if (result.ok) location.assign(`/kiem-tra/${result.data.id}`);
    else showErrors(form, result.status, result.problem, (name) => (/^topics/.test(name) ? 'topics' : name));
  });

  $('[name=year]', form).value = year.value;
  unit.addEventListener('change', load);
  year.addEventListener('change', async () => { $('[name=year]', form).value = year.value; await picker.refresh(); load(); });
  $('#filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
});
