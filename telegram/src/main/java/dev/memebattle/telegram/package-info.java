/**
 * Telegram adapter (telegrambots 10.2, long polling or a webhook). Entry point: {@link dev.memebattle.telegram.TelegramBot}.
 * <ul>
 *   <li>{@code WebhookServer} (with {@code telegram.webhook.enabled}): Telegram's posts on a JDK HTTP server behind
 *       a TLS-terminating proxy; secret header, size and JSON checked, retried update ids dropped.</li>
 *   <li>{@code UpdateRouter}: updates from long polling or the webhook → {@code CommandMessages} (text commands,
 *       {@code /meme@Bot}, {@code /start} = {@code /help}), {@code Rerolling} (🔁 button and reaction),
 *       {@code InlineMemes} (inline mode through a storage chat).</li>
 *   <li>{@code Replies}: the core's answers as photos/animations with a 🔁 button, texts, and edits.</li>
 *   <li>{@code SendQueue}: every message and edit, paced per chat, per group and overall; 429s waited out.</li>
 *   <li>{@code ChatAdmins}: who may use {@code /memeadmin}, asked from Telegram and cached briefly.</li>
 *   <li>Meme battles: {@code CommandMessages} runs {@code /battle} with the chat and forum topic as the
 *       battle's channel ({@code BattleChannel}); {@code BattlePosts} posts the core's battle events
 *       (entries with a "👍 N" vote button, results, cancellations); {@code BattleVotes} counts button
 *       presses and 👍 reactions on {@code VoteLanes}; {@code PlayerNames} tells the core users' names.</li>
 * </ul>
 * Nothing here is used by the core; the core knows nothing of Telegram.
 */
package dev.memebattle.telegram;
