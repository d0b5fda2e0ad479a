package io.chatbridge.reconcile.match;

import io.chatbridge.reconcile.OpenInvoice;
import io.chatbridge.reconcile.statement.BankEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Realistic open invoices, bank entries and chat claims of a training business, with the truth of
 * which entry pays which invoices. What makes it hard, on purpose: a small price list (many invoices
 * of the same amount), common surnames, references typed with typos or left out, fees deducted,
 * invoices paid in two parts, one transfer for two invoices, rounding, the same transfer sent twice,
 * and far more unrelated entries (other income, debits) than payments.
 */
final class ReconcileGenerator {

    static final String SOURCE = "test";
    private static final String[] FIRST = {
        "Ana", "John", "Maria", "James", "Sofia", "David", "Laura", "Peter", "Emma", "Lucas", "Olivia", "Daniel",
        "Chloe", "Mateo", "Isabel", "Thomas", "Hannah", "Samuel", "Grace", "Leo", "Amelia", "Noah", "Carmen", "Pedro",
        "Julia", "Oliver", "Mia", "Henry", "Zoe", "Rafael", "Ines", "Kofi", "Aisha", "Ravi", "Priya", "Wei", "Yuki",
        "Sean", "Fatima", "Omar"
    };
    private static final String[] LAST = {
        "Smith",
        "Jones",
        "Garcia",
        "Silva",
        "Brown",
        "Taylor",
        "Wilson",
        "Lopez",
        "Martin",
        "Santos",
        "Muller",
        "Rossi",
        "Costa",
        "Walker",
        "Hughes",
        "Patel",
        "Khan",
        "Evans",
        "Fernandes",
        "Moreau",
        "Nowak",
        "Kowalski",
        "Ahmed",
        "Chen",
        "Wang",
        "Okafor",
        "Mensah",
        "Murphy",
        "Kelly",
        "Byrne",
        "Novak",
        "Horvat",
        "Jansen",
        "De Vries",
        "Larsen",
        "Nielsen",
        "Hansen",
        "Berg",
        "Lind",
        "Ruiz",
        "Romero",
        "Alvarez",
        "Ibrahim",
        "Haddad",
        "Cohen",
        "Levi",
        "Singh",
        "Sharma",
        "Nguyen",
        "Tran",
        "Kim",
        "Park",
        "Sato",
        "Suzuki",
        "Ito",
        "Schmidt",
        "Weber",
        "Fischer",
        "Wagner",
        "Becker"
    };
    private static final int[] PRICES = {150, 195, 250, 295, 350, 450, 600, 750, 995, 1200};
    private static final String[] NOISE_NAMES = {
        "AMAZON MKTPLACE",
        "HMRC VAT",
        "OFFICE RENT LTD",
        "STRIPE PAYOUT",
        "INTEREST",
        "BT GROUP",
        "ZOOM VIDEO",
        "REFUND",
        "EVENTBRITE",
        "GOOGLE ADS"
    };

    final List<SourcedInvoice> invoices = new ArrayList<>();
    final List<BankLine> lines = new ArrayList<>();
    final List<Claim> claims = new ArrayList<>();
    /** Bank entry id → the invoice keys it pays (empty: pays none of them). */
    final Map<Long, Set<String>> truth = new HashMap<>();

    private final Random random;
    private final LocalDate start = LocalDate.of(2026, 1, 5);
    private long nextLine = 1;
    private int nextClaim = 1;
    private int bankRef = 1;

    ReconcileGenerator(long seed, int invoiceCount, int entryCount) {
        random = new Random(seed);
        Map<String, String> phones = new HashMap<>();
        List<OpenInvoice> open = new ArrayList<>();
        for (int i = 0; i < invoiceCount; i++) {
            String name = pick(FIRST) + " " + pick(LAST);
            String phone =
                    phones.computeIfAbsent(name, n -> "+4477009" + String.format(Locale.ROOT, "%05d", phones.size()));
            BigDecimal amount = BigDecimal.valueOf(pick(PRICES) * (1 + (random.nextInt(10) == 0 ? 1 : 0)));
            if (random.nextInt(4) == 0) {
                amount = amount.multiply(new BigDecimal("1.2"));
            }
            amount = amount.setScale(2, RoundingMode.HALF_UP);
            open.add(new OpenInvoice(
                    "inv-" + i,
                    "INV-" + (10000 + i),
                    name,
                    random.nextInt(10) < 7 ? phone : null,
                    amount,
                    "GBP",
                    start.plusDays(i % 300),
                    null));
        }
        open.forEach(o -> invoices.add(new SourcedInvoice(SOURCE, o)));
        for (int i = 0; i < invoices.size() && lines.size() < entryCount; i++) {
            if (random.nextInt(100) < 85) {
                i += pay(invoices.get(i), i);
            }
        }
        while (lines.size() < entryCount) {
            noise();
        }
    }

