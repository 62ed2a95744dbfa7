package dev.parley.session.mood;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexiconTest {

    private final Lexicon english = Lexicon.english();

    @Test
    void theDefaultLexiconHasAboutOneHundredFiftyCustomerServiceTerms() {
        assertThat(english.terms()).hasSizeBetween(130, 200);
        assertThat(english.terms())
                .containsEntry("terrible", -3)
                .containsEntry("refund", -2)
                .containsEntry("not working", -2)
                .containsEntry("thank you", 2)
                .containsEntry("perfect", 3);
        assertThat(english.terms().values()).allMatch(weight -> weight != 0 && Math.abs(weight) <= 5);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            this is terrible, I want a refund        | -5
            THIS IS TERRIBLE!!!                      | -3
            Great, thanks!                           | 5
            hello, where is my parcel?               | 0
            ''                                       | 0
            ...                                      | 0
            """)
    void sumsTheWeightsOfTheTermsInAMessageInAnyCase(String text, int score) {
        assertThat(english.score(text)).isEqualTo(score);
    }

    @Test
    void matchesPhrasesBeforeTheirWords() {
        // "thank you" is +2 once, not "thank" +2 and then something for "you".
        assertThat(english.score("thank you")).isEqualTo(2);
        // "no problem" is the phrase (+1), not a negated "problem" (+1 too) plus "no" doing anything else.
        assertThat(english.score("no problem")).isEqualTo(1);
        // "not working" is one term (-2): "working" alone is not a term, and "not" is its first word.
        assertThat(english.score("the app is not working")).isEqualTo(-2);
        // A phrase across punctuation still reads as words in a row.
        assertThat(english.score("waste... of time")).isEqualTo(-3);
        // Part of a word is not the word.
        assertThat(english.score("badge")).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not helpful                    | -2
            this was not very helpful      | -2
            it is not that the app is bad  | -2
            never happy                    | -2
            no good                        | -1
            I don't love it                | -3
            I don’t love it                | -3
            it isn't great                 | -3
            not bad at all                 | 2
            I am not sure, it is broken    | -2
            """)
    void aNegationInTheTwoWordsBeforeATermFlipsItsSign(String text, int score) {
        assertThat(english.score(text)).isEqualTo(score);
    }

    @Test
    void clampsTheSumToMinusTenPlusTen() {
        assertThat(english.score("terrible awful horrible useless worst scam")).isEqualTo(-10);
        assertThat(english.score("great perfect amazing awesome excellent love"))
                .isEqualTo(10);
    }

    @Test
    void aTenantTermIsAddedAndOneOfTheSameTextReplacesTheDefault() {
        Lexicon tenant = english.with(Map.of("Late Delivery", -4, "refund", 1, "speedy", 2));

        assertThat(tenant.score("late delivery again")).isEqualTo(-4);
        assertThat(tenant.score("I want a refund")).isEqualTo(1);
        assertThat(tenant.score("speedy and great")).isEqualTo(5);
        assertThat(tenant.score("this is terrible")).as("defaults stay").isEqualTo(-3);
        assertThat(english.score("I want a refund"))
                .as("the default is unchanged")
                .isEqualTo(-2);
    }

    @Test
    void readsWordsAsLettersWithApostrophesInside() {
        assertThat(Lexicon.words("Don't  STOP—it's 'quoted' 24/7 café"))
                .isEqualTo(List.of("don't", "stop", "it's", "quoted", "café"));
    }

    @Test
    void scoresALongMessageWithoutTrouble() {
        String text = "the parcel is late and nobody answers. ".repeat(100);

        assertThat(english.score(text)).isEqualTo(-10);
    }

    @Test
    void theRunningMoodFollowsTheLatestMessageByHalfAndKeepsTenScores() {
        Mood mood = Mood.START.after(-5);
        assertThat(mood).isEqualTo(new Mood(-2.5, "negative", List.of(-5)));

        mood = mood.after(0).after(0);
        assertThat(mood.mood()).isEqualTo(-0.63); // -0.625, two decimals
        assertThat(mood.label()).isEqualTo("neutral");
        assertThat(Mood.START.after(3).label()).isEqualTo("positive");
        assertThat(Mood.START.after(-3).label()).as("-1.5 is negative").isEqualTo("negative");
        assertThat(Mood.START.after(-2).label()).isEqualTo("neutral");

        for (int i = 1; i <= 12; i++) {
            mood = mood.after(i % 10);
        }
        assertThat(mood.trend()).containsExactly(3, 4, 5, 6, 7, 8, 9, 0, 1, 2);
    }

    @Test
    void aChatTurnsNegativeOnlyFromAnotherLabel() {
        Mood neutral = Mood.START;
        Mood negative = neutral.after(-5);
        var turned =
                new MoodChange(java.util.UUID.randomUUID(), 1, -5, neutral, negative, null, null, null, "terrible");
        var stillNegative = new MoodChange(
                java.util.UUID.randomUUID(), 2, -3, negative, negative.after(-3), null, null, null, "awful");

        assertThat(turned.turnedNegative()).isTrue();
        assertThat(stillNegative.turnedNegative()).isFalse();
    }
}
