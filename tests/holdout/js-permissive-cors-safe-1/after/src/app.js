const express = require('express');
const cors = require('cors');
const api = require('./api');

const allowed = new Set((process.env.CORS_ORIGINS || 'https://app.example.com').split(','));
const app = express();

app.use(express.json({ limit: '1mb' }));
app.use(
  cors({
    origin: (origin, cb) => cb(null, !origin || allowed.has(origin)),
    credentials: true,
  })
);
app.use('/api', api);

module.exports = app;
