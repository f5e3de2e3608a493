// Upload gate: the submit button stays disabled while the chosen form has
// error-severity findings. Uses only the public FormCheck API (docs/api.md).
/* global FormCheck */
(function () {
  'use strict';
  var file = document.getElementById('form-file');
  var submit = document.getElementById('submit');
  var status = document.getElementById('gate-status');
  var list = document.getElementById('gate-errors');
  file.addEventListener('change', function () {
    submit.disabled = true;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!file.files.length) { status.textContent = '请选择文件。'; return; }
    status.textContent = '正在检查…';
    FormCheck.check(file.files[0]).then(function (r) {
      r.findings.filter(function (f) { return f.severity === 'error'; }).forEach(function (f) {
        var li = document.createElement('li');
        li.textContent = f.location.label + '：' + f.message;
        list.appendChild(li);
      });
      submit.disabled = r.errors > 0;
      status.textContent = r.errors > 0 ? '有 ' + r.errors + ' 个错误，请修改后再上传。' : '检查通过（' + r.warnings + ' 个警告），可以上传。';
    }, function (err) {
      status.textContent = '检查失败：' + err.message;
    });
  });
  document.getElementById('upload').addEventListener('submit', function (e) {
    e.preventDefault();
    status.textContent = '（示例）已通过检查，此处提交到单位的上传接口。';
  });
})();
