package com.algomarket.api.portfolios;

import static com.algomarket.api.auth.SignedInUser.userId;
import static com.algomarket.api.portfolios.PortfolioMonitoringController.plain;

import com.algomarket.api.Roles;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.PortfolioTrade;
import com.algomarket.db.portfolios.EquityRepository;
import com.algomarket.db.portfolios.EquityRepository.EquityPoint;
import com.algomarket.db.portfolios.Portfolio;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A portfolio's performance over time, net of fees, and the export of its trades. Another user's portfolio is not
 * found (404).
 */
@RestController
@RequestMapping("/api/v1/portfolios")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PortfolioPerformanceController {

    static final List<String> CSV_HEADER =
            List.of("time", "symbol", "side", "quantity", "price", "fee", "feeAsset", "orderId", "exchangeTradeId");

    private final OwnedPortfolios portfolios;
    private final OrderQueries queries;
    private final PortfolioValuation valuation;
    private final EquityRepository equity;

    /**
     * {@code value} is now, at the venue's last prices; {@code netPnl} is {@code value - size}, fees included;
     * {@code fees} is what the fills paid, in the quote currency; fees paid in an asset that no price converted are
     * not in the PnL and are listed apart in {@code feesNotConverted}. {@code equity} starts with the portfolio's size
     * when it was created, followed by the daily points; {@code maxDrawdownPct} is over those and the value now.
     * {@code value}, {@code netPnl} and {@code returnPct} are null (and {@code pricesUnavailable} true) when a held
     * symbol's price could not be read.
     */
    record Performance(
            String value,
            String netPnl,
            String fees,
            String returnPct,
            String maxDrawdownPct,
            List<EquityView> equity,
            String quoteCurrency,
            String realizedPnl,
            String unrealizedPnl,
            List<AssetAmount> feesNotConverted,
            boolean pricesUnavailable) {}

    record EquityView(OffsetDateTime at, String value) {}

    record AssetAmount(String asset, String amount) {}

    @GetMapping("/{id}/performance")
    Performance performance(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        Portfolio portfolio = portfolios.find(userId(token), id);
        PortfolioValuation.Valuation now = valuation.value(portfolio, queries.positions(id), valuation.newRequest());
        OrderQueries.Fees fees = queries.fees(id);
        List<EquityView> curve = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        curve.add(new EquityView(utc(portfolio.createdAt()), plain(portfolio.size())));
        values.add(portfolio.size());
        for (EquityPoint point : equity.points(id)) {
            curve.add(new EquityView(utc(point.valuedAt()), plain(point.value())));
            values.add(point.value());
        }
        BigDecimal netPnl = null;
        BigDecimal returnPct = null;
        if (now.value() != null) {
            values.add(now.value());
            netPnl = now.value().subtract(portfolio.size());
            returnPct = PerformanceFigures.returnPct(netPnl, portfolio.size());
        }
        return new Performance(
                plain(now.value()),
                plain(netPnl),
                plain(fees.inQuote()),
                plain(returnPct),
                plain(PerformanceFigures.maxDrawdownPct(values)),
                curve,
                portfolio.quoteCurrency(),
                plain(now.realizedPnl()),
                plain(now.unrealizedPnl()),
                fees.unconverted().entrySet().stream()
                        .map(fee -> new AssetAmount(fee.getKey(), plain(fee.getValue())))
                        .toList(),
                now.pricesUnavailable());
    }

    /**
     * Every trade of the portfolio, oldest first, as CSV written while the rows are read from the database: a long
     * history streams through a small buffer. The portfolio is checked first, so another user's is a 404 problem.
     */
    @GetMapping("/{id}/trades.csv")
    void tradesCsv(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, HttpServletResponse response)
            throws IOException {
        portfolios.find(userId(token), id);
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("trades-" + id + ".csv")
                        .build()
                        .toString());
        Writer writer = response.getWriter();
        writer.write(CsvLines.line(CSV_HEADER));
        queries.forEachTrade(id, trade -> write(writer, trade));
        writer.flush();
    }

    private static void write(Writer writer, PortfolioTrade trade) {
        try {
            writer.write(CsvLines.line(csvFields(trade)));
        } catch (IOException e) {
            // The client went away: the read stops and its transaction rolls back (it only read).
            throw new UncheckedIOException(e);
        }
    }

    static List<String> csvFields(PortfolioTrade trade) {
        return Arrays.asList(
                utc(trade.executedAt()).toString(),
                trade.symbol(),
                trade.side().name(),
                plain(trade.quantity()),
                plain(trade.price()),
                plain(trade.fee()),
                trade.feeAsset(),
                trade.orderId().toString(),
                trade.exchangeTradeId());
    }

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
