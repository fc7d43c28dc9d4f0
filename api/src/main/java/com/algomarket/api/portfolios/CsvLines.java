package com.algomarket.api.portfolios;

import java.util.List;

/**
 * Lines of RFC 4180 CSV: fields separated by commas, lines ended by CRLF; a field that holds a comma, a double quote,
 * a line break or leading or trailing spaces is enclosed in double quotes, a double quote inside doubled. Null is an
 * empty field. (No CSV library is on the classpath; this is the whole of the format.)
 */
final class CsvLines {

    private CsvLines() {}

    static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i)));
        }
        return line.append("\r\n").toString();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quoted = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
                || (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '));
        return quoted ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
