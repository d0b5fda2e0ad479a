package io.chatbridge.web.console.ops.dashboard;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dashboard: the headline numbers rendered on the server (readable without scripts), the series
 * as JSON for the charts (ECharts from its webjar, drawn by {@code static/console/js/dashboard.js}).
 * Every signed-in role may see it.
 */
@Controller
@RequestMapping("/console/dashboard")
class DashboardPageController {

    private final Dashboard dashboard;

    DashboardPageController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    String page(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        DashboardRange range = dashboard.range(from, to);
        model.addAttribute("numbers", dashboard.read(range));
        model.addAttribute("noShowStatuses", String.join(", ", DashboardQueries.NO_SHOW_STATUSES));
        return "console/dashboard";
    }

    @GetMapping("/data")
    @ResponseBody
    Dashboard.Numbers data(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return dashboard.read(dashboard.range(from, to));
    }
}
