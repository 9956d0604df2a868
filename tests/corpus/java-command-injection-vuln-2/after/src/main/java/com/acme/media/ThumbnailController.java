package com.acme.media;

import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ThumbnailController {
    @PostMapping("/thumbnails")
    public String create(@RequestParam String file) throws IOException, InterruptedException {
        String cmd = "convert /srv/uploads/" + file + " -resize 128x128 /srv/thumbs/" + file;
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", cmd);
        Process process = builder.inheritIO().start();
        return process.waitFor() == 0 ? "ok" : "failed";
    }
}
