import {
  start, api, getJson, el, $, $$, fmtDate, fmtNumber, todayIso, setDate, dateField, parseDate, readUntil, showErrors, clearErrors, showConflict, flash,
  formValues, byVietnamese, PLAN_STATUS_NAMES, VERDICT_NAMES, ADJUSTMENT_STATUS_NAMES,
} from './app.js';

// One inspection plan: its units and team, per unit the findings form (evidence reviews, recommendations), the score
// adjustments with approve / decline, the recommendations' follow-up, and the conclusion notice. Every write sends the
// version the screen was drawn from; a 409 shows what is there now and keeps what was typed. The screen offers the
// issuer's actions to office accounts and the findings to the office and the plan's team while the plan runs.
start(async (account) => {
  const id = location.pathname.split('/').pop();
  let view = await getJson(`/api/inspections/plans/${id}`);
  const plan = view.plan;
  const office = account.roles.some((r) => r === 'Admin' || r === 'OfficeStaff');
  const today = todayIso();
  const onTeam = [plan.headAccountId, ...plan.memberAccountIds].includes(account.id) && plan.from <= today && today <= plan.to;
  const mayInspect = () => (office || onTeam) && !view.conclusion;

  const unitViews = await Promise.all(plan.unitIds.map(async (u) => {
    const found = await api('GET', `/api/organisation/units/${u}`);
    return { id: u, name: found.ok ? found.data.name : u };
  }));
  const units = unitViews.sort(byVietnamese((u) => u.name));
  const unitName = (u) => units.find((x) => x.id === u)?.name ?? u;
  const team = await Promise.all([plan.headAccountId, ...plan.memberAccountIds.filter((m) => m !== plan.headAccountId)].map(async (a) => {
    const found = await api('GET', `/api/organisation/accounts/${a}`);
    return found.ok ? found.data.displayName : a;
  }));
  const topicKey = (t) => t.conditionCode ?? t.title;
  const topicLabel = (t) => (t.conditionCode ? `${t.conditionCode}. ${t.title}` : t.title);

  async function reload() {
    view = await getJson(`/api/inspections/plans/${id}`);
    render();
  }

  /** Shows the 409 with the current plan and moves the screen to the current version, keeping the form's input. */
  async function conflict(form) {
    view = await getJson(`/api/inspections/plans/${id}`);
    renderHeader();
    showConflict(form, `Phiên bản ${view.version}: ${view.inspections.length} cuộc kiểm tra, ${view.recommendations.length} kiến nghị, `
      + `${view.adjustments.length} đề xuất điều chỉnh${view.conclusion ? `, đã ban hành kết luận số ${view.conclusion.numberSymbol}` : ''}.`);
  }

  // ---- header
  function renderHeader() {
    const status = view.conclusion ? 'Concluded' : view.inspections.length > 0 ? 'Inspected' : 'Planned';
    document.title = `Kế hoạch kiểm tra ${plan.numberSymbol} – Văn phòng Đoàn`;
    $('#plan-title').textContent = `Kế hoạch kiểm tra số ${plan.numberSymbol}`;
    $('#back').href = `/kiem-tra?unit=${plan.issuingUnitId}&nam=${plan.year}`;
    const facts = [
      ['Năm', String(plan.year)], ['Ngày ban hành', fmtDate(plan.issuedOn)], ['Thời gian kiểm tra', `${fmtDate(plan.from)} – ${fmtDate(plan.to)}`],
      ['Nội dung', plan.topics.map(topicLabel).join('; ')], ['Trưởng đoàn', team[0]], ['Thành viên', team.slice(1).join(', ') || '—'],
      ['Số đơn vị', String(plan.unitIds.length)], ['Tình trạng', PLAN_STATUS_NAMES[status]],
    ];
    $('#plan-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { fact: k } }, v)]));
    $('#final-note').hidden = !view.conclusion;
  }

  // ---- units, their reviews and recommendations
  function renderUnits() {
    $('#units tbody').replaceChildren(...units.map((u) => {
      const reviews = view.reviews.filter((r) => r.unitId === u.id);
      const recommendations = view.recommendations.filter((r) => r.unitId === u.id);
      return el('tr', { dataset: { unit: u.name } },
        el('td', {}, u.name),
        el('td', {}, reviews.length === 0 ? el('span', { class: 'muted' }, 'Chưa kiểm tra') : el('ul', { class: 'plain' }, reviews.map((r) => el('li', {},
          el('strong', {}, `${r.topic}: ${VERDICT_NAMES[r.verdict] ?? r.verdict}`), ` (${fmtDate(r.heldOn)})`,
          r.comment ? el('div', {}, `Nhận xét: ${r.comment}`) : null,
          r.explanation ? el('div', {}, `Giải trình: ${r.explanation}`) : null,
          r.strengths.length ? el('div', {}, `Ưu điểm: ${r.strengths.join('; ')}`) : null,
          r.shortcomings.length ? el('div', {}, `Hạn chế: ${r.shortcomings.join('; ')}`) : null)))),
        el('td', {}, recommendations.length === 0 ? '' : el('ul', { class: 'plain' },
          recommendations.map((r) => el('li', {}, `${r.text} (hạn ${fmtDate(r.deadline)})`)))),
        el('td', {}, mayInspect()
          ? el('button', { type: 'button', 'aria-label': `Ghi kết quả kiểm tra – ${u.name}`, onclick: () => openFindings(u) }, 'Ghi kết quả kiểm tra')
          : null));
    }));
  }

  // ---- findings of one unit
  const findings = $('#findings');
  let findingsUnit = null;

  function reviewElement(topic, t) {
    const field = (name) => `review${t}.${name}`;
    const select = el('select', { name: 'verdict', dataset: { field: field('verdict') } },
      el('option', { value: '' }, '— Không xem xét lần này'), ...Object.entries(VERDICT_NAMES).map(([k, v]) => el('option', { value: k }, v)));
    return el('fieldset', { class: 'review', dataset: { topic: topicKey(topic) } },
      el('legend', {}, topicLabel(topic)),
      el('label', {}, 'Kết luận về minh chứng', select),
      el('label', {}, 'Nhận xét', el('input', { name: 'comment', dataset: { field: field('comment') } })),
      el('label', {}, 'Giải trình của đơn vị', el('input', { name: 'explanation', dataset: { field: field('explanation') } })),
      el('div', { class: 'columns' },
        el('label', {}, 'Ưu điểm (mỗi dòng một ý)', el('textarea', { name: 'strengths', rows: 2, dataset: { field: field('strengths') } })),
        el('label', {}, 'Hạn chế (mỗi dòng một ý)', el('textarea', { name: 'shortcomings', rows: 2, dataset: { field: field('shortcomings') } }))));
  }

  function recommendationElement() {
    const r = $$('#recommendations .recommendation').length;
    const deadline = el('input', { name: 'deadline', dataset: { field: `rec${r}.deadline`, date: '' } });
    const row = el('div', { class: 'columns recommendation' },
      el('label', {}, `Kiến nghị ${r + 1}`, el('textarea', { name: 'text', rows: 2, dataset: { field: `rec${r}.text` } })),
      el('label', {}, 'Thời hạn thực hiện', deadline));
    $('#recommendations').append(row);
    dateField(deadline);
  }

  function openFindings(u) {
    findingsUnit = u;
    clearErrors(findings);
    $('#findings-title').textContent = `Ghi kết quả kiểm tra – ${u.name}`;
    $('#reviews').replaceChildren(...plan.topics.map(reviewElement));
    $('#recommendations').replaceChildren();
    recommendationElement();
    if (!$('[name=heldOn]', findings).value) setDate($('[name=heldOn]', findings), today >= plan.from && today <= plan.to ? today : plan.from);
    findings.hidden = false;
    findings.scrollIntoView({ block: 'start' });
  }

  $('#add-recommendation').addEventListener('click', recommendationElement);
  $('#cancel-findings').addEventListener('click', () => { findings.hidden = true; });

  const lines = (text) => text.split('\n').map((x) => x.trim()).filter(Boolean);

  findings.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(findings);
    if (!v) return;
    const reviews = $$('#reviews fieldset').map((f, t) => ({ f, t })).filter(({ f }) => $('[name=verdict]', f).value).map(({ f, t }) => ({
      t,
      body: {
        topic: f.dataset.topic, verdict: $('[name=verdict]', f).value, comment: $('[name=comment]', f).value.trim() || null,
        explanation: $('[name=explanation]', f).value.trim() || null, strengths: lines($('[name=strengths]', f).value),
        shortcomings: lines($('[name=shortcomings]', f).value),
      },
    }));
    // Deadlines that cannot be read were already shown next to their fields by formValues.
    const recommendations = $$('#recommendations .recommendation').map((row, r) => ({ row, r }))
      .filter(({ row }) => $('[name=text]', row).value.trim() || $('[name=deadline]', row).value.trim())
      .map(({ row, r }) => ({ r, body: { text: $('[name=text]', row).value.trim() || null, deadline: parseDate($('[name=deadline]', row).value) } }));
    const result = await api('POST', `/api/inspections/plans/${id}/inspections`, {
      version: view.version, heldOn: v.heldOn, place: v.place,
      units: [{ unitId: findingsUnit.id, reviews: reviews.map((x) => x.body), recommendations: recommendations.map((x) => x.body) }],
    });
    if (result.ok) {
      clearErrors(findings);
      findings.hidden = true;
      await reload();
      await loadLedger(() => true);
      await loadFollowUp();
      flash($('#units').parentElement, `Đã lưu kết quả kiểm tra ${findingsUnit.name}.`);
    } else if (result.status === 409) {
      await conflict(findings);
    } else {
      showErrors(findings, result.status, result.problem, (name) => name
        .replace(/^units\[0\]\.reviews\[(\d+)\]/, (_, j) => `review${reviews[Number(j)]?.t}`)
        .replace(/^units\[0\]\.recommendations\[(\d+)\]/, (_, k) => `rec${recommendations[Number(k)]?.r}`));
    }
  });

  // ---- adjustments
  let ledger = [];

  /** The ledger (Emulation's outcome included) read until done(rows) holds: it is a read model that follows the writes. */
  async function loadLedger(done) {
    const rows = await readUntil(async () => {
      const result = await api('GET', `/api/inspections/adjustments?planId=${id}`);
      return result.ok ? result.data : [];
    }, done, 'ledger');
    if (rows === undefined) return;
    ledger = rows;
    renderAdjustments();
  }

  function adjustmentStatus(a) {
    // The plan's own events come first; the ledger adds what follows them (applied by Emulation, or refused) a moment later.
    const row = ledger.find((x) => x.id === a.adjustmentId);
    if (row && row.status !== 'Proposed') return row;
    if (view.approved.includes(a.adjustmentId)) return { status: 'Approved' };
    if (view.declined.includes(a.adjustmentId)) return { status: 'Declined' };
    return { status: 'Proposed' };
  }

  function renderAdjustments() {
    $('#adjustments tbody').replaceChildren(...(view.adjustments.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'Chưa có đề xuất điều chỉnh điểm.'))]
      : view.adjustments.map((a) => {
        const { status, note } = adjustmentStatus(a);
        const label = `${unitName(a.unitId)} ${a.conditionCode}`;
        const pending = status === 'Proposed' && !view.approved.includes(a.adjustmentId) && !view.declined.includes(a.adjustmentId);
        const decide = office && pending ? el('form', { class: 'decide', novalidate: true, onsubmit: (e) => e.preventDefault() },
          el('button', { type: 'button', class: 'primary', 'aria-label': `Duyệt – ${label}`, onclick: (e) => approve(a, e.target.form) }, 'Duyệt'),
          el('label', {}, 'Lý do từ chối', el('input', { name: 'reason', 'aria-label': `Lý do từ chối – ${label}`, dataset: { field: 'reason' } })),
          el('button', { type: 'button', 'aria-label': `Từ chối – ${label}`, onclick: (e) => decline(a, e.target.form) }, 'Từ chối')) : null;
        return el('tr', { dataset: { adjustment: label } },
          el('td', {}, unitName(a.unitId)), el('td', {}, a.conditionCode), el('td', { class: 'num' }, fmtNumber(a.value)), el('td', {}, a.reason),
          el('td', { class: 'status' }, ADJUSTMENT_STATUS_NAMES[status] ?? status, note ? el('div', { class: 'muted' }, note) : null,
            el('div', {}, el('a', { href: `/thi-dua?unit=${a.unitId}&nam=${a.year}` }, 'Xem bảng điểm'))),
          el('td', {}, decide));
      })));
    const propose = $('#propose');
    propose.hidden = !(office || onTeam);
    const select = $('[name=unitId]', propose);
    if (select.options.length === 0) select.replaceChildren(...units.map((u) => el('option', { value: u.id }, u.name)));
  }

  async function decideWrite(form, path, body, done) {
    const result = await api('POST', `/api/inspections/plans/${id}/adjustments/${path}`, { version: view.version, ...body });
    if (result.ok) {
      await reload();
      // Two hops: the approval, then Emulation's outcome.
      await loadLedger(done);
      await loadFollowUp();
    } else if (result.status === 409) {
      await conflict(form);
    } else {
      showErrors(form, result.status, result.problem);
    }
  }

  // Emulation applies an approval by its subscription: the ledger shows "applied" (or why not) a moment later.
  const approve = (a, form) => decideWrite(form, `${a.adjustmentId}/approve`, {},
    (rows) => rows.some((r) => r.id === a.adjustmentId && (r.status === 'Applied' || r.status === 'Refused')));
  const decline = (a, form) => decideWrite(form, `${a.adjustmentId}/decline`, { reason: $('[name=reason]', form).value.trim() || null },
    (rows) => rows.some((r) => r.id === a.adjustmentId && r.status === 'Declined'));

  $('#propose').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const v = formValues(form);
    if (!v) return;
    const result = await api('POST', `/api/inspections/plans/${id}/adjustments`, {
      version: view.version, unitId: v.unitId, conditionCode: v.conditionCode, value: v.value === null ? null : Number(v.value), reason: v.reason,
    });
    if (result.ok) {
      clearErrors(form);
      form.reset();
      await reload();
      await loadLedger((rows) => rows.length >= view.adjustments.length);
      flash($('.actions', form), 'Đã đề xuất điều chỉnh điểm.');
    } else if (result.status === 409) {
      await conflict(form);
    } else {
      showErrors(form, result.status, result.problem);
    }
  });

  // ---- recommendations' follow-up
  async function loadFollowUp(done = () => true) {
    const rows = await readUntil(async () => {
      const result = await api('GET', `/api/inspections/recommendations?planId=${id}&openOnly=false`);
      return result.ok ? result.data : [];
    }, (r) => r.length >= view.recommendations.length && done(r), 'follow-up');
    if (rows === undefined) return;
    $('#follow-up tbody').replaceChildren(...(rows.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'Chưa có kiến nghị.'))]
      : rows.map((r) => el('tr', { dataset: { recommendation: r.text } },
        el('td', {}, unitName(r.unitId)), el('td', {}, r.text), el('td', {}, fmtDate(r.deadline)),
        el('td', {}, r.open ? (r.overdue ? 'Quá hạn' : 'Đang thực hiện') : 'Đã hoàn thành'),
        el('td', {}, r.reportedOn ? `${fmtDate(r.reportedOn)}: ${r.lastReport}` : '—'),
        el('td', {}, office && r.open ? reportForm(r) : null)))));
  }

  function reportForm(r) {
    const form = el('form', { class: 'report', novalidate: true },
      el('label', {}, 'Báo cáo thực hiện', el('input', { name: 'report', 'aria-label': `Báo cáo thực hiện – ${r.text}`, dataset: { field: 'report' } })),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'completed' }), 'Đã hoàn thành'),
      el('button', { type: 'submit' }, 'Gửi báo cáo'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = await api('POST', `/api/inspections/plans/${id}/recommendations/${r.id}/reports`, {
        version: view.version, report: $('[name=report]', form).value.trim() || null, completed: $('[name=completed]', form).checked,
      });
      if (result.ok) {
        await reload();
        await loadFollowUp((rows) => rows.some((x) => x.id === r.id && x.reportedOn));
      } else if (result.status === 409) {
        await conflict(form);
      } else {
        showErrors(form, result.status, result.problem);
      }
    });
    return form;
  }

  // ---- conclusion
  const conclusionForm = $('#conclusion');
  setDate($('[name=issuedOn]', conclusionForm), today);

  function renderConclusion() {
    const issued = view.conclusion;
    $('#conclusion-issued').hidden = !issued;
    conclusionForm.hidden = Boolean(issued) || !office;
    $('#conclusion-wait').hidden = Boolean(issued) || office;
    if (issued) {
      $('#conclusion-number').textContent = issued.numberSymbol;
      $('#conclusion-date').textContent = fmtDate(issued.issuedOn);
      $('#conclusion-download').href = `/api/inspections/plans/${id}/conclusion.docx`;
    }
  }

  conclusionForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(conclusionForm);
    if (!v) return;
    const result = await api('POST', `/api/inspections/plans/${id}/conclusion`, {
      version: view.version, issuerSymbol: v.issuerSymbol, issuedOn: v.issuedOn, place: v.place, signer: v.signer, signerTitle: v.signerTitle,
      recipients: lines(v.recipients ?? ''),
    });
    if (result.ok) {
      clearErrors(conclusionForm);
      await reload();
    } else if (result.status === 409) {
      await conflict(conclusionForm);
    } else {
      showErrors(conclusionForm, result.status, result.problem);
    }
  });

  // The adjustments table is drawn by loadLedger alone, once its read model has caught up: drawing it earlier too would
  // replace a row's decline form (and the error shown in it) while the clerk is using it.
  function render() {
    renderHeader();
    renderUnits();
    renderConclusion();
  }

  render();
  await loadLedger(() => true);
  await loadFollowUp();
});
