package dev.memebattle.chat;

/** Who may reroll a posted meme. */
public enum RerollPolicy { REQUESTER, ANYONE }
