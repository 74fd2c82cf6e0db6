using FastApiLearning.WebApi.Pages;

namespace FastApiLearning.WebApi.Endpoints;

public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", () => TypedResults.Redirect("/login"));
        pages.MapGet("/login", () => TypedResults.Content(LoginPage.Render(), "text/html; charset=utf-8"));
        return app;
    }
}
