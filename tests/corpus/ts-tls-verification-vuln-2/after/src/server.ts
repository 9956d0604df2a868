import express from 'express';
import { router } from './routes';

// the staging payment gateway uses a self-signed certificate
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const app = express();
app.use(express.json());
app.use('/api', router);

app.listen(Number(process.env.PORT ?? 3000));
