using FastApiLearning.Application.Common.Ports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Where the login page sends the browser back to after an authorization request made it log in: a field of
/// the login form, carried through <c>/token</c>'s browser branch. Only a request to this service's own
/// <c>/authorize</c> is ever followed, so the field cannot be turned into an open redirect.
/// </summary>
public static class AuthorizeReturn
{
    public const string FieldName = "return_to";
    public const string Prefix = "/authorize?";

    /// <summary>Far more than any authorization request of ours needs.</summary>
    public const int MaxLength = 4096;

    /// <summary>
    /// The value if it is a local <c>/authorize?…</c> path; null for anything else (another host, a scheme,
    /// <c>//host</c>, a backslash that browsers read as a slash, a control character, a fragment, anything not ASCII).
    /// </summary>
    public static string? Validate(string? value) =>
        value is { Length: > 0 and <= MaxLength }
            && value.StartsWith(Prefix, StringComparison.Ordinal)
            // ASCII only: it goes into a Location header as it is, and the server refuses to write anything else.
            && value.All(char.IsAscii)
            && !value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '\\' or '#')
            ? value
            : null;

    /// <summary>The return target the login form posted, when it is one; null when there is none or the form was not read.</summary>
    public static string? FromForm(HttpContext context) =>
        // Only a form the endpoint read already: reading one here could fail (too big, broken) mid-answer.
        context.Features.Get<IFormFeature>()?.Form is { } form ? Validate(form[FieldName]) : null;

    /// <summary>Where a successful browser login goes: back to the authorization request, or the home page.</summary>
    public static string TargetAfterLogin(HttpContext context) => FromForm(context) ?? "/";

    /// <summary>
    /// The origin of the authorization request's redirect URI, when it is registered for its client: the one
    /// place besides this service a form on the login page may end up (after <c>/token</c>, <c>/authorize</c>).
    /// </summary>
    public static string? RedirectOriginOf(string returnTo, IClientRegistry clients)
    {
        var query = QueryHelpers.ParseQuery(returnTo[(Prefix.Length - 1)..]);
        return query.TryGetValue("client_id", out var clientId) && clientId.Count == 1
            && query.TryGetValue("redirect_uri", out var redirectUri) && redirectUri.Count == 1
            && clients.Find(clientId.ToString()) is { } client
            && client.RedirectUris.Contains(redirectUri.ToString(), StringComparer.Ordinal)
                ? OriginOf(redirectUri.ToString())
                : null;
    }

    /// <summary><c>scheme://host[:port]</c> of a registered (absolute) redirect URI.</summary>
    public static string OriginOf(string redirectUri) => new Uri(redirectUri).GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}
