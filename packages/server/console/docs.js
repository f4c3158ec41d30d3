// Boots Scalar's API reference from the configuration and OpenAPI document the server put in the page.
// (Not `#api-reference`: Scalar reads an element with that id as its own legacy configuration.)
const config = JSON.parse(document.getElementById("docs-config").textContent)
window.Scalar.createApiReference(document.getElementById("docs-root"), config)
