-- Updates a webhook has already taken, per source (e.g. one Telegram bot): a retried post that reaches
-- another bot process behind the load balancer is acknowledged without being handled twice.

CREATE TABLE webhook_deliveries (
    source      VARCHAR(200) NOT NULL,
    delivery_id BIGINT       NOT NULL,
    received_at BIGINT       NOT NULL,
    PRIMARY KEY (source, delivery_id)
);

CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (received_at);
