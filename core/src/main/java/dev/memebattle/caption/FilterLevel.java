package dev.memebattle.caption;

/** Content-filter strictness for generated captions, per chat. */
public enum FilterLevel { OFF, STANDARD, STRICT }
