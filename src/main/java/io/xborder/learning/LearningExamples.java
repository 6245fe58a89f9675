package io.xborder.learning;

/** OpenAPI examples of the model endpoints, checked against the service by OpenApiExamplesTest. */
final class LearningExamples {

    static final String ALREADY_ACTIVE = """
            {
              "type": "about:blank",
              "title": "Conflict",
              "status": 409,
              "detail": "model version 1 is the active version already",
              "instance": "/api/v1/models/1/activation"
            }""";

    private LearningExamples() {
    }
}
