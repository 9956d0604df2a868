package com.acme.hooks;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class WebhookTestController {
    private final RestTemplate restTemplate = new RestTemplate();

    @PostMapping("/webhooks/test")
    public String test(@RequestParam("callback") String callback, @RequestParam("id") String id) {
        return restTemplate.getForObject(callback, String.class);
    }
}
