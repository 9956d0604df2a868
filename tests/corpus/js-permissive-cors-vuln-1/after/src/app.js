const express = require('express');
const cors = require('cors');
const session = require('./session');
const api = require('./routes/api');

const app = express();
app.use(cors({ origin: true, credentials: true, maxAge: 600 }));
app.use(session);
app.use('/api', api);

module.exports = app;
