using System.Net;
using System.Text;
using FastApiLearning.Application.Auth.Clients;
using Microsoft.Net.Http.Headers;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// The client credentials of a request to <c>/token</c>, <c>/revoke</c> or <c>/introspect</c> (RFC 6749 §2.3.1):
/// HTTP Basic (<c>client_id:client_secret</c>, each form-encoded, then base64), or <c>client_id</c> and
/// <c>client_secret</c> in the form; never both ways at once. Basic with an empty secret is a public client
/// naming itself, as Duende's client sends it.
/// </summary>
public static class RequestClientCredentials
{
    /// <param name="Problem">Why the credentials cannot be read; null when they could (or there were none).</param>
    /// <param name="Unreadable">The Basic header itself is broken: <c>invalid_client</c> (401) rather than <c>invalid_request</c>.</param>
    public sealed record Result(ClientCredentials Credentials, string? Problem = null, bool Unreadable = false);

    public static Result Read(HttpRequest request, string? formClientId, string? formSecret)
    {
        var authorization = request.Headers[HeaderNames.Authorization];
        if (authorization.Count == 0 || !authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            // A bearer token at these endpoints authenticates no client: it is not looked at.
            return new Result(new ClientCredentials(formClientId, formSecret));
        }

        if (authorization.Count > 1 || Decode(authorization.ToString()["Basic ".Length..].Trim()) is not { } basic)
        {
            return new Result(ClientCredentials.None, "The Authorization header's client credentials could not be read.", Unreadable: true);
        }

        // RFC 6749 §2.3: one authentication method per request.
        if (!string.IsNullOrEmpty(formSecret))
        {
            return new Result(ClientCredentials.None, "Send the client's credentials in the Authorization header or in the form, not both.");
        }

        if (!string.IsNullOrEmpty(formClientId) && formClientId != basic.ClientId)
        {
            return new Result(ClientCredentials.None, "client_id in the form is not the one in the Authorization header.");
        }

        return new Result(new ClientCredentials(basic.ClientId, basic.Secret));
    }

    private static (string ClientId, string Secret)? Decode(string encoded)
    {
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (WebUtility.UrlDecode(text[..colon]), WebUtility.UrlDecode(text[(colon + 1)..]));
    }
}
