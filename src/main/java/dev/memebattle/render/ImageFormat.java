package dev.memebattle.render;

// PLACEHOLDER until feature/render merges
public enum ImageFormat { JPEG, PNG, GIF }
