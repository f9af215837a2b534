package dev.memebattle;
public class MemeBattle { public static void main(String[] a) { System.out.println("hi"); } }
