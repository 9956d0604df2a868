#include "pngpriv.h"

static int
png_image_read_direct_scaled(png_voidp argument)
{
   png_image_read_control *display = png_voidcast(png_image_read_control*,
       argument);
   png_imagep image = display->image;
   png_structrp png_ptr = image->opaque->png_ptr;
   png_bytep local_row = png_voidcast(png_bytep, display->local_row);
   png_bytep first_row = png_voidcast(png_bytep, display->first_row);
   ptrdiff_t row_bytes = display->row_bytes;
   int passes;

   /* Handle interlacing. */
   switch (png_ptr->interlaced)
   {
      case PNG_INTERLACE_NONE:
         passes = 1;
         break;

      case PNG_INTERLACE_ADAM7:
         passes = PNG_INTERLACE_ADAM7_PASSES;
         break;

      default:
         png_error(png_ptr, "unknown interlace type");
   }

   /* Read each pass using local_row as intermediate buffer. */
   while (--passes >= 0)
   {
      png_uint_32 y = image->height;
      png_bytep output_row = first_row;

      for (; y > 0; --y)
      {
         /* Read into local_row (gets transformed 8-bit data). */
         png_read_row(png_ptr, local_row, NULL);

         /* Copy from local_row to user buffer. */
         memcpy(output_row, local_row, (size_t)row_bytes);
         output_row += row_bytes;
      }
   }

   return 1;
}
