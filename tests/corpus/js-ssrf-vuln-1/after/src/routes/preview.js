const express = require('express');
const axios = require('axios');
const cheerio = require('cheerio');

const router = express.Router();

router.get('/preview', async (req, res) => {
  try {
    const { data } = await axios.get(req.query.url, { timeout: 5000 });
    const $ = cheerio.load(data);
    res.json({ title: $('title').text(), image: $('meta[property="og:image"]').attr('content') });
  } catch (e) {
    res.status(502).json({ error: 'could not fetch' });
  }
});

module.exports = router;
