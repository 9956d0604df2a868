const express = require('express');
const cors = require('cors');
const { listPublicEvents } = require('./services/events');

const app = express();
app.use(cors({ origin: '*', methods: ['GET'], maxAge: 86400 }));

app.get('/v1/events', async (_req, res) => {
  res.json(await listPublicEvents());
});

module.exports = app;
