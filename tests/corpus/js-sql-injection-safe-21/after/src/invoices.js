const db = require("./db");
const TABLE = "invoices";

async function findInvoices(customer, page) {
  const offset = Number.parseInt(page, 10) * 20;
  const query = "SELECT id, amount FROM " + TABLE + " WHERE customer = ? LIMIT 20 OFFSET " + offset;
  return db.query(query, [customer]);
}

module.exports = { findInvoices };
