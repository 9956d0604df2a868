package com.acme.orders;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {
    private final JdbcTemplate jdbc;

    public OrderController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/orders")
    public List<Map<String, Object>> list(@RequestParam("status") String status,
                                          @RequestParam(defaultValue = "0") int page) {
        String sql = String.format(
            "SELECT * FROM orders WHERE status = '%s' LIMIT 50 OFFSET %d", status, page * 50);
        return jdbc.queryForList(sql);
    }
}
