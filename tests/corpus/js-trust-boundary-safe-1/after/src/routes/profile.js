const express = require("express");
const router = express.Router();

router.post("/profile", async (req, res) => {
  req.session.page = parseInt(req.body.page, 10);
  req.session.role = (await req.app.locals.users.find(req.session.userId)).role;
  res.sendStatus(204);
});

module.exports = router;
