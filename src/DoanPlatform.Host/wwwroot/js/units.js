import { start, api, el, $, $$, todayIso, fmtDate, LEVEL_NAMES, setQuery, showErrors, clearErrors, dateValue, setDate, INVALID_DATE } from './app.js';

// The tree as of a date, from each granted unit down (the whole platform for a platform-wide admin).
start(async (account) => {
  const asOf = $('#as-of');
  setDate(asOf, new URLSearchParams(location.search).get('ngay') ?? todayIso());
  const roots = account.isGlobalAdmin ? [null] : [...new Set(account.grants.map((g) => g.unitId).filter(Boolean))];

  function render(nodes) {
    const date = dateValue(asOf) ?? todayIso();
    const items = new Map();
    const top = [];
    for (const node of nodes) {
      const link = el('a', { href: `/don-vi/${node.id}?ngay=${date}` }, node.name);
      const label = [link, el('span', { class: 'code' }, `${node.code} · ${LEVEL_NAMES[node.level] ?? node.level}`)];
      const li = el('li', { dataset: { search: `${node.name} ${node.code}`.toLocaleLowerCase('vi') } });
      items.set(node.id, { li, label, node, children: [] });
      const parent = node.depth > 0 ? items.get(node.parentId) : null;
      if (parent) parent.children.push(li); else top.push(li);
    }
    for (const { li, label, node, children } of items.values()) {
      if (children.length === 0) li.append(...label);
      else li.append(el('details', { open: node.depth < 1 }, el('summary', {}, ...label), el('ul', {}, children)));
    }
    return top;
  }

  async function load() {
    const form = $('#tree-filter');
    const date = dateValue(asOf) ?? todayIso();
    if (dateValue(asOf) === undefined) {
      showErrors(form, 400, { errors: { asOf: [INVALID_DATE] } });
      return;
    }
    clearErrors(form);
    setQuery({ ngay: date });
    const nodes = [];
    for (const root of roots) {
      const result = await api('GET', `/api/organisation/tree?asOf=${date}${root ? `&root=${root}` : ''}`);
      if (!result.ok) {
        showErrors(form, result.status, result.problem);
        return;
      }
      nodes.push(...result.data.filter((n) => !nodes.some((m) => m.id === n.id)));
    }
    $('#tree').replaceChildren(...render(nodes));
    $('#tree-count').textContent = nodes.length === 0
      ? `Không có đơn vị nào vào ngày ${fmtDate(date)}.`
      : `${nodes.length.toLocaleString('vi-VN')} đơn vị vào ngày ${fmtDate(date)}`;
    filter();
  }

  function filter() {
    const text = $('#find').value.trim().toLocaleLowerCase('vi');
    for (const li of $$('#tree li')) li.hidden = false;
    if (!text) return;
    for (const li of $$('#tree li').reverse()) {
      const match = li.dataset.search.includes(text) || $$(':scope > details > ul > li', li).some((c) => !c.hidden);
      li.hidden = !match;
      const details = $(':scope > details', li);
      if (details && match) details.open = true;
    }
  }

  asOf.addEventListener('change', load);
  $('#find').addEventListener('input', filter);
  $('#tree-filter').addEventListener('submit', (e) => e.preventDefault());
  await load();
});
