const PaymentsClient = require('@acme/payments');

const paymentsApiKey = 'pk9F3x7QmL2vR8tZ4nW6yB1cD5hJ0sKe';

const payments = new PaymentsClient({
  apiKey: paymentsApiKey,
  endpoint: process.env.PAYMENTS_ENDPOINT || 'https://api.payments.example.com',
  timeout: 10000,
});

module.exports = payments;
