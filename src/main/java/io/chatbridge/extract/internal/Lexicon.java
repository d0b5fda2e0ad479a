package io.chatbridge.extract.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words that shape how a conversation is read rather than what a record holds: small talk,
 * corrections, "another one", negations, units that are not items. Kept in code because they are about
 * the languages, not about any one business; everything business-specific lives in the mappings.
 * All entries are folded (lower case, no accents).
 */
final class Lexicon {

    private Lexicon() {}

    /** A set that tolerates repeats, so the lists can be edited without care for duplicates. */
    private static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    static final Set<String> SMALL_TALK = words(
            "hi", "hii", "hello", "hey", "heya", "hiya", "yo", "morning", "afternoon", "evening", "night", "good",
            "thanks", "thank", "thx", "ty", "tks", "cheers", "you", "u", "so", "much", "very", "a", "lot", "ok",
            "okay", "okk", "k", "kk", "great", "perfect", "cool", "nice", "lovely", "brilliant", "awesome",
            "amazing", "super", "fine", "sure", "yes", "yeah", "yep", "yup", "no", "nope", "bye", "see", "ya",
            "later", "lol", "haha", "hahaha", "xx", "x", "xoxo", "np", "welcome", "all", "the", "best", "and",
            "have", "day", "nice", "wonderful", "got", "it", "noted", "alright", "right", "how", "are", "doing",
            "hola", "buenas", "buenos", "dias", "tardes", "noches", "gracias", "muchas", "mil", "vale", "perfecto",
            "genial", "si", "claro", "dale", "listo", "adios", "chau", "chao", "saludos", "de", "nada", "jaja",
            "jajaja", "bueno", "oi", "ola", "bom", "boa", "dia", "tarde", "noite", "obrigado", "obrigada", "obg",
            "brigado", "valeu", "beleza", "blz", "certo", "tudo", "bem", "show", "otimo", "otima", "muito",
            "sim", "nao", "tchau", "ate", "mais", "abraco", "abracos", "kkk", "kkkk", "rs", "combinado", "top",
            "e", "y", "o", "la", "el", "te", "mucho", "gusto", "prazer");

    static final List<String> CORRECTION = List.of(
            "actually", "sorry", "instead", "change", "changed", "make it", "move", "moved", "reschedule",
            "rather", "correction", "wait", "oops", "i meant", "meant", "no longer", "update", "can we do",
            "en vez", "en lugar", "cambiar", "cambia", "cambio", "mejor", "perdon", "perdona", "corrijo",
            "correccion", "mover", "al final", "em vez", "ao inves", "mudar", "muda", "mudei", "trocar",
            "troca", "desculpa", "na verdade", "alias", "corrigindo", "remarcar", "passar para", "pode ser");

    static final List<String> ANOTHER = List.of(
            "another", "also", "second", "one more", "as well", "separate", "different", "otra", "otro",
            "tambien", "ademas", "segunda", "segundo", "outra", "outro", "tambem", "mais uma", "mais um");

    /** Words right before a value that say it is the old one: "not 10", "instead of 10", "from 10". */
    static final Pattern NEGATED_BEFORE = Pattern.compile(
            "(?:\\bnot|\\binstead of|\\brather than|\\bfrom|\\ben vez de|\\ben lugar de|\\bem vez de"
                    + "|\\bao inves de|\\bnao|\\bni|\\bwas)\\s*(?:the\\s+|el\\s+|la\\s+|o\\s+|a\\s+)?$");

    /** "no 6" (Spanish "not 6"): only before numbers, since Portuguese "no sábado" means "on Saturday". */
    static final Pattern NO_BEFORE = Pattern.compile("\\bno\\s*$");

    /** Words that put a guessed hour in the evening. */
    static final Pattern EVENING = Pattern.compile(
            "\\b(?:tonight|this evening|tomorrow night|tomorrow evening|esta noche|de la noche|por la noche|da noite"
                    + "|hoje a noite|amanha a noite)\\b");

    /** Questions that ask the business something and carry no details of a record. */
    static final Pattern ENQUIRY = Pattern.compile(
            "^\\W*(?:what|when|where|which|how|why|do you|does|are you|is there|is it open|que|qual|quais|quando"
                    + "|onde|como|por que|cual|cuales|cuando|donde|cuanto|quanto|voces|vcs|tienen|hacen)\\b");

