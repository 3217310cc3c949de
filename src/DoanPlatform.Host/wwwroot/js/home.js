import { start, $, el, ROLE_NAMES, SCREENS, mayUse } from './app.js';

start(async (account) => {
  $('#display-name').textContent = account.displayName;
  $('#grants').replaceChildren(...account.grants.map((g) => el('li', {}, `${ROLE_NAMES[g.role] ?? g.role} — ${g.unitName}`)));
  $('#shortcuts').replaceChildren(...SCREENS.filter((s) => s.key !== 'home' && mayUse(account, s))
    .map((s) => el('li', {}, el('a', { href: s.path }, s.label))));
});
