package io.xborder.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where the events of a saved search go: a URL, its signing secret (sealed), and how its deliveries went. */
@Entity
@Table(name = "webhook_subscriptions")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "search_id", nullable = false)
    public long searchId;

    @Column(nullable = false)
    public String url;

    /** The signing secret as {@link SecretBox} seals it. */
    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    /** {@link WebhookDelivery} by name. */
    @Column(nullable = false)
    public String delivery = WebhookDelivery.EACH.name();

    /** The hour (UTC, 0–23) of the daily digest; null for EACH. */
    @Column(name = "digest_hour")
    public Integer digestHour;

    /** Where the last digest's period ended (the next one's start); null for EACH. */
    @Column(name = "digest_through")
    public Instant digestThrough;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
