// Filters the dashboard's products by name, brand or team as the reader types.
document.querySelector('#filter').addEventListener('input', (event) => {
  const wanted = event.target.value.trim().toLowerCase();
  for (const row of document.querySelectorAll('[data-product]')) {
    row.hidden = wanted !== '' && !row.dataset.product.includes(wanted);
  }
});
