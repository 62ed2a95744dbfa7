package dev.parley.tenant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.platform.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsTest {

    @Test
    void originsAreWrittenAsBrowsersSendThem() {
        assertThat(Origins.parse(
                        "allowedOrigins",
                        List.of(
                                "HTTPS://Shop.Example",
                                "https://shop.example:443/",
                                "http://localhost:8080",
                                "http://shop.example:80")))
                .containsExactly("https://shop.example", "http://localhost:8080", "http://shop.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "shop.example",
                "ftp://shop.example",
                "https://shop.example/cart",
                "https://shop.example?x=1",
                "https://user@shop.example",
                "https://",
                "not a url at all"
            })
    void anythingButAnOriginIsRefusedByPosition(String value) {
        assertThatThrownBy(() -> Origins.parse("allowedOrigins", List.of("https://ok.example", value)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid");
                    assertThat(e.getMessage()).startsWith("allowedOrigins[1]");
                });
    }

    @Test
    void siteKeysAreLongRandomAndUrlSafe() {
        assertThat(Site.newKey()).matches("[A-Za-z0-9_-]{24}").isNotEqualTo(Site.newKey());
    }
}
