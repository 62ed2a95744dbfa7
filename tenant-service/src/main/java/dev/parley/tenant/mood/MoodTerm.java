package dev.parley.tenant.mood;

/**
 * One key term of the tenant's chat mood scoring, as the console reads and sends it.
 *
 * @param term a lower-case word or phrase: words of letters (an apostrophe inside a word allowed),
 *     single spaces between them, 1 to {@link MoodTermsInput#TERM_MAX} characters
 * @param weight -5 to +5, never 0: how much the term moves a visitor message's score
 */
public record MoodTerm(String term, int weight) {}
