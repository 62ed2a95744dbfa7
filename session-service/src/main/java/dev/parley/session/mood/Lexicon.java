package dev.parley.session.mood;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Key terms (words and phrases) with weights, and the scoring of a message by them: the text is
 * read as lower-case words (letters, with an apostrophe inside a word kept: {@code don't}), the
 * longest term starting at each word is taken first (so "not working" counts, not "working"), a
 * negation in the two words before a term flips its sign, and the sum is clamped to
 * {@value #MIN_SCORE}..{@value #MAX_SCORE}.
 *
 * <p>It runs on the message hot path, so scoring allocates no strings: words are hashed and
 * compared in place, character by character, against a table of every word the terms use, and a
 * message becomes one small array of word ids. Immutable and thread-safe once built.
 */
public final class Lexicon {

    public static final int MIN_SCORE = -10;
    public static final int MAX_SCORE = 10;

    /** How many words before a term a negation reaches: "not very good", not "not that it was good". */
    private static final int NEGATION_REACH = 2;

    private static final List<String> NEGATIONS = List.of(
            "not", "never", "no", "don't", "isn't", "dont", "isnt", "doesn't", "didn't", "wasn't", "can't", "cannot",
            "won't");

    private static final String ENGLISH_RESOURCE = "/mood/lexicon-en.txt";

    /** Each term's text (its words joined by single spaces) and weight, as given: what {@link #with} starts from. */
    private final Map<String, Integer> terms;

    // Open addressing: slot -> word and its id; mask = table length - 1 (a power of two).
    private final String[] slotWords;
    private final int[] slotIds;
    private final int mask;

    /** By word id: whether the word negates what follows. */
    private final boolean[] negation;

    /** By word id: the terms starting with that word, longest first; null when none does. */
    private final Term[][] startingWith;

    private record Term(int[] words, int weight) {}

    private Lexicon(Map<String, Integer> terms) {
        this.terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<int[]> termWords = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        terms.forEach((text, weight) -> {
            List<String> words = words(text);
            if (words.isEmpty() || weight == 0) {
                return;
            }
            termWords.add(words.stream()
                    .mapToInt(word -> ids.computeIfAbsent(word, unused -> ids.size()))
                    .toArray());
            weights.add(weight);
        });
        NEGATIONS.forEach(word -> ids.computeIfAbsent(word, unused -> ids.size()));

        int size = Integer.highestOneBit(Math.max(4, ids.size() * 2 + 1)) << 1; // load below one half
        slotWords = new String[size];
        slotIds = new int[size];
        mask = size - 1;
        ids.forEach((word, id) -> {
            int slot = spread(word.hashCode()) & mask;
            while (slotWords[slot] != null) {
                slot = (slot + 1) & mask;
            }
            slotWords[slot] = word;
            slotIds[slot] = id;
        });

        negation = new boolean[ids.size()];
        NEGATIONS.forEach(word -> negation[ids.get(word)] = true);

        List<List<Term>> byFirst = new ArrayList<>(Collections.nCopies(ids.size(), null));
        for (int i = 0; i < termWords.size(); i++) {
            int first = termWords.get(i)[0];
            if (byFirst.get(first) == null) {
                byFirst.set(first, new ArrayList<>());
            }
            byFirst.get(first).add(new Term(termWords.get(i), weights.get(i)));
        }
        startingWith = new Term[ids.size()][];
        for (int id = 0; id < ids.size(); id++) {
            List<Term> starting = byFirst.get(id);
            if (starting != null) {
                starting.sort(Comparator.comparingInt((Term term) -> term.words().length)
                        .reversed());
                startingWith[id] = starting.toArray(Term[]::new);
            }
        }
    }

    /** A lexicon of these terms (text: a word or phrase, any case; weight: its effect, 0 ignored). */
    public static Lexicon of(Map<String, Integer> terms) {
        return new Lexicon(terms);
    }

    /** The default English lexicon of customer-service terms (the resource {@code mood/lexicon-en.txt}). */
    public static Lexicon english() {
        return English.LEXICON;
    }

    private static final class English {
        static final Lexicon LEXICON = of(read(ENGLISH_RESOURCE));
    }

    /**
     * This lexicon with {@code more} terms on top: a term with the same words as one of these
     * replaces it (its weight wins), the others are added.
     */
    public Lexicon with(Map<String, Integer> more) {
        Map<String, Integer> merged = new LinkedHashMap<>();
        terms.forEach((text, weight) -> merged.put(String.join(" ", words(text)), weight));
        more.forEach((text, weight) -> merged.put(String.join(" ", words(text)), weight));
        return new Lexicon(merged);
    }

    /** The terms and their weights. */
    public Map<String, Integer> terms() {
        return terms;
    }

    /** The message's score: the sum of the weights of the terms in it, negations flipped, clamped to -10..+10. */
    public int score(CharSequence text) {
        int[] ids = new int[16];
        int count = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < length && (Character.isLetter(text.charAt(i)) || innerApostrophe(text, i))) {
                i++;
            }
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
            }
            ids[count++] = lookup(text, start, i);
        }
        int sum = 0;
        for (int at = 0; at < count; ) {
            Term term = longestAt(ids, count, at);
            if (term == null) {
                at++;
                continue;
            }
            sum += negated(ids, at) ? -term.weight() : term.weight();
            at += term.words().length;
        }
        return Math.clamp(sum, MIN_SCORE, MAX_SCORE);
    }

    private @org.jspecify.annotations.Nullable Term longestAt(int[] ids, int count, int at) {
        int first = ids[at];
        if (first < 0 || startingWith[first] == null) {
            return null;
        }
        for (Term term : startingWith[first]) {
            int[] words = term.words();
            if (words.length > count - at) {
                continue;
            }
            boolean matches = true;
            for (int k = 1; k < words.length && matches; k++) {
                matches = ids[at + k] == words[k];
            }
            if (matches) {
                return term;
            }
        }
        return null;
    }

    private boolean negated(int[] ids, int at) {
        for (int back = 1; back <= NEGATION_REACH && at - back >= 0; back++) {
            int id = ids[at - back];
            if (id >= 0 && negation[id]) {
                return true;
            }
        }
        return false;
    }

    /** The id of the word {@code text[start, end)} (compared lower-cased), or -1 when no term uses it. */
    private int lookup(CharSequence text, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + fold(text.charAt(i));
        }
        for (int slot = spread(hash) & mask; slotWords[slot] != null; slot = (slot + 1) & mask) {
            String word = slotWords[slot];
            if (word.length() == end - start && sameWord(word, text, start)) {
                return slotIds[slot];
            }
        }
        return -1;
    }

    private static boolean sameWord(String word, CharSequence text, int start) {
        for (int k = 0; k < word.length(); k++) {
            if (word.charAt(k) != fold(text.charAt(start + k))) {
                return false;
            }
        }
        return true;
    }

    /** An apostrophe (straight or typographic) between two letters belongs to the word: {@code don't}. */
    private static boolean innerApostrophe(CharSequence text, int i) {
        char c = text.charAt(i);
        return (c == '\'' || c == '\u2019')
                && i > 0
                && i + 1 < text.length()
                && Character.isLetter(text.charAt(i - 1))
                && Character.isLetter(text.charAt(i + 1));
    }

    private static char fold(char c) {
        return c == '\u2019' ? '\'' : Character.toLowerCase(c);
    }

    /** Spreads the high bits down, as HashMap does: a small table masks all but the low ones away. */
    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** The words of a term or text as scoring reads them: lower case, apostrophes normalised. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            while (i < text.length() && (Character.isLetter(text.charAt(i)) || innerApostrophe(text, i))) {
                word.append(fold(text.charAt(i)));
                i++;
            }
            words.add(word.toString());
        }
        return words;
    }

    /** Reads a lexicon resource: {@code term<TAB>weight} lines; {@code #} comments and blank lines skipped. */
    static Map<String, Integer> read(String resource) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No lexicon " + resource + " on the class path");
            }
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                int tab = content.lastIndexOf('\t');
                if (tab <= 0) {
                    throw new IllegalStateException(resource + ":" + number + ": expected term<TAB>weight");
                }
                terms.put(
                        content.substring(0, tab).strip().toLowerCase(Locale.ROOT),
                        Integer.parseInt(content.substring(tab + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
