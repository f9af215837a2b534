package dev.memebattle.template;

public enum TextAlign { LEFT, CENTER, RIGHT }
