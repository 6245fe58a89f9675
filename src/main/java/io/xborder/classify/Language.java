package io.xborder.classify;

import java.util.Locale;
import java.util.Optional;

/** The languages xborder reads; {@link #code()} is the wire value. */
public enum Language {

    EN("en"), ZH("zh");

    /** What a client must send, for messages: "must be …". */
    public static final String EXPECTED = "one of en, zh";

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses a wire code ("en", "zh", case-insensitive, region suffix such as "zh-CN" allowed). */
    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        int dash = c.indexOf('-') >= 0 ? c.indexOf('-') : c.indexOf('_');
        if (dash > 0) {
            c = c.substring(0, dash);
        }
        for (Language l : values()) {
            if (l.code.equals(c)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
