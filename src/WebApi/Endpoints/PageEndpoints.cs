using System.Security.Claims;
using FastApiLearning.Application.Users.GetCurrentUser;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Pages;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPageEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", Home);
        pages.MapGet("/login", Login);
        return app;
    }

    private static async Task<IResult> Home(HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        var profile = TokenClaims.EmpNo(httpContext.User) is { } empNo
            ? await sender.Send(new GetCurrentUserQuery(empNo), cancellationToken)
            : null;
        if (profile is null)
        {
            return SessionCookie.IsPresent(httpContext.Request)
                ? SessionCookie.End(httpContext.Response, "expired")
                : PageResults.SeeOther("/login");
        }

        return HomePage.Result(profile);
    }

    private static IResult Login(HttpContext httpContext, string? notice)
    {
        if (IsLoggedIn(httpContext.User))
        {
            return PageResults.SeeOther("/");
        }

        if (SessionCookie.IsPresent(httpContext.Request))
        {
            SessionCookie.Delete(httpContext.Response);
            return LoginPage.Result(notice: LoginPage.SessionExpired);
        }

        return LoginPage.Result(notice: LoginPage.NoticeFor(notice));
    }

    private static bool IsLoggedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;
}
