package dev.parley.platform.web;

/** The body of every error answer: a stable code for programs, a sentence for people. */
public record ApiError(String code, String message) {}
