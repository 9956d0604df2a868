#include <stdio.h>
#include <syslog.h>

#define BANNER "report v2\n"

void report(FILE *out, const char *client_msg)
{
    syslog(LOG_WARNING, "%s", client_msg);
    fprintf(out, "%s\n", client_msg);
    printf(BANNER);
}
