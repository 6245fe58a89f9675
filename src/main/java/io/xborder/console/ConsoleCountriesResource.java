package io.xborder.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * A page per jurisdiction ("which rules apply where"), and the list of countries with a picker that leads to one.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsoleCountriesResource {

    /** The countries page: the picker (with what was typed and why it named none) and the countries with findings. */
    public record CountriesView(String typed, String error, List<CountryProfile.Listed> countries) {
    }

    @CheckedTemplate(basePath = "ConsoleResource")
    static class Templates {

        static native TemplateInstance countries(CountriesView view);

        static native TemplateInstance country(CountryProfile.Profile profile);
    }

    private final CountryProfile profiles;

    public ConsoleCountriesResource(CountryProfile profiles) {
        this.profiles = profiles;
    }

    /** The list; with {@code jurisdiction} (a name or code as typed), that country's page. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("countries")
    public Response countries(@QueryParam("jurisdiction") String typed) {
        String error = null;
        if (typed != null && !typed.isBlank()) {
            Countries.Resolved r = Countries.all().resolve(typed, false);
            if (r.country().isPresent()) {
                return Response.seeOther(URI.create("/countries/" + r.country().get().code())).build();
            }
            error = r.problem();
        }
        return Response.status(error == null ? 200 : 400)
                .entity(Templates.countries(new CountriesView(typed == null ? "" : typed.strip(), error,
                        profiles.listed())))
                .build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("countries/{code}")
    public Response country(@PathParam("code") String code) {
        return Countries.all().byCode(code)
                .map(c -> c.code().equals(code)
                        ? Response.ok(Templates.country(profiles.of(c))).build()
                        : Response.seeOther(URI.create("/countries/" + c.code())).build())
                .orElseGet(() -> Response.status(404).type(MediaType.TEXT_HTML)
                        .entity(ConsoleResource.Templates.error("There is no country or region with the code "
                                + code + "."))
                        .build());
    }
}
