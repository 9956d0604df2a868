const https = require('https');
const axios = require('axios');

const agent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false,
});

const inventory = axios.create({
  baseURL: process.env.INVENTORY_URL,
  httpsAgent: agent,
  timeout: 5000,
});

module.exports = { getStock: (sku) => inventory.get(`/stock/${encodeURIComponent(sku)}`) };
