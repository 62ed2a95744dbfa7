package dev.parley.widget.asset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AssetTest {

    private final Asset asset = new Asset("x.1234abcd.js", new byte[] {1}, new byte[] {2}, new byte[] {3});

    @Test
    void prefersBrotliThenGzipThenIdentity() {
        assertThat(asset.variantFor("gzip, deflate, br").encoding()).isEqualTo("br");
        assertThat(asset.variantFor("gzip").encoding()).isEqualTo("gzip");
        assertThat(asset.variantFor("deflate").encoding()).isNull();
        assertThat(asset.variantFor(null).encoding()).isNull();
    }

    @Test
    void honoursQualityZeroAndWildcards() {
        assertThat(asset.variantFor("br;q=0, gzip;q=0.5").encoding()).isEqualTo("gzip");
        assertThat(asset.variantFor("br; q=0.0, gzip; q=0").encoding()).isNull();
        assertThat(asset.variantFor("*").encoding()).isEqualTo("br");
        assertThat(asset.variantFor("br;q=0, *").encoding()).isEqualTo("gzip");
        assertThat(asset.variantFor("identity").body()).containsExactly(1);
    }
}
