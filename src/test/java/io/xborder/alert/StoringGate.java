package io.xborder.alert;

import io.xborder.document.FindingsStored;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds one document's storing transaction open, for tests of what runs concurrently with it: observers of
 * {@link FindingsStored} placed just before and just after the outbox's ({@link EventOutbox}, default priority)
 * pause the storing thread when the document's title is the one armed, until the test releases it. Its findings are
 * inserted then, not committed. Does nothing unless armed.
 */
@ApplicationScoped
public class StoringGate {

    /** Where the storing transaction waits: before the outbox reads the subscriptions, or after it wrote its events. */
    enum Point {
        BEFORE_OUTBOX, AFTER_OUTBOX
    }

    /** One armed hold: reached when the storing thread waits, released by the test. */
    static final class Hold {

        final String title;
        final Point point;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        Hold(String title, Point point) {
            this.title = title;
            this.point = point;
        }

        void awaitReached() throws InterruptedException {
            if (!reached.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the storing transaction of '" + title + "' did not reach " + point);
            }
        }

        void release() {
            released.countDown();
        }
    }

    private volatile Hold hold;

    /** Holds the next storing transaction of a document with this title at {@code point}. */
    Hold arm(String title, Point point) {
        Hold h = new Hold(title, point);
        hold = h;
        return h;
    }

    void beforeOutbox(@Observes @Priority(Interceptor.Priority.APPLICATION) FindingsStored stored) {
        pause(stored, Point.BEFORE_OUTBOX);
    }

    void afterOutbox(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) FindingsStored stored) {
        pause(stored, Point.AFTER_OUTBOX);
    }

    private void pause(FindingsStored stored, Point point) {
        Hold h = hold;
        if (h == null || h.point != point || !h.title.equals(stored.document().title)) {
            return;
        }
        hold = null;
        h.reached.countDown();
        try {
            // bounded, so a failed test does not leave a transaction open for the next one
            h.released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
