package com.algomarket.api.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus} (the text format), read sample by sample. */
record PrometheusScrape(List<Sample> samples) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})?\\s+(\\S+).*$");

    /** A sample's metric name, its labels as written ({@code {a="b",...}} or empty) and its value. */
    record Sample(String name, String labels, double value) {}

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                String labels = sample.group(2) == null ? "" : sample.group(2);
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
        return new PrometheusScrape(samples);
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    /** The value of the first sample of {@code name} whose labels include {@code label="value"}. */
    OptionalDouble value(String name, String label, String value) {
        String pair = label + "=\"" + value + "\"";
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().contains(pair))
                .mapToDouble(Sample::value)
                .findFirst();
    }
}
