const db = require("./db");

async function findInvoices(customer) {
  const query = "SELECT id, amount FROM invoices WHERE customer = '" + customer + "'";
  return db.query(query);
}

module.exports = { findInvoices };
