package dev.memebattle.bot;

import dev.memebattle.battle.BattleCommand;
import dev.memebattle.battle.BattleEventBus;
import dev.memebattle.battle.BattleService;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.engine.MemeService;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.template.TemplateCatalog;

import java.time.Duration;

/**
 * The platform-neutral bot that every face (Discord, Telegram, console) talks to: commands, rerolls,
 * battles and the meme engine, built by the application's wiring. Adapters get this and their own
 * settings — never the database or the wiring itself.
 *
 * @param replyTimeout how long a face waits for a meme before it says so (the engine's request timeout plus slack)
 * @param metrics      where faces count uploads, deliveries, rate limits and their connection state
 */
public record BotCore(TemplateCatalog catalog, TemplateResolver templates, MemeService memes, ChatPolicy policy,
                      MemeCommand memeCommand, Rerolls rerolls, ChatCommands chat, BattleService battles,
                      BattleCommand battleCommand, BattleEventBus battleEvents, Duration replyTimeout,
                      BotMetrics metrics) {
}
