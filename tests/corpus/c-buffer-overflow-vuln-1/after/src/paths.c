#include <limits.h>
#include <string.h>

int backup_name(const char *path, char *out, size_t outlen)
{
    char tmp[PATH_MAX];

    (void) outlen;
    strcpy(tmp, path);
    strcat(tmp, ".bak");
    return rename(path, tmp);
}
