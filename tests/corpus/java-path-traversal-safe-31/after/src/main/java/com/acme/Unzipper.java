package com.acme;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class Unzipper {
    public void extract(InputStream in, File dest) throws IOException {
        String root = dest.getCanonicalPath() + File.separator;
        try (ZipInputStream zis = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zis.getNextEntry()) != null) {
                File target = new File(dest, entry.getName());
                if (!target.getCanonicalPath().startsWith(root)) {
                    throw new IOException("entry outside the destination: " + entry.getName());
                }
                try (FileOutputStream out = new FileOutputStream(target)) {
                    zis.transferTo(out);
                }
            }
        }
    }
}
