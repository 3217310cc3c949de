import { start, api, $, el, ROLE_NAMES, SCREENS, mayUse } from './app.js';

// What the account's offices have to act on (overdue tasks, sheets awaiting assessment, adjustments awaiting approval, meetings
// without an issued notice), each a link to the screen that deals with it; then the account and its screens.
const OFFICE_ROLES = ['Admin', 'OfficeStaff', 'Auditor', 'Inspector'];

function tile(count, label, href, zero) {
  return el('li', { class: `count${count > 0 ? ' due' : ''}` },
    el('a', { href }, el('strong', { class: 'figure' }, count.toLocaleString('vi-VN')), el('span', {}, label)),
    count === 0 ? el('span', { class: 'muted' }, zero) : null);
}

start(async (account) => {
  $('#display-name').textContent = account.displayName;
  $('#grants').replaceChildren(...account.grants.map((g) => el('li', {}, `${ROLE_NAMES[g.role] ?? g.role} — ${g.unitName}`)));
  $('#shortcuts').replaceChildren(...SCREENS.filter((s) => s.key !== 'home' && mayUse(account, s))
    .map((s) => el('li', {}, el('a', { href: s.path }, s.label))));

  const units = [...new Map(account.grants.filter((g) => g.unitId && OFFICE_ROLES.includes(g.role)).map((g) => [g.unitId, g])).values()].slice(0, 4);
  const cards = [];
  for (const grant of units) {
    const result = await api('GET', `/api/reports/overview?unitId=${grant.unitId}`);
    if (!result.ok) continue;
    const o = result.data;
    const year = o.latestYear ? `&nam=${o.latestYear}` : '';
    const q = `?unit=${grant.unitId}`;
    const office = grant.role === 'Admin' || grant.role === 'OfficeStaff';
    const total = o.overdueTasks + o.sheetsAwaitingAssessment + o.adjustmentsAwaitingApproval + o.meetingsWithoutNotice;
    cards.push(el('section', { class: 'card overview', dataset: { unit: grant.unitId } },
      el('h2', {}, `Việc cần xử lý — ${grant.unitName}`),
      el('p', { class: 'muted' }, total === 0
        ? 'Không có việc nào đang chờ: mọi nhiệm vụ còn trong hạn, không có bảng điểm hay đề nghị điều chỉnh nào chờ xử lý.'
        : `Số liệu tính đến hôm nay${o.latestYear ? `; năm gần nhất có dữ liệu: ${o.latestYear}` : ''}.`),
      el('ul', { class: 'counts' },
        tile(o.overdueTasks, 'nhiệm vụ quá hạn chưa báo cáo hoàn thành', office ? `/nhiem-vu/qua-han${q}` : `/bao-cao${q}${year}`, 'đơn vị đã báo cáo đúng hạn'),
        tile(o.sheetsAwaitingAssessment, 'bảng điểm đã nộp, chờ chấm', `/thi-dua/xep-hang${q}${year}`, 'không có bảng điểm chờ chấm'),
        tile(o.adjustmentsAwaitingApproval, 'đề nghị điều chỉnh điểm sau kiểm tra chờ duyệt', `/kiem-tra${q}${year}`, 'không có đề nghị chờ duyệt'),
        tile(o.meetingsWithoutNotice, 'hội nghị chưa ban hành thông báo kết luận', `/hoi-nghi${q}${year}`, 'mọi hội nghị đã có thông báo'))));
  }
  $('#overview').replaceChildren(...cards);
});
