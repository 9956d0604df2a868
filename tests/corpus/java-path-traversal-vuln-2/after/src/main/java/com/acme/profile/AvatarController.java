package com.acme.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.core.io.InputStreamResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AvatarController {
    private final String uploadDir = "/var/lib/acme/avatars";

    @GetMapping("/avatars/{filename}")
    public InputStreamResource avatar(@PathVariable String filename) throws IOException {
        Path path = Paths.get(uploadDir, filename);
        InputStream in = Files.newInputStream(path);
        return new InputStreamResource(in);
    }
}
