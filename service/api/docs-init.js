// Starts Swagger UI on /docs (served as /docs/assets/news-index-init.js): what flask-smorest's
// page did in an inline script, read from the container's data attributes, so the page needs
// no 'unsafe-inline' (service/security_headers.py).
window.addEventListener("load", function () {
  var container = document.getElementById("swagger-ui-container");
  var config = { url: container.dataset.specUrl, dom_id: "#swagger-ui-container" };
  var extra = JSON.parse(container.dataset.config || "{}");
  for (var name in extra) { config[name] = extra[name]; }
  window.ui = SwaggerUIBundle(config);
});
