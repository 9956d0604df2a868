package com.acme.crm;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ContactController {
    private final JdbcTemplate jdbc;

    public ContactController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/contacts")
    public List<Map<String, Object>> search(@RequestParam String lastName) {
        String sql = "SELECT id, first_name, last_name, email FROM contacts "
                + "WHERE last_name LIKE '" + lastName + "%' ORDER BY last_name";
        return jdbc.queryForList(sql);
    }
}
