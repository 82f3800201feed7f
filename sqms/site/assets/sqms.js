/* SQMS: generated register tables become sortable (click a header), and a
   register's long table also filterable and paged. Progressive enhancement:
   without this script every row of every table is shown as written. The
   words of the controls come from the wrapper's data- attributes, which the
   page was generated with in its own language. Runs from file:// and again
   after each of Material's instant page loads (document$). */
(function () {
  "use strict";

  var DEFAULT_PAGE_SIZE = 50;

  function sortable() {
    document.querySelectorAll("div.sqms-sortable table").forEach(function (table) {
      if (!table.dataset.sqmsSortable && table.tBodies.length) {
        table.dataset.sqmsSortable = "1";
        new Tablesort(table);
      }
    });
  }

  /* A phrase of the wrapper's data- attributes, with {name} fields filled in. */
  function words(wrapper, name, fields) {
    var text = wrapper.getAttribute("data-sqms-" + name) || "";
    Object.keys(fields || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(fields[key]));
    });
    return text;
  }

  function button(label, onClick) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = "md-button sqms-pager__button";
    made.textContent = label;
    made.addEventListener("click", onClick);
    return made;
  }

  /* One register table: a filter box above it and a pager below it. */
  function Register(wrapper, table) {
    this.wrapper = wrapper;
    this.table = table;
    this.body = table.tBodies[0];
    var size = parseInt(wrapper.getAttribute("data-sqms-page-size"), 10);
    this.size = size > 0 ? size : DEFAULT_PAGE_SIZE;
    this.page = 0;
    this.query = "";
    this.build();
    this.render();
  }

  Register.prototype.build = function () {
    var self = this;
    var tools = document.createElement("div");
    tools.className = "sqms-register__tools";
    this.filter = document.createElement("input");
    this.filter.type = "search";
    this.filter.className = "sqms-register__filter";
    this.filter.placeholder = words(this.wrapper, "filter");
    this.filter.setAttribute("aria-label", words(this.wrapper, "filter"));
    this.filter.addEventListener("input", function () {
      self.query = self.filter.value.trim().toLowerCase();
      self.page = 0;
      self.render();
    });
    tools.appendChild(this.filter);
    this.wrapper.insertBefore(tools, this.wrapper.firstChild);

    this.pager = document.createElement("div");
    this.pager.className = "sqms-pager";
    this.status = document.createElement("span");
    this.status.className = "sqms-pager__status";
    this.status.setAttribute("aria-live", "polite");
    this.previous = button(words(this.wrapper, "previous"), function () {
      self.go(self.page - 1);
    });
    this.next = button(words(this.wrapper, "next"), function () {
      self.go(self.page + 1);
    });
    this.pager.appendChild(this.previous);
    this.pager.appendChild(this.status);
    this.pager.appendChild(this.next);
    this.wrapper.appendChild(this.pager);
    /* Tablesort reorders the rows: show the first page of the new order. */
    this.table.addEventListener("afterSort", function () {
      self.page = 0;
      self.render();
    });
  };

  /* The rows the filter keeps, in the table's current order. */
  Register.prototype.matching = function () {
    var query = this.query;
    return Array.prototype.filter.call(this.body.rows, function (row) {
      return !query || row.textContent.toLowerCase().indexOf(query) !== -1;
    });
  };

  Register.prototype.go = function (page) {
    this.page = page;
    this.render();
  };

  Register.prototype.render = function () {
    var rows = this.matching();
    var pages = Math.max(1, Math.ceil(rows.length / this.size));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var first = this.page * this.size;
    var last = Math.min(first + this.size, rows.length);
    var shown = new Set(rows.slice(first, last));
    Array.prototype.forEach.call(this.body.rows, function (row) {
      row.hidden = !shown.has(row);
    });
    this.status.textContent = rows.length
      ? words(this.wrapper, "rows", { first: first + 1, last: last, total: rows.length })
      : words(this.wrapper, "none");
    this.previous.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    this.previous.hidden = this.next.hidden = pages < 2;
  };

  /* Show the row a link points at (#cmp-0001), whatever page or filter hid it. */
  Register.prototype.reveal = function (row) {
    if (!row || row.parentNode !== this.body || !row.hidden) {
      return false;
    }
    this.query = this.filter.value = "";
    var index = Array.prototype.indexOf.call(this.body.rows, row);
    this.go(Math.floor(index / this.size));
    return true;
  };

  var registers = [];

  function target() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function revealTarget() {
    var found = target();
    var row = found && found.closest ? found.closest("tr") : null;
    registers.forEach(function (register) {
      if (register.reveal(row)) {
        row.scrollIntoView();
      }
    });
  }

  function enhance() {
    registers = registers.filter(function (register) {
      return document.body.contains(register.table);
    });
    document.querySelectorAll("div.sqms-register").forEach(function (wrapper) {
      var table = wrapper.querySelector("table");
      if (table && table.tBodies.length && !table.dataset.sqmsRegister) {
        table.dataset.sqmsRegister = "1";
        registers.push(new Register(wrapper, table));
      }
    });
    revealTarget();
  }

  function setUp() {
    sortable();
    enhance();
  }

  window.addEventListener("hashchange", revealTarget);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
