from typing import Final

TIME_TO_FIRST_TOKEN: Final = "gen_ai.server.time_to_first_token"
GITHUB_TOKEN = "GITHUB_TOKEN"
REFRESH_TOKEN = "refresh-token"
