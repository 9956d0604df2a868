#include "tiffiop.h"
#include <string.h>

void TIFFClose(TIFF *tif)
{
    if (tif != NULL)
    {
        TIFFCloseProc closeproc = tif->tif_closeproc;
        thandle_t fd = tif->tif_clientdata;

        TIFFCleanup(tif);
        (void)(*closeproc)(fd);
    }
}
