package dev.memebattle.battle;

/** Whose results a leaderboard sums: this chat's (server/group) or every chat's. */
public enum LeaderboardScope { CHAT, GLOBAL }