    static final Set<String> NOT_ITEMS = words(
            "people", "person", "persons", "guest", "guests", "pax", "adult", "adults", "kid", "kids", "child",
            "children", "us", "of", "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "day",
            "days", "week", "weeks", "month", "months", "year", "years", "pm", "am", "h", "o'clock", "oclock",
            "persona", "personas", "invitado", "invitados", "adulto", "adultos", "nino", "ninos", "hora", "horas",
            "minuto", "minutos", "dia", "dias", "semana", "semanas", "mes", "meses", "ano", "anos", "pessoa",
            "pessoas", "convidado", "convidados", "crianca", "criancas", "lugar", "lugares", "vez", "veces",
            "vezes", "time", "times", "table", "tables", "mesa", "mesas", "delivery", "booking", "reservation",
            "appointment", "order", "pedido", "encomenda", "reserva", "cita", "consulta", "question", "bit",
            "lot", "few", "minute", "moment", "momento", "favor", "pound", "pounds", "euro", "euros", "real",
            "reais", "dollar", "dollars", "pesos", "rupees", "shillings", "somos", "seremos", "o", "a", "the");

    static final Set<String> ITEM_STOP = words(
            "and", "y", "e", "&", "plus", "with", "for", "para", "pra", "por", "to", "on", "by", "at", "in", "please",
            "pls", "plz", "tomorrow", "today", "tonight", "thanks", "thank", "the", "a", "an", "um", "uma", "un",
            "una", "el", "la", "los", "las", "o", "os", "as", "on", "this", "next", "before", "after", "around",
            "about", "delivered", "delivery", "pickup", "pick", "collect", "ready", "if", "is", "are", "will",
            "would", "can", "could", "should", "also", "too", "then", "que", "ate", "until", "not", "no", "nao",
            "instead", "rather", "mas", "but", "pero", "amanha", "manana", "hoje", "hoy", "entrega", "entregar",
            "al", "en", "em", "no", "na", "ao", "del", "sabado", "domingo", "saturday", "sunday", "friday",
            "monday", "tuesday", "wednesday", "thursday", "lunes", "martes", "miercoles", "jueves", "viernes",
            "segunda", "terca", "quarta", "quinta", "sexta", "feira", "is", "it", "them", "each", "cada",
            "total", "delivered", "too", "tambem", "tambien", "as", "well", "i", "we", "my", "our", "mi", "meu", "minha", "order", "pedido", "encomenda");

    static final Set<String> ITEM_ARTICLES = words("a", "an", "one", "um", "uma", "un", "una");

    static final Set<String> OF_WORDS = words("of", "de", "do", "da", "del");

    static final Set<String> NAME_STOP = words(
            "and", "y", "e", "for", "para", "please", "pls", "por", "i", "we", "from", "at", "on", "tomorrow",
            "thanks", "thank", "with", "con", "com", "the", "my", "mi", "meu", "minha", "is", "es", "e", "here",
            "aqui", "again", "too", "also", "tambien", "tambem", "phone", "number", "numero", "booking",
            "reserva", "calling", "speaking", "writing", "obrigado", "obrigada", "gracias", "here's", "na", "no",
            "em", "en", "in", "to", "a", "o", "la", "el", "de", "do", "da", "hi", "hello", "ok");

    /** For each hint word, bit 0 = English, 1 = Spanish, 2 = Portuguese: one look-up per word instead of three. */
    static final java.util.Map<String, Integer> LANGUAGE_HINTS;

    static final Set<String> EN_HINTS = words("the", "and", "for", "please", "i", "we", "to", "on", "my", "is", "would",
            "like", "want", "of", "at", "it", "can", "you");
    static final Set<String> ES_HINTS = words("el", "los", "las", "para", "por", "y", "quiero", "quisiera", "gracias",
            "hola", "del", "mi", "es", "una", "un", "que", "con", "somos", "seria", "favor", "manana");
    static final Set<String> PT_HINTS = words("o", "os", "as", "para", "e", "quero", "queria", "gostaria",
            "obrigado", "obrigada", "oi", "ola", "meu", "minha", "com", "uma", "um", "voce", "nao", "amanha",
            "pra", "do", "da", "no", "na", "sou", "somos");

    static {
        java.util.Map<String, Integer> hints = new java.util.HashMap<>();
        EN_HINTS.forEach(w -> hints.merge(w, 1, (a, b) -> a | b));
        ES_HINTS.forEach(w -> hints.merge(w, 2, (a, b) -> a | b));
        PT_HINTS.forEach(w -> hints.merge(w, 4, (a, b) -> a | b));
        LANGUAGE_HINTS = java.util.Map.copyOf(hints);
    }
}
