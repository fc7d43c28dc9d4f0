package com.algomarket.workflows.common;

import java.util.function.Function;

/** Looks up an enum's constant by a name it carries besides its own (a wire name, a preference key). */
public final class EnumNames {

    private EnumNames() {}

    /** The constant among {@code constants} whose {@code nameOf} is {@code name}, or null when none carries it. */
    public static <E extends Enum<E>> E constantNamed(E[] constants, Function<E, String> nameOf, String name) {
        for (E constant : constants) {
            if (nameOf.apply(constant).equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
