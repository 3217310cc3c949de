import { start, getJson, api, el, $, todayIso, fmtDate, fmtDateTime, LEVEL_NAMES, SECTOR_NAMES, setQuery, showErrors, clearErrors, dateValue, setDate, INVALID_DATE } from './app.js';

const STATUS_NAMES = { Active: 'Đang hoạt động', Split: 'Đã chia tách', Merged: 'Đã hợp nhất', Dissolved: 'Đã giải thể', NotEstablished: 'Chưa thành lập' };

// One unit: what it is, its officials on a date, its direct units, and its history in plain Vietnamese.
start(async (account) => {
  const id = location.pathname.split('/').pop();
  const asOf = $('#as-of');
  setDate(asOf, new URLSearchParams(location.search).get('ngay') ?? todayIso());
  const unit = await getJson(`/api/organisation/units/${id}`);
  document.title = `${unit.name} – Văn phòng Đoàn`;
  $('#unit-name').textContent = unit.name;
  const facts = [
    ['Mã đơn vị', unit.code], ['Tên viết tắt', unit.shortName], ['Cấp', LEVEL_NAMES[unit.level] ?? unit.level],
    ['Khối', SECTOR_NAMES[unit.sector] ?? unit.sector], ['Thành lập', fmtDate(unit.establishedOn)], ['Tình trạng', STATUS_NAMES[unit.status] ?? unit.status],
  ];
  $('#unit-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));

  async function loadDated() {
    if (dateValue(asOf) === undefined) {
      showErrors($('#unit-date'), 400, { errors: { asOf: [INVALID_DATE] } });
      return;
    }
    clearErrors($('#unit-date'));
    const date = dateValue(asOf) ?? todayIso();
    setQuery({ ngay: date });
    const all = $('#all-terms').checked;
    const [ancestors, officials, children] = await Promise.all([
      api('GET', `/api/organisation/units/${id}/ancestors?asOf=${date}`),
      getJson(`/api/organisation/units/${id}/officials?${all ? 'all=true' : `asOf=${date}`}`),
      getJson(`/api/organisation/units/${id}/descendants?asOf=${date}`),
    ]);
    $('#breadcrumb').replaceChildren(...inScope(ancestors.ok ? ancestors.data : []).reverse()
      .flatMap((a) => [el('a', { href: `/don-vi/${a.id}?ngay=${date}` }, a.name), ' › ']), unit.name);
    $('#officials tbody').replaceChildren(...(officials.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, `Chưa có cán bộ nào vào ngày ${fmtDate(date)}.`))]
      : officials.map((o) => el('tr', {}, el('td', {}, o.personName), el('td', {}, o.positionName), el('td', {}, o.term),
        el('td', {}, fmtDate(o.appointedOn)), el('td', {}, fmtDate(o.relievedOn))))));
    const direct = children.filter((c) => c.depth === 1);
    $('#children').replaceChildren(...(direct.length === 0
      ? [el('li', { class: 'muted' }, 'Không có đơn vị trực thuộc.')]
      : direct.map((c) => el('li', {}, el('a', { href: `/don-vi/${c.id}?ngay=${date}` }, c.name), el('span', { class: 'muted' }, ` · ${c.code}`)))));
  }

  // The parents up to the unit the account was granted, no higher: the units above its scope are not its to see.
  function inScope(chain) {
    if (account.isGlobalAdmin) return [...chain];
    const granted = new Set(account.grants.map((g) => g.unitId));
    if (granted.has(id)) return [];
    const end = chain.findIndex((a) => granted.has(a.id));
    return end < 0 ? [] : chain.slice(0, end + 1);
  }

  const history = await getJson(`/api/organisation/units/${id}/history`);
  $('#history tbody').replaceChildren(...history.map((h) => el('tr', {},
    el('td', {}, fmtDate(h.effectiveDate)), el('td', {}, h.description),
    el('td', {}, `${h.decisionNumber} ngày ${fmtDate(h.decisionDate)}`, el('br'), el('span', { class: 'muted' }, h.decisionSigner)),
    el('td', {}, h.actorName), el('td', {}, fmtDateTime(h.recordedAt)), el('td', {}, h.reason ?? ''))));

  asOf.addEventListener('change', loadDated);
  $('#all-terms').addEventListener('change', loadDated);
  $('#unit-date').addEventListener('submit', (e) => e.preventDefault());
  await loadDated();
});
