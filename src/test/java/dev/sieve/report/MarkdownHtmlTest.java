package dev.sieve.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {
    @Test
    void tablesKeepPipesInsideCellsAndAlignment() {
        String md = """
            ## Al: 22 candidates

            | cluster | members | min |r| |
            |---|:---:|---:|
            | 1 | 3, 13 | 0.9541 |
            | 2 | `G2:Al:Al:eta=1.85` <b> | 0.98 ± 0.01 |

            Text with **bold** and a [link](http://example.org/x) & `a<b`.
            - one
            - two
            """;
        String html = MarkdownHtml.toHtml(md);
        assertThat(html).contains("<h4>Al: 22 candidates</h4>");
        assertThat(html).contains("<th>min |r|</th>");
        assertThat(html).contains("<td class=\"c\">3, 13</td>").contains("<td class=\"n\">0.9541</td>");
        assertThat(html).contains("<code>G2:Al:Al:eta=1.85</code> &lt;b&gt;");
        assertThat(html).contains("<strong>bold</strong>").contains("a link &amp; <code>a&lt;b</code>");
        assertThat(html).doesNotContain("http://").contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    }

    @Test
    void cellsSplitOnSpacedPipesOnly() {
        assertThat(MarkdownHtml.cells("| a | b |c| | d |")).isEqualTo(List.of("a", "b |c|", "d"));
        assertThat(MarkdownHtml.cells("| x |  | y | ")).isEqualTo(List.of("x", "", "y"));
    }

    @Test
    void unbalancedBackticksStayText() {
        assertThat(MarkdownHtml.inline("a `b` c `d")).isEqualTo("a <code>b</code> c `d");
    }
}