    /** @return how many following invoices this payment also settled */
    private int pay(SourcedInvoice sourced, int index) {
        OpenInvoice invoice = sourced.invoice();
        LocalDate day = invoice.dueDate().plusDays(random.nextInt(20));
        int scenario = random.nextInt(100);
        BigDecimal amount = invoice.amountDue();
        String ref = referenceText(invoice.invoiceNumber());
        if (scenario < 60) {
            entry(sourced, day, amount, ref, true);
        } else if (scenario < 70) {
            entry(sourced, day, amount, typo(invoice.invoiceNumber()), true);
        } else if (scenario < 78) {
            entry(sourced, day, amount, pick(new String[] {"course fee", "training", "payment", "", "thanks"}), true);
        } else if (scenario < 82) {
            BigDecimal fee = amount.multiply(BigDecimal.valueOf(1 + random.nextInt(3)))
                    .movePointLeft(2)
                    .setScale(2, RoundingMode.HALF_UP);
            entry(sourced, day, amount.subtract(fee), ref, true);
        } else if (scenario < 87) {
            BigDecimal first = amount.multiply(new BigDecimal("0.4")).setScale(2, RoundingMode.HALF_UP);
            entry(sourced, day, first, ref, true);
            entry(sourced, day.plusDays(14 + random.nextInt(10)), amount.subtract(first), ref, true);
        } else if (scenario < 92 && index + 1 < invoices.size()) {
            several(sourced, invoices.get(index + 1), day);
            return 1;
        } else if (scenario < 96) {
            BigDecimal off = new BigDecimal("0.0" + (1 + random.nextInt(4)));
            entry(sourced, day, random.nextBoolean() ? amount.add(off) : amount.subtract(off), ref, true);
        } else {
            entry(sourced, day, amount, ref, true);
            long twice = entry(sourced, day.plusDays(random.nextInt(3)), amount, ref, false);
            truth.put(twice, Set.of());
        }
        return 0;
    }

    /** One transfer for this invoice and another of the same customer (the next one gets re-addressed). */
    private void several(SourcedInvoice a, SourcedInvoice b, LocalDate day) {
        OpenInvoice second = new OpenInvoice(
                b.invoice().invoiceId(),
                b.invoice().invoiceNumber(),
                a.invoice().contactName(),
                a.invoice().contactPhone(),
                b.invoice().amountDue(),
                "GBP",
                b.invoice().dueDate(),
                null);
        int at = invoices.indexOf(b);
        SourcedInvoice replaced = new SourcedInvoice(SOURCE, second);
        invoices.set(at, replaced);
        BigDecimal total = a.invoice().amountDue().add(second.amountDue());
        long id =
                line(day, total, a.invoice().contactName(), a.invoice().invoiceNumber() + " " + second.invoiceNumber());
        truth.put(id, Set.of(a.key(), replaced.key()));
        maybeClaim(a.invoice(), total, day, a.invoice().invoiceNumber() + " " + second.invoiceNumber());
    }

    private long entry(SourcedInvoice sourced, LocalDate day, BigDecimal amount, String remittance, boolean pays) {
        OpenInvoice invoice = sourced.invoice();
        long id = line(day, amount, bankName(invoice.contactName()), remittance);
        truth.put(id, pays ? Set.of(sourced.key()) : Set.of());
        if (pays) {
            maybeClaim(invoice, amount, day, random.nextInt(10) < 7 ? invoice.invoiceNumber() : null);
        }
        return id;
    }

    private void maybeClaim(OpenInvoice invoice, BigDecimal amount, LocalDate day, String reference) {
        if (random.nextInt(100) < 60) {
            claims.add(new Claim(
                    "PY-" + nextClaim++,
                    amount,
                    "GBP",
                    reference,
                    day.minusDays(random.nextInt(3)),
                    invoice.contactName(),
                    invoice.contactPhone() != null ? invoice.contactPhone() : "+4477001" + nextClaim));
        }
    }

    private void noise() {
        LocalDate day = start.plusDays(random.nextInt(320));
        if (random.nextInt(100) < 70) {
            line(
                    day,
                    BigDecimal.valueOf(-(5 + random.nextInt(2000))).setScale(2),
                    pick(NOISE_NAMES),
                    "ref " + random.nextInt(99999));
            return;
        }
        // unrelated money in: often a round, familiar amount and sometimes a common surname
        BigDecimal amount = random.nextBoolean()
                ? BigDecimal.valueOf(pick(PRICES)).setScale(2)
                : BigDecimal.valueOf(10 + random.nextInt(3000)).setScale(2);
        String name = random.nextBoolean() ? pick(FIRST) + " " + pick(LAST) : pick(NOISE_NAMES);
        String text = random.nextInt(5) == 0 ? "order " + (100 + random.nextInt(900)) : "transfer";
        truth.put(line(day, amount, name, text), Set.of());
    }

    private long line(LocalDate day, BigDecimal amount, String name, String remittance) {
        long id = nextLine++;
        lines.add(new BankLine(
                id, new BankEntry("GB00TEST", day, amount, "GBP", "BR" + bankRef++, null, name, remittance)));
        truth.putIfAbsent(id, Set.of());
        return id;
    }

    /** How banks print a payer: "JOHN SMITH", "SMITH J", "J SMITH", "Mr John Smith". */
    private String bankName(String name) {
        String[] parts = name.split(" ", 2);
        return switch (random.nextInt(4)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> parts[1].toUpperCase(Locale.ROOT) + " " + parts[0].charAt(0);
            case 2 -> parts[0].charAt(0) + " " + parts[1].toUpperCase(Locale.ROOT);
            default -> "Mr " + name;
        };
    }

    private String referenceText(String number) {
        String digits = number.substring(4);
        return switch (random.nextInt(6)) {
            case 0 -> number;
            case 1 -> "inv " + digits;
            case 2 -> "Invoice " + number.replace("-", "") + " thanks";
            case 3 -> "Payment " + number + " course";
            case 4 -> "INV/" + digits;
            default -> digits;
        };
    }

    /** One typo: a swapped pair, a wrong digit, or a dropped digit. */
    private String typo(String number) {
        char[] c = number.toCharArray();
        int at = 4 + random.nextInt(c.length - 5);
        return switch (random.nextInt(3)) {
            case 0 -> {
                char t = c[at];
                c[at] = c[at + 1];
                c[at + 1] = t;
                yield new String(c);
            }
            case 1 -> {
                c[at] = (char) ('0' + (c[at] - '0' + 1 + random.nextInt(8)) % 10);
                yield new String(c);
            }
            default -> number.substring(0, at) + number.substring(at + 1);
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }
}
