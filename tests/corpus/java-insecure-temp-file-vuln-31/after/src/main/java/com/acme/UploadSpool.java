package com.acme;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

public class UploadSpool {
    public File spool(byte[] data) throws IOException {
        File tmp = File.createTempFile("upload-", ".bin");
        Files.write(tmp.toPath(), data);
        return tmp;
    }
}
