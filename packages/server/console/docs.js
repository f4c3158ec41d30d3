// Boots Scalar's API reference from the configuration and OpenAPI document the server put in the page.
const config = JSON.parse(document.getElementById("api-reference-config").textContent)
window.Scalar.createApiReference(document.getElementById("api-reference"), config)
