import { start, api, getJson, el, $, fmtDate, todayIso, setDate, readUntil, fillUnitPicker, setQuery, showErrors, clearErrors, formValues, flash } from './app.js';

const TASK_STATES = { Open: 'Đang thực hiện', Overdue: 'Quá hạn', OnTime: 'Hoàn thành đúng hạn', Late: 'Hoàn thành trễ hạn' };

// A unit's tasks with their deadlines, and the form its secretary reports progress or completion with.
start(async (account) => {
  const unit = $('#unit');
  await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff', 'UnitSecretary']);
  const form = $('#report');
  let reporting = null;

  async function load(shows = () => true) {
    setQuery({ unit: unit.value });
    const tasks = await readUntil(() => getJson(`/api/meetings/tasks?unitId=${unit.value}`), shows);
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
  unit.addEventListener('change', load);
  $('#filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  await load();
});
