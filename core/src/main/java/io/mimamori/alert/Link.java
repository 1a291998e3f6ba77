package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** A link for the human handling the alert: runbook, console, graph. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String href, String text) {
    public Link {
        Objects.requireNonNull(href, "href");
    }
}
