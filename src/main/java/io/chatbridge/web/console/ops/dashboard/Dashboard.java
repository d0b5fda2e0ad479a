package io.chatbridge.web.console.ops.dashboard;

import io.chatbridge.mapping.MappingRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The numbers that say whether chatbridge helps the business: how much comes in, what it becomes,
 * how fast people answer, how many reminded customers still stay away, whether deliveries and
 * payments go through. Days are the default business's ({@code business.yaml}).
 */
@Service
class Dashboard {

    static final int DEFAULT_DAYS = 30;

    private final DashboardQueries queries;
    private final MappingRegistry registry;
    private final Clock clock;

    Dashboard(DashboardQueries queries, MappingRegistry registry, Clock clock) {
        this.queries = queries;
        this.registry = registry;
        this.clock = clock;
    }

    /** The asked range; a missing end is today, a missing start {@value #DEFAULT_DAYS} days before the end. */
    DashboardRange range(LocalDate from, LocalDate to) {
        ZoneId zone = zone();
        LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), zone);
        return from != null ? new DashboardRange(from, end, zone) : DashboardRange.last(DEFAULT_DAYS, end, zone);
    }

    Numbers read(DashboardRange range) {
        return new Numbers(
                range.from(),
                range.to(),
                range.zone().getId(),
                queries.messagesPerDay(range),
                queries.recordsPerType(range),
                queries.firstResponse(range),
                queries.noShows(range, Timestamp.from(clock.instant())),
                queries.deliveriesPerConnector(range),
                queries.paymentMatches(range),
                queries.unextracted());
    }

    private ZoneId zone() {
        return registry.hasValidSet() ? registry.current().business(null).zone() : ZoneId.of("UTC");
    }

    record Numbers(
            LocalDate from,
            LocalDate to,
            String zone,
            List<DashboardQueries.DayCount> messagesPerDay,
            Map<String, Long> recordsPerType,
            DashboardQueries.FirstResponse firstResponse,
            DashboardQueries.NoShows noShows,
            Map<String, Map<String, Long>> deliveriesPerConnector,
            DashboardQueries.PaymentMatches paymentMatches,
            DashboardQueries.Unextracted unextracted) {}
}
