package dev.memebattle.bot;

/**
 * Which webhook deliveries were already taken (a port: the store keeps them in the database), so that
 * bot processes behind one load balancer handle a re-posted update once, whichever process it reaches.
 */
public interface WebhookDeliveries {

    /** Records the delivery; true for the first time any process saw it. */
    boolean firstDelivery(String source, long deliveryId);
}
