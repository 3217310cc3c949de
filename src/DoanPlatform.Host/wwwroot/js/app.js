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

// One key per form content on this page: a double click or a retry after a lost answer sends the same key, and the server
// answers the first result again instead of creating a second record; a changed form is a new request with a new key.
const pageNonce = Math.random().toString(36).slice(2) + Date.now().toString(36);
function idempotencyKey(url, body) {
  let h1 = 0x811c9dc5; let h2 = 0x01000193;
  const text = `${url}\n${body}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${pageNonce}-${h1.toString(16)}${h2.toString(16)}`;
}

/**
 * Calls the API with the auth cookie. Answers { ok, status, data, problem, response }; a 401 sends the browser to
 * the sign-in page. JSON bodies unless body is a Blob/File (sent raw) or FormData (sent as multipart/form-data).
 */
export async function api(method, url, body) {
  // X-Doan-Request: the server refuses a cookie-carried write without it, so another site cannot post in the user's name.
  const init = { method, headers: { Accept: 'application/json', 'X-Doan-Request': '1' }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body; // the browser writes the multipart Content-Type with its boundary
  } else if (body instanceof Blob) {
    init.body = body;
    init.headers['Content-Type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  if (method === 'POST' && typeof init.body === 'string') init.headers['Idempotency-Key'] = idempotencyKey(url, init.body);
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

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const STATUS_MESSAGES = {
  0: 'Không kết nối được máy chủ; kiểm tra mạng rồi thử lại.',
  400: 'Dữ liệu chưa hợp lệ; xem lại các ô đã nhập.',
  401: 'Phiên đăng nhập đã hết; hãy đăng nhập lại.',
  403: 'Không có quyền: tài khoản không được phép xem hoặc thay đổi dữ liệu này.',
  404: 'Không tìm thấy dữ liệu cần xem: có thể đơn vị, hội nghị hoặc kế hoạch đã bị thay đổi; chọn lại từ danh sách.',
  405: 'Thao tác này không được hỗ trợ.',
  409: 'Dữ liệu vừa được người khác thay đổi; tải lại trang để xem giá trị mới.',
  413: 'Tệp quá lớn.',
  415: 'Định dạng tệp hoặc dữ liệu không được hỗ trợ.',
  422: 'Không thể thực hiện theo quy định nghiệp vụ.',
  429: 'Có quá nhiều yêu cầu cùng lúc; chờ một lát rồi thử lại.',
  500: 'Lỗi hệ thống; dữ liệu chưa được lưu. Thử lại, nếu vẫn lỗi hãy báo bộ phận kỹ thuật.',
  502: 'Máy chủ tạm thời không phục vụ được; thử lại sau ít phút.',
  503: 'Máy chủ tạm thời không phục vụ được; thử lại sau ít phút.',
  504: 'Máy chủ phản hồi quá lâu; thử lại sau ít phút.',
};

/** The text when it is Vietnamese; otherwise (framework English, raw exception text) the fallback. */
export function vietnameseText(text, fallback) {
  const value = String(text ?? '').trim();
  return value && VIETNAMESE_LETTER.test(value) ? value : fallback;
}

/**
 * A problem as one sentence for the user, always in Vietnamese: the API's own title and detail when they are Vietnamese, the status's
 * explanation otherwise (the one place problem details become words on a screen).
 */
export function describeProblem(status, problem) {
  const general = STATUS_MESSAGES[status] ?? (status >= 500 ? STATUS_MESSAGES[500] : 'Có lỗi xảy ra; thử lại.');
  const title = /^Lỗi \d+$/.test(problem?.title ?? '') ? null : vietnameseText(problem?.title, null);
  const detail = vietnameseText(problem?.detail, null);
  if (status === 403) return `Không có quyền: ${detail ?? 'tài khoản không được phép xem hoặc thay đổi dữ liệu này.'}`;
  if (!title) return detail ? `${general.replace(/[.;:].*$/, '')}: ${detail}` : general;
  return detail ? `${title}: ${detail}` : title;
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
    const text = vietnameseText([messages].flat().join(' '), 'Giá trị không hợp lệ.');
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

const END_NAMES = { Merged: 'đã hợp nhất', Split: 'đã chia tách', Dissolved: 'đã giải thể' };

/** "đã hợp nhất 01/07/2025 vào Đoàn phường Tam Thắng" for a unit that no longer exists; '' for one that does. */
export function endedText(unit) {
  if (!unit?.end) return '';
  const into = unit.today?.length ? ` vào ${unit.today.map((s) => s.name).join(', ')}` : '';
  return `${END_NAMES[unit.end] ?? 'không còn hoạt động'} ${fmtDate(unit.endedOn)}${unit.end === 'Dissolved' ? '' : into}`;
}

/** The permission a screen's roles stand for: what the search of units in scope is asked for. */
function permissionOf(roles) {
  if (!roles) return 'Read';
  if (roles.includes('UnitSecretary')) return 'Contribute';
  if (roles.includes('Auditor') && !roles.includes('OfficeStaff') && !roles.includes('Inspector')) return 'Audit';
  if (roles.includes('OfficeStaff') && !roles.includes('Auditor') && !roles.includes('Inspector')) return 'Manage';
  return 'Read';
}

/**
 * The units in the account's scope that existed in the period ({ year } or { asOf: 'yyyy-MM-dd' }, today when omitted), found by
 * name or code without regard to accents; without a query, each granted unit and the units directly under it. Merged and
 * dissolved units are included, with end and endedOn set.
 */
export async function scopeUnits(account, roles, { q = '', year, asOf, limit } = {}) {
  const query = new URLSearchParams({ permission: permissionOf(roles) });
  if (q) query.set('q', q);
  // A year or date still being typed (or out of range) leaves the list as of today rather than failing.
  if (/^\d{4}$/.test(String(year ?? '')) && year >= 2000 && year <= 2100) query.set('year', year);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) query.set('asOf', asOf);
  if (limit) query.set('limit', limit);
  const answer = await getJson(`/api/organisation/units/search?${query}`);
  return Object.assign(answer.units, { more: answer.more });
}

function unitOption(u, indent) {
  const ended = endedText(u);
  const label = `${indent ? '\u00a0\u00a0'.repeat(u.depth) : ''}${u.name}${!indent && u.parentName ? ` — ${u.parentName}` : ''}${ended ? ` (${ended})` : ''}`;
  return el('option', { value: u.id, dataset: { code: u.code, ...(u.end ? { ended: u.end } : {}) } }, label);
}

/**
 * Makes a select the screen's unit picker: the units in scope for the screen's period (period() answers { year } or { asOf }),
 * with a search box before it (name or code, accents optional) that reaches the whole subtree, past units included. Keeps ?unit=
 * (or preferred) when the account may read it. The answer's refresh() follows a new period; code() is the chosen unit's code.
 */
export async function fillUnitPicker(select, account, roles, preferred, period = () => ({})) {
  let search = select.parentElement.previousElementSibling?.querySelector?.('input.unit-search');
  if (!search) {
    search = el('input', { type: 'search', class: 'unit-search', placeholder: 'vd. phuong 1, BRVT.VT', autocomplete: 'off' });
    const label = el('label', { class: 'unit-search-label' }, 'Tìm theo tên, mã', search);
    (select.closest('label') ?? select).insertAdjacentElement('beforebegin', label);
  }
  const status = el('span', { class: 'muted unit-search-status', role: 'status' });
  search.insertAdjacentElement('afterend', status);

  async function fill(q) {
    const chosen = select.selectedOptions[0];
    const units = await scopeUnits(account, roles, { q, ...period() });
    const options = units.map((u) => unitOption(u, !q));
    // The unit on screen stays chosen until another is picked: typing alone never changes what the page shows.
    if (chosen && !units.some((u) => u.id === chosen.value)) options.unshift(chosen);
    select.replaceChildren(...options);
    if (chosen) select.value = chosen.value;
    status.textContent = q
      ? (units.length === 0 ? 'Không tìm thấy đơn vị nào trong phạm vi.' : `${units.length}${units.more ? '+' : ''} đơn vị phù hợp; chọn trong danh sách.`)
      : '';
    return units;
  }

  const units = await fill('');
  const wanted = preferred ?? new URLSearchParams(location.search).get('unit');
  if (wanted && !units.some((u) => u.id === wanted)) {
    // A unit picked on another screen or deeper in the tree: offered when the account may read it (the API decides), named as in the period.
    const unit = await api('GET', `/api/organisation/units/${wanted}`);
    if (unit.ok) {
      const p = period();
      const on = p.year ? `${p.year}-12-31` : (p.asOf ?? todayIso());
      const named = await api('POST', '/api/organisation/units/as-of', { units: [{ unitId: wanted, on }] });
      const u = named.ok && named.data[0] ? { ...named.data[0], id: wanted, depth: 0 } : { id: wanted, name: unit.data.name, code: unit.data.code, depth: 0 };
      select.prepend(unitOption(u, false));
    }
  }
  if (wanted && $$('option', select).some((o) => o.value === wanted)) select.value = wanted;

  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { fill(search.value.trim()).catch(() => { status.textContent = 'Không tìm được đơn vị; thử lại.'; }); }, 250);
  });
  search.addEventListener('keydown', async (e) => {
    if (e.key !== 'Enter') return;
    // Enter takes the first match at once.
    e.preventDefault();
    clearTimeout(timer);
    const found = await fill(search.value.trim());
    if (found.length > 0 && select.value !== found[0].id) {
      select.value = found[0].id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  return Object.assign(units, {
    refresh: () => fill(search.value.trim()).catch(() => { status.textContent = 'Không tải được danh sách đơn vị; thử lại.'; }),
    code: () => select.selectedOptions[0]?.dataset.code ?? '',
  });
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

/** The years a unit has data for (meetings, tasks, scores, inspections), newest first; [] when they cannot be read. */
export async function yearsWithData(unitId) {
  if (!unitId) return [];
  const result = await api('GET', `/api/reports/years?unitId=${unitId}`);
  return result.ok ? result.data.withData : [];
}

/**
 * Opens a screen on ?nam=, else on the latest year the unit has data for (a newcomer must not land on an empty current year), else on
 * fallback. Answers the years with data, for the empty-page hints.
 */
export async function openOnYear(yearInput, unitId, fallback = new Date().getFullYear()) {
  const years = await yearsWithData(unitId);
  const asked = new URLSearchParams(location.search).get('nam');
  yearInput.value = asked ?? years[0] ?? fallback;
  return years;
}

/** "Đơn vị có dữ liệu các năm 2024, 2023: chọn một năm ở ô Năm." when the shown year is empty but others are not; '' otherwise. */
export function otherYearsHint(years, year) {
  const others = years.filter((y) => String(y) !== String(year));
  return others.length === 0 ? '' : ` Đơn vị có dữ liệu các năm ${others.slice(0, 5).join(', ')}: chọn một năm ở ô Năm.`;
}
