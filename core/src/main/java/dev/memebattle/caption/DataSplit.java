package dev.memebattle.caption;

/** Which part of a caption file to use: our deterministic train/validation split, or everything. */
public enum DataSplit { TRAIN, VALIDATION, ALL }
