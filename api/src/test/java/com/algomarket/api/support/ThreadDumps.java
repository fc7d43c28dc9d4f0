package com.algomarket.api.support;

import java.util.ArrayList;
import java.util.List;

/** Reading the text thread dumps of {@code jcmd Thread.dump_to_file}: one blank-line-separated block per thread. */
final class ThreadDumps {

    private ThreadDumps() {}

    /** The blocks of the threads whose stack passes through {@code packagePrefix}, at most 40 of them. */
    static String stacksMentioning(String dump, String packagePrefix) {
        List<String> blocks = new ArrayList<>();
        for (String block : dump.split("\\R\\s*\\R")) {
            if (block.contains(packagePrefix) && blocks.size() < 40) {
                blocks.add(block.strip());
            }
        }
        return blocks.isEmpty() ? "(none)" : String.join("\n\n", blocks);
    }
}
