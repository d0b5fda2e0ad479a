// Sends the CSRF token that the layout puts in <meta name="_csrf"> with every htmx request, so
// partial updates (POSTs included) pass the same CSRF check as ordinary forms.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header && token.content) {
    event.detail.headers[header.content] = token.content;
  }
});
