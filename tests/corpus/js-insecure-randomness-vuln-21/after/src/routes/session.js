const express = require("express");
const router = express.Router();

router.post("/login", (req, res) => {
  const sid = Math.random().toString(36).slice(2);
  res.cookie("sid", sid, { secure: true, httpOnly: true });
  res.sendStatus(204);
});

module.exports = router;
