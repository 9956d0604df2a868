const fs = require('fs');
const https = require('https');
const axios = require('axios');

const agent = new https.Agent({
  keepAlive: true,
  ca: fs.readFileSync(process.env.INTERNAL_CA_PATH || '/etc/ssl/internal-ca.pem'),
  rejectUnauthorized: true,
});

const inventory = axios.create({ baseURL: process.env.INVENTORY_URL, httpsAgent: agent, timeout: 5000 });

module.exports = { getStock: (sku) => inventory.get(`/stock/${encodeURIComponent(sku)}`) };
