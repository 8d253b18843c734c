package dev.brisk.params;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Query;
import dev.brisk.testing.BriskTestClient;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An app's own parameter types: read by its converters, validated with 422s, documented as strings. */
class ConvertersTest {
    public record Money(BigDecimal amount, String currency) {
        static Money parse(String s) {
            String[] p = s.trim().split(" ");
            if (p.length != 2) throw new IllegalArgumentException("expected '<amount> <currency>'");
            return new Money(new BigDecimal(p[0]), p[1]);
        }
    }

    public static final class Prices {
        @Get("/under")
        public Map<String, Object> under(@Query Money max, @Query List<Money> also) {
            return Map.of("amount", max.amount(), "currency", max.currency(), "also", also.size());
        }
    }

    private static Brisk app(Converter<Money> converter) {
        Brisk app = Brisk.create(new BriskConfig().loops(1).accessLog(false).converter(Money.class, converter));
        app.include(new Prices());
        app.get("/lambda", worker(req -> {
            Params p = Params.of(req);
            Money m = p.query("max", Money.class);
            p.validate();
            return Map.of("currency", m.currency());
        }));
        return app;
    }

    @Test
    void controllersAndLambdaRoutesReadTheAppsType() {
        try (BriskTestClient client = BriskTestClient.start(app(Converter.of(Money::parse, "money")))) {
            client.get("/under").query("max", "12.50 EUR").query("also", "1 USD").query("also", "2 USD")
                    .assertStatus(200).assertJson(Map.of("amount", 12.5, "currency", "EUR", "also", 2));
            client.get("/lambda").query("max", "3 CHF").assertStatus(200).assertJson("currency", "CHF");
            client.get("/under").query("max", "twelve").assertStatus(422)
                    .assertJson("detail[0].type", "value_error")
                    .assertJson("detail[0].loc", List.of("query", "max"))
                    .assertJson("detail[0].msg", "Value error, expected '<amount> <currency>'")
                    .assertJson("detail[0].input", "twelve");
            client.get("/lambda").query("max", "x").assertStatus(422).assertJson("detail[0].type", "value_error");
            var param = client.get("/openapi.json").send().json("paths./under.get.parameters[0].schema");
            assertThat(param).isEqualTo(Map.of("type", "string", "format", "money", "title", "Max"));   // FastAPI titles parameters
        }
    }

    @Test
    void twoAppsReadTheSameTypeTheirOwnWay() {
        Converter<Money> euros = s -> new Money(new BigDecimal(s), "EUR");
        try (BriskTestClient a = BriskTestClient.start(app(Money::parse)); BriskTestClient b = BriskTestClient.start(app(euros))) {
            a.get("/lambda").query("max", "5 USD").assertStatus(200).assertJson("currency", "USD");
            b.get("/lambda").query("max", "5").assertStatus(200).assertJson("currency", "EUR");
            a.get("/lambda").query("max", "5").assertStatus(422);
        }
    }
}
