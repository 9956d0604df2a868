#include <stdio.h>
#include <syslog.h>

void report(FILE *out, const char *client_msg)
{
    syslog(LOG_WARNING, client_msg);
    fprintf(out, client_msg);
}
