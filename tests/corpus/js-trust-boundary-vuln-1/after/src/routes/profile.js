const express = require("express");
const router = express.Router();

router.post("/profile", (req, res) => {
  req.session.role = req.body.role;
  res.sendStatus(204);
});

module.exports = router;
