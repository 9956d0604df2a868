import axios from 'axios';

const gh = axios.create({
  baseURL: 'https://api.github.com',
  timeout: 8000,
  headers: { Accept: 'application/vnd.github+json' },
});

export interface RepoInfo {
  fullName: string;
  stars: number;
}

export async function repoInfo(owner: string, repo: string): Promise<RepoInfo> {
  const { data } = await gh.get(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`);
  return { fullName: data.full_name, stars: data.stargazers_count };
}
