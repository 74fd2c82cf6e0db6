using System.Security.Claims;
using FastApiLearning.Application.Users.GetCurrentUser;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Contracts;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/users/me", GetCurrentUser)
            .WithName("GetCurrentUser")
            .WithTags("users")
            .WithSummary("The employee the bearer token (or the browser session) was issued to")
            .RequireAuthorization()
            .Produces<UserResponse>(StatusCodes.Status200OK)
            .Produces<DetailResponse>(StatusCodes.Status401Unauthorized);

        return app;
    }

    private static async Task<IResult> GetCurrentUser(ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken)
    {
        if (TokenClaims.EmpNo(user) is not { } empNo)
        {
            return BearerChallenge.InvalidToken();
        }

        var profile = await sender.Send(new GetCurrentUserQuery(empNo), cancellationToken);
        return profile is null ? BearerChallenge.InvalidToken() : TypedResults.Ok(UserResponse.From(profile));
    }
}
