using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Reads a small JSON body with the same bound as <see cref="BoundedForm"/>: a body that is too big, not JSON,
/// or has a field of the wrong type becomes a 4xx with a message (keyed by the field when one is to blame),
/// never a 500 and never a 30 MB buffer.
/// </summary>
public static class BoundedJson
{
    public const string ContentType = "application/json";

    /// <summary>The JSON field names (snake_case) come from the contract's attributes; nothing else is lenient.</summary>
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.General)
    {
        MaxDepth = 8,
    };

    /// <param name="Value">The body; null when it could not be read.</param>
    /// <param name="Problem">Why the body could not be read; null when it could.</param>
    /// <param name="Errors">The fields to blame, by their JSON names, when the body was JSON but a field was not of its type.</param>
    public sealed record Result<T>(T? Value, string? Problem = null, int Status = StatusCodes.Status200OK, IDictionary<string, string[]>? Errors = null)
        where T : class;

    public static async Task<Result<T>> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return new(null, $"The body must be JSON ({ContentType}).", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > BoundedForm.MaxBodyBytes)
        {
            return TooLarge<T>();
        }

        // A body without a length is cut off by the server at the same size, and counted here too (a test host does not bound it).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = BoundedForm.MaxBodyBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[4096];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > BoundedForm.MaxBodyBytes)
                {
                    return TooLarge<T>();
                }

                buffer.Write(chunk, 0, read);
            }

            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge<T>() : Invalid<T>("The body could not be read.");
        }
        catch (IOException)
        {
            return Invalid<T>("The body could not be read.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, s_options) is { } value
                ? new(value)
                : Invalid<T>("The body must be a JSON object.");
        }
        catch (JsonException e) when (FieldOf(e) is { } field)
        {
            return new(null, "A field has the wrong type.", StatusCodes.Status400BadRequest, new Dictionary<string, string[]>
            {
                [field] = [$"{field} must be {Expected(field)}"],
            });
        }
        catch (JsonException)
        {
            return Invalid<T>("The body is not valid JSON.");
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The top-level field (<c>$.birth_date</c>) whose value did not convert; null for JSON that is broken (the
    /// reader's own error, which the serializer wraps) or a field deeper down.
    /// </summary>
    private static string? FieldOf(JsonException exception) =>
        exception.Path is ['$', '.', .. var name] && exception.InnerException is not JsonException && IsPlainName(name) ? name : null;

    private static bool IsPlainName(string name) => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Expected(string field) =>
        field.EndsWith("_date", StringComparison.Ordinal) ? "a date (yyyy-MM-dd)" : "a string";

    private static Result<T> TooLarge<T>()
        where T : class =>
        Invalid<T>($"The body is larger than {BoundedForm.MaxBodyBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);

    private static Result<T> Invalid<T>(string problem, int status = StatusCodes.Status400BadRequest)
        where T : class =>
        new(null, problem, status);
}
