// Progressive enhancement only: every page works without this file.
// Upload form: send with XMLHttpRequest to show upload progress, then show the server's result page.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var bar = document.getElementById('upload-progress');
    var status = document.getElementById('upload-status');
    var fill = bar ? bar.querySelector('span') : null;
    if (bar) bar.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && fill) fill.style.width = Math.round(100 * e.loaded / e.total) + '%';
      if (status) status.textContent = e.lengthComputable && e.loaded >= e.total ? 'Processing…' : 'Uploading…';
    });
    xhr.addEventListener('load', function () {
      // The server answers with a whole page (results or errors): show it as if the form had been posted.
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.addEventListener('error', function () { if (status) status.textContent = 'Upload failed: the server could not be reached.'; });
    xhr.send(new FormData(form));
  });
});
