import { start, el, $, fillUnitPicker, setQuery, showErrors, clearErrors, openOnYear } from './app.js';

// The yearly review workbook, streamed by the server: the screen shows how much has arrived, then saves the file
// under the name the server gave it.
start(async (account) => {
  const unit = $('#unit');
  const year = $('#year');
  const picker = await fillUnitPicker(unit, account, ['Admin', 'OfficeStaff', 'Auditor'], undefined, () => ({ year: year.value }));
  await openOnYear(year, unit.value, new Date().getFullYear() - 1);
  await picker.refresh();
  year.addEventListener('change', () => picker.refresh());
  const form = $('#yearly');

  function fileName(response) {
    const header = response.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : `Tổng kết năm ${year.value}.xlsx`;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    setQuery({ unit: unit.value, nam: year.value });
    const code = picker.code();
    const button = $('button[type=submit]', form);
    button.disabled = true;
    $('#progress').hidden = false;
    $('#progress-bar').removeAttribute('value');
    $('#progress-text').textContent = 'Đang tổng hợp số liệu…';
    try {
      const response = await fetch(`/api/reports/yearly-review?unit=${encodeURIComponent(code)}&year=${year.value}`, { credentials: 'same-origin' });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({ title: `Lỗi ${response.status}` }));
        $('#progress').hidden = true;
        showErrors(form, response.status, problem);
        return;
      }
      const total = Number(response.headers.get('content-length')) || 0;
      const reader = response.body.getReader();
      const chunks = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        if (total) $('#progress-bar').value = received / total;
        $('#progress-text').textContent = `Đã nhận ${(received / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} KB`
          + (total ? ` / ${(total / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} KB` : '');
      }
      const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
      const link = el('a', { href: URL.createObjectURL(blob), download: fileName(response) });
      document.body.append(link);
      link.click();
      link.remove();
      $('#progress-bar').value = 1;
      $('#progress-text').textContent = `Đã tải xong ${fileName(response)} (${(received / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} KB).`;
    } finally {
      button.disabled = false;
    }
  });
});
