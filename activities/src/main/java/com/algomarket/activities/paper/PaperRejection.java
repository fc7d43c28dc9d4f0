package com.algomarket.activities.paper;

import lombok.Getter;

/** A refusal in Binance's terms: its error {@code code}, {@code msg} and the HTTP status it comes with. */
@Getter
public class PaperRejection extends RuntimeException {

    private final int httpStatus;
    private final int code;

    PaperRejection(int httpStatus, int code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    static PaperRejection badRequest(int code, String message) {
        return new PaperRejection(400, code, message);
    }
}
