using System.Net.Http.Headers;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Who a client at the token endpoint says it is (RFC 6749 §2.3.1): HTTP Basic with the URL-encoded id and
/// secret, or <c>client_id</c> (and <c>client_secret</c>) in the form. A public client sends only its id, in
/// the form or in Basic with an empty secret (as Duende's client does).
/// </summary>
/// <param name="UsedBasic">The credentials came in an Authorization header: a refusal must then challenge for Basic.</param>
/// <param name="Problem">Why the credentials could not be read (two methods at once, a broken header); null when they could.</param>
public sealed record ClientCredentials(string ClientId, string? Secret, bool UsedBasic, string? Problem = null)
{
    public static ClientCredentials From(HttpRequest request, string? formClientId, string? formSecret)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.Length == 0)
        {
            return new ClientCredentials(formClientId ?? "", formSecret, UsedBasic: false);
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || !TryDecode(header.Parameter, out var id, out var secret))
        {
            return new ClientCredentials("", null, UsedBasic: true, "The Authorization header must be HTTP Basic with the client's id and secret");
        }

        // §2.3.1: the client must not use more than one authentication method in a request.
        if (!string.IsNullOrEmpty(formSecret) || (!string.IsNullOrEmpty(formClientId) && formClientId != id))
        {
            return new ClientCredentials("", null, UsedBasic: true, "Send the client's credentials once: in the Authorization header or in the form, not both");
        }

        return new ClientCredentials(id, secret, UsedBasic: true);
    }

    private static bool TryDecode(string? parameter, out string id, out string secret)
    {
        id = secret = "";
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return id.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
