// Shared by every screen: the API client (cookie, problem details), the signed-in account and its navigation,
// Vietnamese labels and dates, field errors next to their fields, and the 409 message.

/** Screens, and the roles that may use them (the API enforces the same scopes on every call). */
export const SCREENS = [
  { key: 'home', path: '/', label: 'Tổng quan', roles: ['Admin', 'OfficeStaff', 'UnitSecretary', 'Inspector', 'Auditor'] },
  { key: 'units', path: '/don-vi', label: 'Đơn vị', roles: ['Admin', 'OfficeStaff', 'UnitSecretary', 'Inspector', 'Auditor'] },
  { key: 'meetings', path: '/hoi-nghi', label: 'Hội nghị', roles: ['Admin', 'OfficeStaff'] },
  { key: 'tasks', path: '/nhiem-vu', label: 'Nhiệm vụ của đơn vị', roles: ['Admin', 'OfficeStaff', 'UnitSecretary'] },
  { key: 'overdue', path: '/nhiem-vu/qua-han', label: 'Nhiệm vụ quá hạn', roles: ['Admin', 'OfficeStaff'] },
  { key: 'sheet', path: '/thi-dua', label: 'Bảng điểm thi đua', roles: ['Admin', 'OfficeStaff', 'UnitSecretary'] },
  { key: 'rankings', path: '/thi-dua/xep-hang', label: 'Xếp hạng cụm thi đua', roles: ['Admin', 'OfficeStaff', 'Inspector', 'Auditor'] },
  { key: 'inspections', path: '/kiem-tra', label: 'Kiểm tra', roles: ['Admin', 'OfficeStaff', 'Inspector', 'Auditor'] },
  { key: 'reports', path: '/bao-cao', label: 'Báo cáo tổng kết năm', roles: ['Admin', 'OfficeStaff', 'Auditor'] },
  { key: 'audit', path: '/bao-cao/tra-soat', label: 'Tra soát lịch sử đơn vị', roles: ['Admin', 'Auditor'] },
];

export const ROLE_NAMES = {
  Admin: 'Quản trị', OfficeStaff: 'Văn phòng', UnitSecretary: 'Bí thư đơn vị', Inspector: 'Kiểm tra viên', Auditor: 'Giám sát, kiểm toán',
};
export const LEVEL_NAMES = {
  Central: 'Trung ương', Province: 'Tỉnh/Thành đoàn', District: 'Huyện/Quận đoàn', Bloc: 'Đoàn Khối', Commune: 'Đoàn xã/phường',
  Grassroots: 'Cơ sở Đoàn', Branch: 'Chi đoàn',
};
export const SECTOR_NAMES = {
  None: '—', Agencies: 'Cơ quan', ArmedForces: 'Lực lượng vũ trang', Communes: 'Xã, phường, thị trấn', Schools: 'Trường học', Enterprises: 'Doanh nghiệp',
};
export const KIND_NAMES = {
  Briefing: 'Hội nghị giao ban', Review: 'Hội nghị sơ kết', YearEnd: 'Hội nghị tổng kết', Inspection: 'Hội nghị kiểm tra',
  ClusterBriefing: 'Giao ban cụm thi đua', Committee: 'Hội nghị BCH/BTV',
};
export const ATTENDANCE_NAMES = { Present: 'Có mặt', ExcusedAbsence: 'Vắng có phép', UnexcusedAbsence: 'Vắng không phép' };
export const PLAN_STATUS_NAMES = { Planned: 'Chưa kiểm tra', Inspected: 'Đã kiểm tra', Concluded: 'Đã kết luận' };
export const VERDICT_NAMES = { Accepted: 'Chấp nhận', PartlyAccepted: 'Chấp nhận một phần', Rejected: 'Không chấp nhận' };
export const ADJUSTMENT_STATUS_NAMES = {
  Proposed: 'Chờ duyệt', Approved: 'Đã duyệt, chờ áp dụng', Applied: 'Đã áp dụng vào điểm thi đua', Declined: 'Đã từ chối', Refused: 'Không áp dụng được',
};
export const CONFLICT_MESSAGE = 'Người khác vừa thay đổi dữ liệu này; giá trị hiện tại là';

const vi = new Intl.Collator('vi-VN');
export const byVietnamese = (key) => (a, b) => vi.compare(key(a), key(b));

