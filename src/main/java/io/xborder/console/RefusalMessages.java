package io.xborder.console;

import io.xborder.http.ProblemException;

/**
 * What the add forms say when the service refuses a file or a URL, in words for the analyst who sent it: no status
 * codes, problem type URIs or configuration property names (those stay in the API's problem+json).
 */
final class RefusalMessages {

    private RefusalMessages() {
    }

    /** A one-line reason by kind of refusal, e.g. "This address is not fetched". */
    static String headline(ProblemException e) {
        String type = e.type() == null ? "" : e.type();
        String kind = type.substring(type.lastIndexOf(':') + 1);
        return switch (kind) {
            case "url-refused" -> "This address is not fetched";
            case "url-unreachable" -> "The address could not be reached";
            case "url-timeout" -> "The web server did not answer in time";
            case "too-many-redirects" -> "The address redirects too often";
            case "unsupported-type" -> "This kind of file cannot be read";
            case "too-large" -> "The file or text is too large";
            case "empty" -> "There is no text in it";
            case "corrupt" -> "The file is damaged or not what its name says";
            case "encrypted" -> "The file is protected by a password";
            case "extraction-timeout" -> "Reading the file took too long; try again in a minute";
            default -> e.status() >= 500
                    ? "The service could not do this just now; try again later"
                    : "This was refused";
        };
    }

    /** The reason's detail without the names of settings, which an analyst cannot change. */
    static String detail(ProblemException e) {
        return plain(e.getMessage());
    }

    /** A reason's text without setting names and problem type URIs. */
    static String plain(String detail) {
        return (detail == null ? "" : detail)
                .replaceAll("unless allow-listed \\(xborder\\.[a-z.-]+\\)", "unless an administrator allows them")
                .replaceAll("\\s*\\(xborder\\.[a-z.-]+\\)", "")
                .replaceAll("\\s*\\(?urn:xborder:problem:[a-z-]+\\)?", "");
    }

    /** Headline and detail as one sentence for a field. */
    static String sentence(ProblemException e) {
        String detail = detail(e);
        return detail.isBlank() ? headline(e) + "." : headline(e) + ": " + detail + ".";
    }
}
