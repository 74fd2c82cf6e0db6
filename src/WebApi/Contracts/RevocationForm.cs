using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FastApiLearning.WebApi.Http;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>
/// The form of <c>POST /revoke</c> (RFC 7009 §2.1) and <c>POST /introspect</c> (RFC 7662 §2.1), which ask the same:
/// a token and a hint of its kind, with the client's credentials (or Basic authentication). It binds itself, as
/// <see cref="TokenForm"/> does, so that a body that is no readable form is an RFC 6749 error.
/// </summary>
public sealed class RevocationForm
{
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    /// <summary><c>access_token</c> or <c>refresh_token</c>: which kind to look for first.</summary>
    [JsonPropertyName("token_type_hint")]
    public string? TokenTypeHint { get; init; }

    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    [DataType(DataType.Password)]
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>Why the body could not be read as a form; <c>null</c> when it could.</summary>
    [JsonIgnore]
    public string? Problem { get; private init; }

    [JsonIgnore]
    public int ProblemStatus { get; private init; } = StatusCodes.Status400BadRequest;

    public static async ValueTask<RevocationForm> BindAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Invalid($"The body must be a form ({TokenForm.UrlEncoded}) with token.");
        }

        var (form, problem, status) = await BoundedForm.ReadAsync(context);
        if (problem is not null)
        {
            return Invalid(problem, status);
        }

        if (TokenForm.Repeated(form) is { } repeated)
        {
            return Invalid(repeated);
        }

        return new RevocationForm
        {
            Token = form["token"],
            TokenTypeHint = form["token_type_hint"],
            ClientId = form["client_id"],
            ClientSecret = form["client_secret"],
        };
    }

    private static RevocationForm Invalid(string problem, int status = StatusCodes.Status400BadRequest) =>
        new() { Problem = problem, ProblemStatus = status };
}
