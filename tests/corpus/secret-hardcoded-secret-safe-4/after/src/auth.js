const secret = process.env.JWT_SECRET;
const tokenKey = "access_token";
const opts = { passwordField: "password", tokenUrl: "https://login.acme.example/token" };
export function check(token) { return token === secret; }
