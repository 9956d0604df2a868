#include <stdio.h>
#include <unistd.h>

void log_peer(int fd, const char *peer)
{
    char line[128];

    sprintf(line, "connection from %s\n", peer);
    write(fd, line, strlen(line));
}
