package dev.parley.session.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks payment card numbers before a message is stored or published: 13 to 19 digits, spaces
 * or dashes allowed between them, that pass the Luhn check. Order numbers and phone numbers
 * rarely pass Luhn, so they survive.
 */
final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d){12,18}(?!\\d)");

    private CardNumbers() {}

    static String redact(String text) {
        Matcher matcher = CANDIDATE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            if (!luhn(digits)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, matcher.start())
                    .append("•••• ")
                    .append(digits, digits.length() - 4, digits.length());
            last = matcher.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
