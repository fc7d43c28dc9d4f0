package com.algomarket.api.codec;

import static com.algomarket.db.jooq.Tables.PURCHASES;
import static com.algomarket.db.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.Side;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Temporal stores is ciphertext: after an onboarding, a purchase and a filled order on the real dev server, the
 * raw bytes of their histories (as Temporal's frontend serves them, GetWorkflowExecutionHistory) hold neither the
 * symbol, nor the quantity, nor the user's email, nor the exchange API key; decoded with the app's codec, the symbol
 * and the quantity are there, so the scan looks at the right bytes.
 */
@RealServersOnPaper(seed = 17)
class EncryptedHistoryIT extends OnPaperVenue {

    private static final String SYMBOL = "BTC/EUR";
    private static final String QUANTITY = "0.0123";

    @Autowired
    WorkflowServiceStubs serviceStubs;

    @Autowired
    PayloadEncryptionCodec codec;

    @Test
    void givenAnOnboardingAPurchaseAndAFilledOrder_whenTheirRawHistoriesAreRead_thenNoSecretIsInClear() {
        String algorithm =
                PaperSubscribers.algorithm(users.verified("DEVELOPER").http());
        Subscriber subscriber = subscribers.subscribe(algorithm, "5000");
        Http user = subscriber.http();
        String onboardingId =
                user.get("/api/v1/me/onboarding").body().get("workflowId").asString();
        UUID userId = UUID.fromString(onboardingId.substring("onboarding-".length()));
        String email =
                dsl.select(USERS.EMAIL).from(USERS).where(USERS.ID.eq(userId)).fetchSingle(USERS.EMAIL);
        String purchaseId = dsl.select(PURCHASES.ID)
                .from(PURCHASES)
                .where(PURCHASES.USER_ID.eq(userId))
                .fetchSingle(PURCHASES.ID)
                .toString();
        DirectOrders directOrders = new DirectOrders(workflowClient, orders, subscriber);
        OrderInput order = directOrders.filledAtMarket(Side.BUY, QUANTITY);

        List<History> histories = List.of(
                history(onboardingId),
                history(WorkflowIds.purchase(purchaseId)),
                history(WorkflowIds.order(order.portfolioId(), order.signalId())));

        String raw = histories.stream()
                .map(history -> history.toByteString().toString(StandardCharsets.ISO_8859_1))
                .reduce("", String::concat);
        assertThat(raw).doesNotContain(SYMBOL, QUANTITY, email, subscriber.key().apiKey());
        String decoded = histories.stream().map(this::decodedPayloads).reduce("", String::concat);
        assertThat(decoded).contains(SYMBOL, QUANTITY);
        // Workflows carry ids, never the email or the key: absent even once decoded.
        assertThat(decoded).doesNotContain(email, subscriber.key().apiKey());
    }

    private History history(String workflowId) {
        return serviceStubs
                .blockingStub()
                .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace(workflowClient.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .setMaximumPageSize(10_000)
                        .build())
                .getHistory();
    }

    /** Every payload anywhere in the history (inputs, results, signals, memos, failures), decoded, as text. */
    private String decodedPayloads(Message message) {
        if (message instanceof Payload payload) {
            return codec.decode(List.of(payload)).getFirst().getData().toStringUtf8();
        }
        StringBuilder text = new StringBuilder();
        message.getAllFields().forEach((field, value) -> {
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                return;
            }
            if (field.isRepeated()) {
                ((List<?>) value).forEach(element -> text.append(decodedPayloads((Message) element)));
            } else {
                text.append(decodedPayloads((Message) value));
            }
        });
        return text.toString();
    }
}
