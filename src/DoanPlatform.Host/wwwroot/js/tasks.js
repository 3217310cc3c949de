import { start, api, getJson, el, $, fmtDate, todayIso, setDate, readUntil, fillUnitPicker, setQuery, showErrors, clearErrors, formValues, flash } from './app.js';

const TASK_STATES = { Open: 'Đang thực hiện', Overdue: 'Quá hạn', OnTime: 'Hoàn thành đúng hạn', Late: 'Hoàn thành trễ hạn' };

// A unit's tasks with their deadlines, and the form its secretary reports progress or completion with; below them the
// recommendations inspections left the unit, reported on the same way.
start(async (account) => {
  const unit = $('#unit');
  await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff', 'UnitSecretary']);
  const form = $('#report');
  let reporting = null;

  async function load(shows = () => true) {
    setQuery({ unit: unit.value });
    const tasks = await readUntil(() => getJson(`/api/meetings/tasks?unitId=${unit.value}`), shows, 'tasks');
    if (tasks === undefined) return;
    $('#tasks tbody').replaceChildren(...(tasks.length === 0
      ? [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'Đơn vị chưa được giao nhiệm vụ nào.'))]
      : tasks.map((t) => el('tr', { dataset: { task: t.taskId } },
        el('td', {}, t.text), el('td', {}, fmtDate(t.deadline)), el('td', {}, t.target ?? ''),
        el('td', {}, el('span', { class: `badge ${t.state}` }, TASK_STATES[t.state] ?? t.state),
          t.completedOn ? el('div', { class: 'muted' }, `ngày ${fmtDate(t.completedOn)}`) : null),
        el('td', {}, t.lastNote ?? ''),
        el('td', {}, t.completedOn ? '' : el('button', { type: 'button', onclick: () => open(t) }, 'Báo cáo'))))));
  }

  function open(task) {
    reporting = task;
    clearErrors(form);
    form.reset();
    setDate($('[name=on]', form), todayIso());
    $('#report-task').textContent = `${task.text} — hạn ${fmtDate(task.deadline)}`;
    $('#report-card').hidden = false;
    $('[name=note]', form).focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(form);
    if (!v) return;
    const result = await api('POST', `/api/meetings/tasks/${reporting.taskId}/reports`, {
      unitId: unit.value, note: v.note, completed: v.completed === 'true', on: v.on,
    });
    if (!result.ok) {
      showErrors(form, result.status, result.problem);
      return;
    }
    $('#report-card').hidden = true;
    const taskId = reporting.taskId;
    await load((tasks) => tasks.some((t) => t.taskId === taskId && t.lastNote === v.note.trim()));
    flash($('#filter'), v.completed === 'true' ? 'Đã báo cáo hoàn thành.' : 'Đã báo cáo tiến độ.');
  });
  $('#cancel-report').addEventListener('click', () => { $('#report-card').hidden = true; });

  const recommendationForm = $('#recommendation-report');
  let recommendation = null;

  async function loadRecommendations(shows = () => true) {
    const rows = await readUntil(() => getJson(`/api/inspections/recommendations?unitId=${unit.value}&openOnly=false`), shows, 'recommendations');
    if (rows === undefined) return;
    $('#recommendations tbody').replaceChildren(...(rows.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'Đơn vị không có kiến nghị nào sau kiểm tra.'))]
      : rows.map((r) => el('tr', { dataset: { recommendation: r.id } },
        el('td', {}, r.text), el('td', {}, fmtDate(r.deadline)),
        el('td', {}, r.open
          ? el('span', { class: `badge ${r.overdue ? 'Overdue' : 'Open'}` }, r.overdue ? 'Quá hạn' : 'Đang thực hiện')
          : el('span', { class: 'badge OnTime' }, 'Đã thực hiện')),
        el('td', {}, r.lastReport ?? '', r.reportedOn ? el('div', { class: 'muted' }, `ngày ${fmtDate(r.reportedOn)}`) : null),
        el('td', {}, r.open ? el('button', { type: 'button', onclick: () => openRecommendation(r) }, 'Báo cáo kiến nghị') : '')))));
  }

  function openRecommendation(row) {
    recommendation = row;
    clearErrors(recommendationForm);
    recommendationForm.reset();
    $('#recommendation-text').textContent = `${row.text} — hạn ${fmtDate(row.deadline)}`;
    $('#recommendation-card').hidden = false;
    $('[name=report]', recommendationForm).focus();
  }

  recommendationForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = formValues(recommendationForm);
    if (!v) return;
    const result = await api('POST', `/api/inspections/plans/${recommendation.planId}/recommendations/${recommendation.id}/reports`, {
      report: v.report, completed: v.completed === 'true',
    });
    if (!result.ok) {
      showErrors(recommendationForm, result.status, result.problem);
      return;
    }
    $('#recommendation-card').hidden = true;
    const id = recommendation.id;
    await loadRecommendations((rows) => rows.some((r) => r.id === id && r.lastReport === v.report.trim()));
    flash($('#filter'), v.completed === 'true' ? 'Đã báo cáo thực hiện xong kiến nghị.' : 'Đã báo cáo tiến độ thực hiện kiến nghị.');
  });
  $('#cancel-recommendation').addEventListener('click', () => { $('#recommendation-card').hidden = true; });

  const loadAll = () => Promise.all([load(), loadRecommendations()]);
  unit.addEventListener('change', loadAll);
  $('#filter').addEventListener('submit', (e) => { e.preventDefault(); loadAll(); });
  await loadAll();
});
