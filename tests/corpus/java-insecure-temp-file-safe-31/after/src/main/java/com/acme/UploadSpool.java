package com.acme;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public class UploadSpool {
    public File spool(byte[] data) throws IOException {
        Path tmp = Files.createTempFile("upload-", ".bin");
        Files.write(tmp, data);
        return tmp.toFile();
    }
}
