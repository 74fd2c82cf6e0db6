using System.Reflection;
using FastApiLearning.Domain.Employees;
using FastApiLearning.WebApi.Contracts;
using Microsoft.AspNetCore.Http.Metadata;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// RFC 6750 §3.1's answer to a valid token that lacks a scope: 403, <c>WWW-Authenticate: Bearer
/// error="insufficient_scope", scope="…"</c> and the FastAPI original's <c>{"detail": "Not enough permissions"}</c>.
/// One answer whoever decides: an endpoint's scope policy (<see cref="ScopeAuthorizationResultHandler"/>) or a
/// handler's <c>Forbidden(scope)</c> result mapped by an endpoint (<c>new InsufficientScope(forbidden.RequiredScope)</c>).
/// </summary>
public sealed class InsufficientScope : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public const string Detail = "Not enough permissions";

    /// <param name="scope">The scope that was needed; only a known name (it goes into a header as it is).</param>
    /// <exception cref="ArgumentException">Not one of <see cref="Scopes.All"/>.</exception>
    public InsufficientScope(string scope)
    {
        Scope = Scopes.Find(scope).Name;
    }

    public string Scope { get; }

    public int? StatusCode => StatusCodes.Status403Forbidden;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{Scope}\"";
        // Says who may do what: nothing a shared cache should keep.
        response.Headers.CacheControl = "no-store";
        return response.WriteAsJsonAsync(new DetailResponse(Detail));
    }

    /// <summary>An endpoint that may answer this documents its 403.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(DetailResponse), ["application/json"]));
}
