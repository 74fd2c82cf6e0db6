using System.Security.Claims;
using FastApiLearning.Application.Employees.GetEmployee;
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
        pages.MapGet("/me", MyDetails);
        return app.MapDirectoryPageEndpoints();
    }

    private static async Task<IResult> Home(HttpContext httpContext, ISender sender, CancellationToken cancellationToken)
    {
        var caller = TokenClaims.Caller(httpContext.User);
        var profile = caller is not null
            ? await sender.Send(new GetCurrentUserQuery(caller.EmpNo), cancellationToken)
            : null;
        if (caller is null || profile is null)
        {
            return LogInFirst(httpContext);
        }

        return HomePage.Result(profile, new PageAccess(caller));
    }

    private static async Task<IResult> MyDetails(HttpContext httpContext, ISender sender, string? notice, CancellationToken cancellationToken)
    {
        if (TokenClaims.Caller(httpContext.User) is not { } caller)
        {
            return LogInFirst(httpContext);
        }

        return await sender.Send(new GetEmployeeQuery(caller, caller.EmpNo), cancellationToken) switch
        {
            GetEmployeeResult.Found found => EmployeeRecordPage.Result(found.Employee, new PageAccess(caller), EmployeeRecordPage.NoticeFor(notice)),
            GetEmployeeResult.Forbidden forbidden => ErrorPage.Forbidden(forbidden.RequiredScope),
            // The token's employee is gone: the session is over.
            _ => SessionCookie.End(httpContext.Response, "expired"),
        };
    }

    /// <summary>
    /// A page asked for without a session: to the login page (with "your session has expired" when the
    /// browser still sent a cookie, which the authentication refused).
    /// </summary>
    internal static IResult LogInFirst(HttpContext httpContext) =>
        SessionCookie.IsPresent(httpContext.Request)
            ? SessionCookie.End(httpContext.Response, "expired")
            : PageResults.SeeOther("/login");

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
