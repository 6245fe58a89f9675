package io.xborder.feed;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** An RSS or Atom subscription: where, how often, and how its last polls went. */
@Entity
@Table(name = "feeds")
public class Feed extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "feeds_seq")
    @SequenceGenerator(name = "feeds_seq", sequenceName = "feeds_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public String url;

    public String title;

    @Column(name = "interval_seconds", nullable = false)
    public int intervalSeconds;

    @Column(nullable = false)
    public boolean enabled;

    public String language;

    public String jurisdiction;

    @Column(name = "next_poll_at", nullable = false)
    public Instant nextPollAt;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    @Column(name = "items_seen", nullable = false)
    public long itemsSeen;

    @Column(name = "items_ingested", nullable = false)
    public long itemsIngested;

    @Column(name = "items_failed", nullable = false)
    public long itemsFailed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
