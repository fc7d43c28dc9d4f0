package com.algomarket.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.api.onboarding.OnboardingStarter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.users.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The order of registration's steps: what runs inside a database transaction, and what is undone on failure. */
class RegistrationServiceTest {

    /** Records each step with whether a transaction was open at that moment. */
    private final List<String> steps = new ArrayList<>();

    private boolean inTransaction;

    private final PlatformTransactionManager transactionManager = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            inTransaction = true;
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            inTransaction = false;
            steps.add("commit");
        }

        @Override
        public void rollback(TransactionStatus status) {
            inTransaction = false;
            steps.add("rollback");
        }
    };

    private final UserRepository users = mock(UserRepository.class);
    private final AuditLog auditLog = mock(AuditLog.class);
    private final OnboardingStarter onboarding = mock(OnboardingStarter.class);
    private final PasswordEncoder passwords = mock(PasswordEncoder.class);
    private final RegistrationService registration = new RegistrationService(
            users,
            auditLog,
            onboarding,
            passwords,
            JsonMapper.builder().build(),
            new TransactionTemplate(transactionManager),
            Clock.systemUTC());

    private final RegisterRequest request =
            new RegisterRequest("ann@example.com", "ann", "correct horse battery staple", "USER", null, true);

    @Test
    void givenARegistration_whenStored_thenHashedBeforeAndStartedAfterAShortTransaction() {
        when(passwords.encode(anyString())).thenAnswer(invocation -> step("hash", "{argon2}hash"));
        when(onboarding.start(any())).thenAnswer(invocation -> step("start", "onboarding-x"));
        doAnswer(invocation -> step("insert", null)).when(users).insert(any());

        registration.register(request);

        assertThat(steps)
                .containsExactly(
                        "hash outside a transaction",
                        "insert inside a transaction",
                        "commit",
                        "start outside a transaction");
    }

    @Test
    void givenTheWorkflowCannotStart_whenRegistering_then503AndTheUserIsRemovedAgain() {
        when(passwords.encode(anyString())).thenReturn("{argon2}hash");
        when(onboarding.start(any())).thenThrow(new IllegalStateException("Temporal is down"));
        when(users.deleteUnverified(any())).thenAnswer(invocation -> step("delete", true));

        assertThatThrownBy(() -> registration.register(request))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(steps).containsExactly("commit", "delete inside a transaction", "commit");
        verify(auditLog).append(anyString(), anyString(), anyString(), eq("REGISTRATION_ABANDONED"), anyString());
    }

    @Test
    void givenATakenEmail_whenRegistering_then409BeforeAnyHashOrWrite() {
        when(users.emailTaken("ann@example.com")).thenReturn(true);

        assertThatThrownBy(() -> registration.register(request))
                .isInstanceOfSatisfying(
                        ApiProblem.class, problem -> assertThat(problem.type()).isEqualTo("email-taken"));
        verify(passwords, never()).encode(anyString());
        verify(users, never()).insert(any());
        verify(onboarding, never()).start(any(UUID.class));
    }

    private <T> T step(String name, T result) {
        steps.add(name + (inTransaction ? " inside a transaction" : " outside a transaction"));
        return result;
    }
}
