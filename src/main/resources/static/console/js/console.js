// Sends the CSRF token that the layout puts in <meta name="_csrf"> with every htmx request, so
// partial updates (POSTs included) pass the same CSRF check as ordinary forms.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header && token.content) {
    event.detail.headers[header.content] = token.content;
  }
});

// A file input with data-max-bytes (the server's upload limit) refuses a larger file before it is sent:
// past the limit the server cannot read the rest of the form, its CSRF field included, and would answer
// "denied" instead of "too large". The note named by data-note says why.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches('input[type="file"][data-max-bytes]')) {
    return;
  }
  var max = Number(input.dataset.maxBytes);
  var file = input.files && input.files[0];
  var message = file && max > 0 && file.size > max
    ? file.name + " is " + megabytes(file.size) + ", more than the " + megabytes(max)
      + " this server takes (spring.servlet.multipart.max-file-size): import it with the command instead."
    : "";
  input.setCustomValidity(message);
  var note = document.getElementById(input.dataset.note);
  if (note) {
    note.textContent = message;
    note.hidden = !message;
  }
});

function megabytes(bytes) {
  return (bytes / 1048576).toFixed(bytes < 10485760 ? 1 : 0) + " MB";
}
