import axios from "axios";

const GEOCODE_URL = "https://maps.googleapis.com/maps/api/geocode/json";
const key = "AIzaC6QsyHZytfqY6K1Qjah4dXd3eOa1Zcc-a4C";

export async function geocode(address: string) {
  return axios.get(GEOCODE_URL, { params: { address, key } });
}
