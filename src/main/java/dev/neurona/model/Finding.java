package dev.neurona.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One plain-language finding about how training went, with the number behind it: {@code kind} is stable for
 * programs (e.g. {@code converged}, {@code not_converged}), {@code message} is for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String kind, String message, Integer epoch, Double value) {}
