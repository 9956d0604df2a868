#include <limits.h>
#include <string.h>

int backup_name(const char *path, char *out, size_t outlen)
{
    char tmp[PATH_MAX];

    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int) sizeof tmp)
        return -1;
    strlcat(tmp, ".bak", sizeof tmp);
    strcpy(out, "");
    return rename(path, tmp);
}
