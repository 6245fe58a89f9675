package io.xborder.learning;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.review.ReviewedExamples;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The console's Models pages, for admins: every model version with its provenance, a training started with the
 * weight of the reviews and followed while it runs, a version's measurements beside the version in use in words,
 * and activation (refused, with the reasons beside the button, when it is worse on the test set beyond the
 * tolerance), forced activation with a reason, and rollback. Forms are answered post/redirect/get; a refused form
 * is shown again with the reason beside what caused it, the address bar set back to the page's own address. Every
 * change goes through {@link LearningService}, as the API's.
 */
@Path("/models")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class ModelConsoleResource {

    /** The longest reason kept with a forced activation or a rollback (as the API's). */
    static final int MAX_REASON = 500;

    private final LearningService learning;
    private final ReviewedExamples examples;

    public ModelConsoleResource(LearningService learning, ReviewedExamples examples) {
        this.learning = learning;
        this.examples = examples;
    }

    /** The list page. */
    public record ListPage(ModelPages.Version active, ModelPages.Version training, List<ModelPages.Version> versions,
            String available, String waiting, List<Integer> weights, int weight, String notice,
            Map<String, String> errors, String getUrl, String tolerance) {

        public String error(String field) {
            return errors.getOrDefault(field, "");
        }
    }

    /** A version's page. */
    public record VersionPage(ModelPages.Version version, ModelPages.Version active, ModelPages.Comparison comparison,
            String notice, Map<String, String> errors, Map<String, String> values, List<String> refusal,
            String getUrl, String tolerance, boolean loadedHere) {

        public String error(String field) {
            return errors.getOrDefault(field, "");
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        /** A refused activation of a version the page offers no Activate button for: said at the top. */
        public boolean activateRefusedAbove() {
            return errors.containsKey("activate") && !version.ready();
        }

        /** A refused rollback to a version the page offers no Roll back button for: said at the top. */
        public boolean rollbackRefusedAbove() {
            return errors.containsKey("rollback") && !version.retired();
        }

        /** Whether the activation check's measures are listed. */
        public boolean refused() {
            return !refusal.isEmpty();
        }

        /** Whether this server still classifies with another version than the active one. */
        public boolean switching() {
            return !loadedHere;
        }

        /** Whether the page offers "activate it anyway": the check refused it, or will. */
        public boolean forceOffered() {
            return version.ready() && (!refusal.isEmpty() || comparison != null && comparison.blocked()
                    || errors.containsKey("reason") || errors.containsKey("confirm"));
        }
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance models(ListPage page);

        static native TemplateInstance version(VersionPage page);

        static native TemplateInstance missing(String message);
    }

    @GET
    public Response list(@QueryParam("done") String done) {
        return Response.ok(Templates.models(listPage(notice(done, null), Map.of(), 1, null))).build();
    }

    /** Starts a training; the version's page follows it. */
    @POST
    @Path("training")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response train(MultivaluedMap<String, String> form) {
        String value = Optional.ofNullable(form.getFirst("reviewWeight")).orElse("1").strip();
        if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 10) {
            return Response.status(400).entity(Templates.models(listPage(null,
                    Map.of("reviewWeight", "Choose how much each reviewed passage counts, from 1 to 10."), 1,
                    "/models"))).build();
        }
        int weight = Integer.parseInt(value);
        try {
            ModelVersionView v = learning.train(weight);
            return Response.seeOther(URI.create("/models/" + v.id() + "?done=started")).build();
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            return Response.status(409).entity(Templates.models(listPage(null, Map.of("train",
                    "Not started: a model is being trained now. Wait until its training ends (its progress is "
                            + "shown above), then start another."),
                    weight, "/models"))).build();
        }
    }

    @GET
    @Path("{id}")
    public Response version(@PathParam("id") String id, @QueryParam("done") String done) {
        Optional<ModelVersionView> v = find(id);
        if (v.isEmpty()) {
            return missing(id);
        }
        return Response.ok(Templates.version(versionPage(v.get(), notice(done, v.get()), Map.of(), Map.of(),
                List.of(), null))).build();
    }

    /** The training's progress for the page's script, which holds the console session (not accepted under /api/). */
    @GET
    @Path("{id}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    public Response progress(@PathParam("id") String id) {
        return find(id).map(v -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("state", v.state());
            out.put("stateLabel", ModelPages.stateLabel(v.state()));
            out.put("progress", v.training().progress());
            out.put("stage", ModelPages.stage(v.training().stage()));
            return Response.ok(out).build();
        }).orElseGet(() -> Response.status(404).type(MediaType.APPLICATION_JSON).entity(Map.of()).build());
    }

    /** Activates a version; refused with the measures beside the button when it is worse on the test set. */
    @POST
    @Path("{id}/activation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activate(@PathParam("id") String id) {
        Optional<ModelVersionView> v = find(id);
        if (v.isEmpty()) {
            return missing(id);
        }
        try {
            learning.activate(v.get().id(), false, null);
            return Response.seeOther(URI.create("/models/" + v.get().id() + "?done=activated")).build();
        } catch (ModelWorseException e) {
            List<String> reasons = e.shortfalls().stream().map(ModelPages::shortfall).toList();
            return refused(v.get().id(), 409, Map.of("activate", "Not activated: version " + e.version()
                    + " is worse than version " + e.activeVersion() + ", the version in use, by more than the "
                    + ModelPages.points(e.tolerance())
                    + " allowed on the test set (more on a measure that rests on few passages, by its chance variation):"),
                    Map.of(), reasons);
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return missing(id);
            }
            if (e.status() != 409) {
                throw e;
            }
            return refused(v.get().id(), 409, Map.of("activate", "Not activated: " + plain(e)), Map.of(), List.of());
        }
    }

    /** Activates a version although it is worse on the test set: confirmed, with a reason kept in the audit log. */
    @POST
    @Path("{id}/forced-activation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response force(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Optional<ModelVersionView> v = find(id);
        if (v.isEmpty()) {
            return missing(id);
        }
        String reason = reason(form);
        Map<String, String> errors = new LinkedHashMap<>();
        if (reason.isEmpty()) {
            errors.put("reason", "Say why it should be used although it is worse: the reason is kept in the audit "
                    + "log.");
        } else if (reason.length() > MAX_REASON) {
            errors.put("reason", tooLong(reason));
        }
        if (!"yes".equals(form.getFirst("confirm"))) {
            errors.put("confirm", "Tick the box to confirm that this version should be used although it is worse.");
        }
        if (!errors.isEmpty()) {
            return refused(v.get().id(), 400, errors, Map.of("reason", reason), List.of());
        }
        try {
            ModelVersionView done = learning.activate(v.get().id(), true, reason);
            return Response.seeOther(URI.create("/models/" + done.id() + "?done="
                    + (done.activation() != null && done.activation().forced() ? "forced" : "activated"))).build();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return missing(id);
            }
            if (e.status() != 409 && e.status() != 400) {
                throw e;
            }
            return refused(v.get().id(), e.status(), Map.of("force", "Not activated: " + plain(e)),
                    Map.of("reason", reason), List.of());
        }
    }

    /** The reason typed in a form, trimmed; empty when none. */
    private static String reason(MultivaluedMap<String, String> form) {
        return Optional.ofNullable(form.getFirst("reason")).orElse("").strip();
    }

    /** What a reason longer than {@value #MAX_REASON} characters is told, next to its field. */
    private static String tooLong(String reason) {
        return "Keep the reason under " + MAX_REASON + " characters (it has " + reason.length() + ").";
    }

    /** Returns to a version that was in use before. */
    @POST
    @Path("{id}/rollback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rollback(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Optional<ModelVersionView> v = find(id);
        if (v.isEmpty()) {
            return missing(id);
        }
        String reason = reason(form);
        if (reason.length() > MAX_REASON) {
            return refused(v.get().id(), 400, Map.of("rollbackReason", tooLong(reason)),
                    Map.of("rollbackReason", reason), List.of());
        }
        try {
            learning.rollback(v.get().id(), reason.isEmpty() ? null : reason);
            return Response.seeOther(URI.create("/models/" + v.get().id() + "?done=rolled-back")).build();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return missing(id);
            }
            if (e.status() != 409) {
                throw e;
            }
            return refused(v.get().id(), 409, Map.of("rollback", "Not rolled back: " + plain(e)),
                    Map.of("rollbackReason", reason), List.of());
        }
    }

    // --- pages --------------------------------------------------------------------------------------------------

    private ListPage listPage(String notice, Map<String, String> errors, int weight, String getUrl) {
        List<ModelPages.Version> versions = learning.list().stream().map(ModelPages::version).toList();
        ModelPages.Version active = versions.stream().filter(ModelPages.Version::active).findFirst().orElse(null);
        ModelPages.Version training = versions.stream().filter(ModelPages.Version::training).findFirst()
                .orElse(null);
        ReviewedExamples.Counts counts = examples.counts();
        return new ListPage(active, training, versions, ModelPages.available(counts), ModelPages.waiting(counts),
                IntStream.rangeClosed(1, 10).boxed().toList(), weight, notice, errors, getUrl,
                ModelPages.points(learning.tolerance()));
    }

    private VersionPage versionPage(ModelVersionView v, String notice, Map<String, String> errors,
            Map<String, String> values, List<String> refusal, String getUrl) {
        ModelVersionView active = learning.list().stream().filter(x -> "ACTIVE".equals(x.state())).findFirst()
                .orElse(null);
        ModelPages.Comparison comparison = ModelPages.comparison(v, active, learning.tolerance());
        return new VersionPage(ModelPages.version(v), active == null ? null : ModelPages.version(active), comparison,
                notice, errors, values, refusal, getUrl, ModelPages.points(learning.tolerance()),
                active == null || learning.loadedHere() == active.id());
    }

    private Response refused(long id, int status, Map<String, String> errors, Map<String, String> values,
            List<String> refusal) {
        ModelVersionView v = learning.get(id);
        return Response.status(status).entity(Templates.version(versionPage(v, null, errors, values, refusal,
                "/models/" + id))).build();
    }

    private static String notice(String done, ModelVersionView v) {
        if (done == null) {
            return null;
        }
        String version = v == null ? "The version" : "Version " + v.id();
        return switch (done) {
            case "started" -> "Training started. This page shows its progress; the version in use does not change "
                    + "until you activate the new one.";
            case "activated" -> version + " is now in use. Every server switches to it within seconds; documents "
                    + "classified before keep their findings until they are classified again.";
            case "forced" -> version + " is now in use although it is worse on the test set; your reason is in the "
                    + "audit log.";
            case "rolled-back" -> version + " is in use again. Every server switches back within seconds.";
            default -> null;
        };
    }

    /** A refusal's detail without API names ("force: true", request paths). */
    private static String plain(ProblemException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        String out = detail.replaceAll("\\s*\\(GET /api/[^)]*\\)", "")
                .replaceAll(";? ?activate a new version with POST /api/v1/models/[0-9]+/activation", "")
                .replaceAll("model version", "version").strip();
        if (!e.errors().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Problem.FieldError f : e.errors()) {
                parts.add(f.message());
            }
            out = String.join("; ", parts);
        }
        out = out.isEmpty() ? "refused" : out;
        return Character.toUpperCase(out.charAt(0)) + out.substring(1) + (out.endsWith(".") ? "" : ".");
    }

    private Optional<ModelVersionView> find(String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(learning.get(Long.parseLong(id)));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Response missing(String id) {
        return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.missing("There is no model version " + (id != null && id.matches("[0-9]{1,18}")
                        ? id
                        : "with that number") + "."))
                .build();
    }
}
