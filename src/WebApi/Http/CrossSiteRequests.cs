using FastApiLearning.Application.Common.Ports;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Tells a request another site made a browser send. A page elsewhere can post a password form to
/// <c>/token</c> without a preflight (<c>fetch(…, {mode: 'no-cors'})</c>) from each of its visitors'
/// browsers, and so move an account's failure count from addresses no per-IP limit sees. Browsers
/// say where such a request comes from: <c>Sec-Fetch-Site: cross-site</c>, and an <c>Origin</c> that
/// is not ours. curl and server-side clients send neither and are not affected. A registered OAuth2
/// client's own pages redeem codes and refresh from their origin (with CORS): those grants are theirs.
/// </summary>
public sealed class CrossSiteRequests(IOptions<OriginOptions> options, IClientRegistry clients)
{
    private readonly string? _publicOrigin = Normalize(options.Value.PublicOrigin);
    private readonly HashSet<string> _allowed = [.. options.Value.AllowedOrigins.Select(Normalize).OfType<string>()];

    public bool IsCrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // "null" (a sandboxed frame, a redirect across sites) and anything unreadable are foreign too.
        return Normalize(origin) is not { } normalized
            || (normalized != (_publicOrigin ?? Normalize($"{request.Scheme}://{request.Host}")) && !_allowed.Contains(normalized));
    }

    /// <summary>
    /// For the grants a registered browser client makes from its own origin (the authorization code, the
    /// refresh token): cross-site, unless it comes from a registered client's origin. The password grant
    /// stays <see cref="IsCrossSite"/>'s: another site must not post passwords.
    /// </summary>
    public bool IsCrossSiteForClientGrant(HttpRequest request) =>
        IsCrossSite(request) && !(Normalize(request.Headers.Origin.ToString()) is { } origin && clients.IsClientOrigin(origin));

    /// <summary><c>scheme://host[:port]</c> in lower case with the default port left out; <c>null</c> if it is no http(s) origin.</summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
