const crypto = require("crypto");
const express = require("express");
const router = express.Router();

router.post("/login", (req, res) => {
  const sid = crypto.randomBytes(32).toString("base64url");
  const delay = Math.floor(Math.random() * 100);
  res.cookie("sid", sid, { secure: true, httpOnly: true });
  setTimeout(() => res.sendStatus(204), delay);
});

module.exports = router;
