package io.xborder.console;

import io.quarkus.qute.TemplateGlobal;
import java.util.List;

/** Values every console template can use. */
@TemplateGlobal
public final class ConsoleGlobals {

    private ConsoleGlobals() {
    }

    /** The jurisdiction picker's choices, by English name. */
    public static List<Countries.Country> countries() {
        return Countries.all().list();
    }
}
