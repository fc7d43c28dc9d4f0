package com.algomarket.api.auth;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

record RegisterRequest(
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
        String email,

        @NotBlank
        @Pattern(regexp = "[A-Za-z0-9._-]{3,32}", message = "must be 3 to 32 letters, digits, '.', '_' or '-'")
        String username,

        @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters long")
        String password,
        // A string rather than an enum, so that a bad role is reported together with the other invalid fields.
        @NotNull @Pattern(regexp = "USER|DEVELOPER", message = "must be USER or DEVELOPER")
        String role,

        Map<String, Boolean> notifications,

        @NotNull @AssertTrue(message = "the terms must be accepted")
        Boolean acceptTerms) {

    // The password never appears in logs or error messages, even by accident.
    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", username=" + username + ", role=" + role + "]";
    }
}
