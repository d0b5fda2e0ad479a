package io.chatbridge.web.console.search;

import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.web.console.customer.CustomerQueries;
import java.util.List;
import java.util.TreeSet;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /console/search}: one form whose filters live in the URL. The whole page on a normal request;
 * only the results when htmx asks (the form updates them as you type and pushes the URL).
 */
@Controller
class SearchController {

    private static final int CUSTOMER_HITS = 10;

    private final RecordSearch records;
    private final CustomerQueries customers;
    private final SearchConfiguration.PhoneRegion region;
    private final MappingRegistry mappings;

    SearchController(
            RecordSearch records,
            CustomerQueries customers,
            SearchConfiguration.PhoneRegion region,
            MappingRegistry mappings) {
        this.records = records;
        this.customers = customers;
        this.region = region;
        this.mappings = mappings;
    }

    @GetMapping("/console/search")
    String search(
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate to,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            Model model) {
        SearchFilters filters = new SearchFilters(customer, type, status, from, to, tag, q, page);
        model.addAttribute("filters", filters);
        model.addAttribute("results", records.search(filters, region.get()));
        model.addAttribute("customers", customerHits(filters.customer()));
        model.addAttribute("types", new TreeSet<>(mappings.current().types().keySet()));
        return htmx != null && restore == null ? "console/search :: results" : "console/search";
    }

    private List<CustomerQueries.CustomerHit> customerHits(String customer) {
        if (customer == null) {
            return List.of();
        }
        List<String> phones = PhoneQuery.candidates(customer, region.get());
        return customers.find(phones, phones.isEmpty() ? RecordSearch.contains(customer) : null, CUSTOMER_HITS);
    }
}
