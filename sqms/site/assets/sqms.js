/* SQMS: make generated register tables sortable by clicking their headers. */
(function () {
  function sortable() {
    document.querySelectorAll("div.sqms-sortable table").forEach(function (table) {
      if (!table.dataset.sqmsSortable) {
        table.dataset.sqmsSortable = "1";
        new Tablesort(table);
      }
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(sortable);
  } else {
    document.addEventListener("DOMContentLoaded", sortable);
  }
})();
