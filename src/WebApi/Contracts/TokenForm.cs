using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FastApiLearning.WebApi.Http;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>
/// The OAuth2 token request form (RFC 6749 §4.3.2 password, §6 refresh_token, §4.1.3 authorization_code) as
/// <c>POST /token</c> receives it; which fields are required depends on the grant. It binds
/// itself so that a body that is not a readable form becomes an RFC 6749 error rather than the
/// framework's bare 415 or 400. (No accepts metadata either: routing would answer 415 itself;
/// <see cref="OpenApi.TokenFormOperationFilter"/> documents the form instead.)
/// </summary>
public sealed class TokenForm
{
    public const string UrlEncoded = "application/x-www-form-urlencoded";
    public const string Multipart = "multipart/form-data";

    [JsonPropertyName("grant_type")]
    public string? GrantType { get; init; }

    /// <summary>The password grant's (and the FastAPI original's) email; no other grant sends one.</summary>
    [Description("grant_type=password (or none): the employee's email.")]
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [DataType(DataType.Password)]
    [Description("grant_type=password (or none): the password.")]
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [DataType(DataType.Password)]
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>The refresh_token grant's token (RFC 6749 §6).</summary>
    [Description("grant_type=refresh_token: the refresh token of the last answer (each is good once).")]
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>The authorization_code grant's code, redirect URI and PKCE verifier (RFC 6749 §4.1.3, RFC 7636 §4.5).</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("redirect_uri")]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("code_verifier")]
    public string? CodeVerifier { get; init; }

    /// <summary>Why the body could not be read as a form; <c>null</c> when it could.</summary>
    [JsonIgnore]
    public string? Problem { get; private init; }

    [JsonIgnore]
    public int ProblemStatus { get; private init; } = StatusCodes.Status400BadRequest;

    /// <summary>The password grant is asked for, or no grant at all (the FastAPI original's forms send none).</summary>
    [JsonIgnore]
    public bool IsPasswordGrant => string.IsNullOrEmpty(GrantType) || GrantType == PasswordGrant;

    public const string PasswordGrant = "password";
    public const string RefreshTokenGrant = "refresh_token";
    public const string AuthorizationCodeGrant = "authorization_code";

    public static async ValueTask<TokenForm> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Invalid($"The body must be a form ({UrlEncoded} or {Multipart}) with username and password.");
        }

        var (form, problem, status) = await BoundedForm.ReadAsync(context);
        if (problem is not null)
        {
            return Invalid(problem, status);
        }

        if (Repeated(form) is { } repeated)
        {
            return Invalid(repeated);
        }

        return new TokenForm
        {
            GrantType = form["grant_type"],
            Username = form["username"],
            Password = form["password"],
            Scope = form["scope"],
            ClientId = form["client_id"],
            ClientSecret = form["client_secret"],
            RefreshToken = form["refresh_token"],
            Code = form["code"],
            RedirectUri = form["redirect_uri"],
            CodeVerifier = form["code_verifier"],
        };
    }

    /// <summary>RFC 6749 §3.2: request parameters must not be included more than once. Null when none is.</summary>
    public static string? Repeated(IFormCollection form)
    {
        var repeated = form.Where(field => field.Value.Count > 1)
            .Select(field => field.Key.Length == 0 ? "(a field without a name)" : field.Key)
            .ToArray();
        return repeated.Length > 0 ? $"Each parameter may be sent once; repeated: {string.Join(", ", repeated)}." : null;
    }

    private static TokenForm Invalid(string problem, int status = StatusCodes.Status400BadRequest) =>
        new() { Problem = problem, ProblemStatus = status };
}
