package io.xborder.alert;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The clock the daily digests are scheduled by: the system's UTC clock, a normal-scoped bean so that a test can put
 * another in its place and move time instead of waiting.
 */
public class AlertClock {

    @Produces
    @ApplicationScoped
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
