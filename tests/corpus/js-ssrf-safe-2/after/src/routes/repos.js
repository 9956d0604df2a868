const express = require('express');
const axios = require('axios');

const router = express.Router();

router.get('/repos/:owner/:repo/stars', async (req, res) => {
  const { owner, repo } = req.params;
  const url = `https://api.github.com/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const { data } = await axios.get(url, {
    headers: { Authorization: `Bearer ${process.env.GITHUB_TOKEN}` },
  });
  res.json({ stars: data.stargazers_count });
});

module.exports = router;
