package dev.neurona.dataset.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python literal syntax numpy writes in headers: a dict of quoted keys to strings, True/False/None,
 * integers and tuples or lists. Spacing and key order are free, trailing commas allowed, as in Python.
 * Problems are thrown as {@link IllegalArgumentException} with a short reason, which the reader words for the user.
 */
final class PyLiteral {

    private static final int MAX_DEPTH = 8;
    private final String s;
    private int at;

    PyLiteral(String s) {
        this.s = s;
    }

    Map<String, Object> dict() {
        skipSpace();
        expect('{');
        Map<String, Object> map = new HashMap<>();
        skipSpace();
        while (peek() != '}') {
            Object key = value(1);
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("dictionary keys must be quoted strings");
            }
            if (map.containsKey(key)) {
                throw new IllegalArgumentException("the key '" + key + "' appears twice");
            }
            skipSpace();
            expect(':');
            map.put((String) key, value(1));
            skipSpace();
            if (peek() == ',') {
                at++;
                skipSpace();
            } else if (peek() != '}') {
                throw new IllegalArgumentException("expected ',' or '}' at offset " + at);
            }
        }
        at++;
        skipSpace();
        if (at != s.length()) {
            throw new IllegalArgumentException("unexpected text after the dictionary at offset " + at);
        }
        return map;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested too deeply");
        }
        skipSpace();
        char c = peek();
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (c == '(' || c == '[') {
            return sequence(c == '(' ? ')' : ']', depth);
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return integer();
        }
        for (String word : new String[] {"True", "False", "None"}) {
            if (s.startsWith(word, at)) {
                at += word.length();
                return word.equals("None") ? "None" : Boolean.valueOf(word.equals("True"));
            }
        }
        throw new IllegalArgumentException("unexpected '" + c + "' at offset " + at);
    }

    private String string(char quote) {
        int end = s.indexOf(quote, at + 1);
        if (end < 0) {
            throw new IllegalArgumentException("a string is not closed");
        }
        String value = s.substring(at + 1, end);
        if (value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("escapes in strings are not supported");
        }
        at = end + 1;
        return value;
    }

    private List<Object> sequence(char close, int depth) {
        at++;
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (peek() != close) {
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                at++;
                skipSpace();
            } else if (peek() != close) {
                throw new IllegalArgumentException("expected ',' or '" + close + "' at offset " + at);
            }
        }
        at++;
        return items;
    }

    /** Whole numbers; Python 2 era files write longs as {@code 3000L}. */
    private Long integer() {
        int start = at;
        if (peek() == '-' || peek() == '+') {
            at++;
        }
        int digits = at;
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
            at++;
        }
        if (at == digits) {
            throw new IllegalArgumentException("expected a number at offset " + start);
        }
        String number = s.substring(digits, at);
        boolean negative = s.charAt(start) == '-';
        if (at < s.length() && (s.charAt(at) == 'L' || s.charAt(at) == 'l')) {
            at++;
        }
        if (number.length() > 18) {
            throw new IllegalArgumentException("the number " + number + " is too large");
        }
        long value = Long.parseLong(number);
        return negative ? -value : value;
    }

    private void skipSpace() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        if (at >= s.length()) {
            throw new IllegalArgumentException("the header ends too early");
        }
        return s.charAt(at);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at offset " + at);
        }
        at++;
    }

    static String tupleString(List<?> tuple) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < tuple.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(tuple.get(i));
        }
        return b.append(tuple.size() == 1 ? ",)" : ")").toString();
    }
}
