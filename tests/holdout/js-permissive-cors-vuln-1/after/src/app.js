const express = require('express');
const cors = require('cors');
const cookieParser = require('cookie-parser');
const api = require('./api');

const app = express();

app.use(cookieParser());
app.use(express.json({ limit: '1mb' }));
app.use(
  cors({
    origin: (origin, cb) => cb(null, true),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
  })
);
app.use('/api', api);

module.exports = app;