/** yyyy-MM-dd (the API's dates) as dd/MM/yyyy. */
export function fmtDate(iso) {
  if (!iso) return '';
  const [y, m, d] = String(iso).slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A timestamp as dd/MM/yyyy HH:mm in local time. */
export function fmtDateTime(value) {
  if (!value) return '';
  const t = new Date(value);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(t.getDate())}/${two(t.getMonth() + 1)}/${t.getFullYear()} ${two(t.getHours())}:${two(t.getMinutes())}`;
}

export function todayIso() {
  const t = new Date();
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

export const fmtNumber = (n) => (n === null || n === undefined ? '' : Number(n).toLocaleString('vi-VN', { maximumFractionDigits: 2 }));

/** Builds an element: el('td', { class: 'x', onclick: f }, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

export function signInUrl() {
  return `/dang-nhap?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`;
}

/**
 * Calls the API with the auth cookie. Answers { ok, status, data, problem, response }; a 401 sends the browser to
 * the sign-in page. JSON bodies unless body is a Blob/File (sent raw) or FormData (sent as multipart/form-data).
 */
export async function api(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body; // the browser writes the multipart Content-Type with its boundary
  } else if (body instanceof Blob) {
    init.body = body;
    init.headers['Content-Type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, problem: { title: 'Không kết nối được máy chủ', detail: 'Kiểm tra mạng rồi thử lại; dữ liệu trên màn hình vẫn được giữ.' } };
  }
  if (response.status === 401 && !url.endsWith('/sign-in')) {
    location.assign(signInUrl());
    return { ok: false, status: 401, problem: { title: 'Phiên đăng nhập đã hết' } };
  }
  const type = response.headers.get('content-type') ?? '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  if (response.ok) return { ok: true, status: response.status, data: json, response };
  return { ok: false, status: response.status, problem: json ?? { title: `Lỗi ${response.status}` }, response };
}

/**
 * Reads until the answer shows a write just made. Lists come from read models, which catch up with an accepted write a
 * moment later, and on a busy server that moment has no fixed length: a read that gave up after a number of tries left
 * the page showing the list from before the write for good. The write was accepted, so it will show: keep reading (each
 * pause a little longer, up to 2 s) and, once it takes more than a moment, say so on the page. A newer read of the same
 * list (key) supersedes this one, which then answers undefined: the caller draws nothing, the newer read draws.
 */
const readings = new Map();
export async function readUntil(read, done, key = read.toString()) {
  const generation = (readings.get(key) ?? 0) + 1;
  readings.set(key, generation);
  const current = () => readings.get(key) === generation;
  let value = await read();
  let note = null;
  try {
    for (let pause = 150; current() && !done(value); pause = Math.min(pause * 1.5, 2000)) {
      if (pause > 500 && !note) note = catchingUp();
      await new Promise((resolve) => { setTimeout(resolve, pause); });
      if (!current()) break;
      value = await read();
    }
  } finally {
    note?.remove();
  }
  return current() ? value : undefined;
}

function catchingUp() {
  const note = el('p', { class: 'catching-up', role: 'status' }, 'Đang cập nhật danh sách theo thay đổi vừa lưu…');
  ($('main') ?? document.body).prepend(note);
  return note;
}

/** GET that throws a problem (shown by the page) when it fails. */
export async function getJson(url) {
  const result = await api('GET', url);
  if (!result.ok) throw Object.assign(new Error(result.problem?.title ?? 'Lỗi'), { problem: result.problem, status: result.status });
  return result.data;
}

/** A problem as one sentence for the user. */
export function describeProblem(status, problem) {
  if (status === 403) return `Không có quyền: ${problem?.detail ?? 'tài khoản không được phép xem hoặc thay đổi dữ liệu này.'}`;
  if (status === 404) return `${problem?.title ?? 'Không tìm thấy'}${problem?.detail ? `: ${problem.detail}` : ''}`;
  const title = problem?.title ?? 'Có lỗi xảy ra';
  return problem?.detail && !/^[A-Za-z ]+[.]$/.test(problem.detail) ? `${title}: ${problem.detail}` : title;
}

/** Clears the messages a previous submit left on a form. */
export function clearErrors(form) {
  for (const node of $$('.field-error, .conflict', form)) node.remove();
  for (const node of $$('[aria-invalid]', form)) { node.removeAttribute('aria-invalid'); node.removeAttribute('aria-describedby'); }
  const general = $('.form-error', form);
  if (general) { general.hidden = true; general.textContent = ''; }
}

function fieldFor(form, name) {
  const candidates = [name, name.replace(/^\$\./, ''), name.split('.')[0], name.replace(/\[\d+\].*$/, '')];
  for (const candidate of candidates) {
    const found = $$('[data-field]', form).find((n) => n.dataset.field.toLowerCase() === candidate.toLowerCase());
    if (found) return found;
  }
  return null;
}

let errorCount = 0;

/** Puts each of the problem's field errors next to its field (data-field), the rest at the top of the form. */
export function showErrors(form, status, problem, fieldMap = (name) => name) {
  clearErrors(form);
  const general = [];
  const errors = problem?.errors ?? {};
  for (const [name, messages] of Object.entries(errors)) {
    const field = fieldFor(form, fieldMap(name));
    const text = [messages].flat().join(' ');
    if (!field) { general.push(text); continue; }
    field.setAttribute('aria-invalid', 'true');
    // After the field's label, not inside it: the message must not become part of the field's name.
    const id = `error-${++errorCount}`;
    field.setAttribute('aria-describedby', id);
    (field.closest('label') ?? field).insertAdjacentElement('afterend',
      el('p', { class: 'field-error', role: 'alert', id, dataset: { errorFor: field.dataset.field } }, text));
  }
  if (Object.keys(errors).length === 0) general.push(describeProblem(status, problem));
  if (general.length > 0) {
    let box = $('.form-error', form);
    if (!box) { box = el('div', { class: 'form-error', role: 'alert' }); form.prepend(box); }
    box.textContent = general.join(' ');
    box.hidden = false;
  }
}

/** The 409 explanation: someone else changed this, here is the current value; the user's input stays in the form. */
export function showConflict(form, currentValue) {
  clearErrors(form);
  const box = el('div', { class: 'conflict', role: 'alert' },
    el('strong', {}, `${CONFLICT_MESSAGE}:`),
    el('pre', { class: 'current-value' }, currentValue),
    el('p', {}, 'Nội dung bạn nhập vẫn được giữ nguyên bên dưới. Xem lại rồi bấm Lưu một lần nữa để ghi đè, hoặc tải lại trang để lấy dữ liệu mới.'));
  form.prepend(box);
  box.scrollIntoView({ block: 'nearest' });
}

/** A short-lived confirmation next to a form's buttons. */
export function flash(target, text) {
  const note = el('p', { class: 'flash', role: 'status' }, text);
  for (const old of $$(':scope > .flash', target)) old.remove();
  target.append(note);
  setTimeout(() => note.remove(), 6000);
}

/** dd/mm/yyyy (or d/m/yyyy) as yyyy-MM-dd; null when blank; undefined when it is not a date. */
export function parseDate(text) {
  const value = (text ?? '').trim();
  if (!value) return null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const INVALID_DATE = 'Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2023.';

/**
 * Date fields are text in dd/mm/yyyy whatever the browser's language, so every screen shows dates one way; a calendar
 * icon opens the browser's own picker for those who prefer it (the typed field stays the accessible control).
 */
export function dateField(input) {
  input.placeholder ||= 'dd/mm/yyyy';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  // Enter takes the typed date at once (a screen that reloads on change need not wait for the field to lose focus).
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') input.dispatchEvent(new Event('change', { bubbles: true })); });
  const picker = el('input', { type: 'date', class: 'picker', tabindex: '-1', 'aria-hidden': 'true' });
  picker.addEventListener('change', () => {
    input.value = fmtDate(picker.value);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const button = el('button', { type: 'button', class: 'calendar', tabindex: '-1', 'aria-hidden': 'true', title: 'Chọn ngày trên lịch' }, 'Lịch');
  button.addEventListener('click', () => {
    picker.value = parseDate(input.value) ?? todayIso();
    picker.showPicker?.();
  });
  input.insertAdjacentElement('afterend', el('span', { class: 'date-tools' }, button, picker));
}

export const dateValue = (input) => parseDate(input.value);
export const setDate = (input, iso) => { input.value = fmtDate(iso); };

/**
 * Reads a form's named inputs (empty strings as null, date fields as yyyy-MM-dd). A date that cannot be read is shown
 * next to its field and the answer is null: nothing is sent.
 */
export function readForm(form) {
  const values = {};
  const errors = {};
  for (const [k, v] of new FormData(form).entries()) values[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  for (const input of $$('input[data-date]', form)) {
    const iso = dateValue(input);
    if (iso === undefined) errors[input.dataset.field ?? input.name] = [INVALID_DATE];
    else if (input.name) values[input.name] = iso;
  }
  if (Object.keys(errors).length > 0) {
    showErrors(form, 400, { errors });
    return null;
  }
  return values;
}

export const formValues = readForm;

let mePromise;
/** The signed-in account with its grants and the names of their units. */
export function me() {
  mePromise ??= (async () => {
    const account = await getJson('/api/organisation/accounts/me');
    for (const grant of account.grants) {
      if (grant.unitId) {
        const unit = await api('GET', `/api/organisation/units/${grant.unitId}`);
        grant.unitName = unit.ok ? unit.data.name : '(đơn vị không còn)';
      } else {
        grant.unitName = 'Toàn hệ thống';
      }
    }
    account.roles = [...new Set(account.grants.map((g) => g.role))];
    account.isGlobalAdmin = account.grants.some((g) => g.role === 'Admin' && !g.unitId);
    return account;
  })();
  return mePromise;
}

export const mayUse = (account, screen) => screen.roles.some((r) => account.roles.includes(r));

/**
 * The units a picker offers: each granted unit and the units directly under it (the whole first two levels for a
 * platform-wide admin), as of today. Deeper units are reached from the tree.
 */
export async function scopeUnits(account, roles) {
  const grants = account.grants.filter((g) => !roles || roles.includes(g.role));
  const seen = new Map();
  const add = (node, depth) => { if (!seen.has(node.id)) seen.set(node.id, { id: node.id, name: node.name, code: node.code, depth }); };
  if (grants.some((g) => !g.unitId)) {
    for (const node of await getJson('/api/organisation/tree')) if (node.depth <= 1) add(node, node.depth);
  }
  for (const grant of grants.filter((g) => g.unitId)) {
    const tree = await getJson(`/api/organisation/tree?root=${grant.unitId}`);
    const limit = grant.role === 'UnitSecretary' ? 0 : 1;
    for (const node of tree) if (node.depth <= limit) add(node, node.depth);
  }
  return [...seen.values()];
}

/** Fills a select with the units in scope; keeps ?unit= when it is one of them. */
export async function fillUnitPicker(select, account, roles, preferred) {
  const units = await scopeUnits(account, roles);
  select.replaceChildren(...units.map((u) => el('option', { value: u.id }, `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}`)));
  const wanted = preferred ?? new URLSearchParams(location.search).get('unit');
  if (wanted) {
    if (!units.some((u) => u.id === wanted)) {
      // A unit picked on another screen (e.g. deeper in the tree): offer it too; the API still decides whether it may be read.
      const unit = await api('GET', `/api/organisation/units/${wanted}`);
      if (unit.ok) select.prepend(el('option', { value: wanted }, unit.data.name));
    }
    // A unit the account may not read is not offered: the screen stays on the account's first unit.
    if ($$('option', select).some((o) => o.value === wanted)) select.value = wanted;
  }
  return units;
}

/** Updates the query string without reloading, so a reload or a shared link shows the same selection. */
export function setQuery(values) {
  const query = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') query.delete(k); else query.set(k, v);
  }
  history.replaceState(null, '', `${location.pathname}?${query}`);
}

function pageMessage(text) {
  const box = $('#page-message');
  box.textContent = text;
  box.hidden = false;
  $('#content').hidden = true;
}

function renderShell(account, current) {
  $('#account').textContent = account.displayName;
  const nav = $('#nav');
  nav.replaceChildren(el('ul', {}, SCREENS.filter((s) => mayUse(account, s)).map((s) =>
    el('li', {}, el('a', { href: s.path, 'aria-current': s.key === current ? 'page' : null }, s.label)))));
  const toggle = $('.menu-toggle');
  toggle.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  $('#sign-out').addEventListener('click', async () => {
    await api('POST', '/api/organisation/sign-out');
    location.assign('/dang-nhap');
  });
}

/**
 * Starts a screen: loads the account, draws the navigation, refuses a screen the account's roles do not allow,
 * then runs the screen; a failed read shows its problem instead of the screen.
 */
export async function start(run) {
  const key = document.body.dataset.screen;
  const screen = SCREENS.find((s) => s.key === key);
  let account;
  try {
    account = await me();
  } catch (e) {
    pageMessage(describeProblem(e.status, e.problem));
    return;
  }
  renderShell(account, key);
  if (screen && !mayUse(account, screen)) {
    pageMessage('Không có quyền: vai trò của tài khoản không dùng màn hình này.');
    return;
  }
  $('#content').hidden = false;
  for (const input of $$('input[data-date]')) dateField(input);
  try {
    await run(account);
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (e.problem || e.status) pageMessage(describeProblem(e.status, e.problem));
    else { pageMessage(`Có lỗi khi hiển thị màn hình: ${e.message}`); throw e; }
  }
}
