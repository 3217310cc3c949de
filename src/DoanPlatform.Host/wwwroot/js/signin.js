import { api, showErrors, clearErrors, formValues, $ } from './app.js';

const form = $('#sign-in-form');

// Only a path on this site: never send the user elsewhere after signing in.
function returnUrl() {
  const wanted = new URLSearchParams(location.search).get('ReturnUrl') ?? '/';
  return wanted.startsWith('/') && !wanted.startsWith('//') ? wanted : '/';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const values = formValues(form);
  const errors = {};
  if (!values.userName) errors.userName = ['Nhập tên đăng nhập.'];
  if (!values.password) errors.password = ['Nhập mật khẩu.'];
  if (Object.keys(errors).length > 0) {
    showErrors(form, 400, { errors });
    return;
  }
  const button = $('button[type=submit]', form);
  button.disabled = true;
  const result = await api('POST', '/api/organisation/sign-in', { userName: values.userName, password: values.password });
  button.disabled = false;
  if (result.ok) location.assign(returnUrl());
  else showErrors(form, result.status, result.problem);
});
