module.exports = {
  port: process.env.PORT || 3000,
  github: {
    owner: 'acme',
    token: 'ghp_28uz5eRTpPWzUB4q60sskDI1EDL0Y6wu1JOS',
  },
  releaseBot: { auth: "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" },
};
