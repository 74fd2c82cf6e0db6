using Microsoft.AspNetCore.Http.Features;

namespace FastApiLearning.WebApi.Http;

/// <summary>
/// Reads a small form with tight limits, for every endpoint that takes one: a body that is too big,
/// broken or in a charset .NET refuses becomes a 4xx with a message, never a 500 and never a
/// 30 MB buffer. The form is then cached on the request, so antiforgery reads the same one.
/// </summary>
public static class BoundedForm
{
    /// <summary>A login or logout form is a few hundred bytes; anything this big is not one.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public const int MaxFields = 32;

    public const int MaxFieldNameLength = 256;

    private static readonly FormOptions s_limits = new()
    {
        BufferBodyLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
        ValueLengthLimit = MaxBodyBytes,
        KeyLengthLimit = MaxFieldNameLength,
        ValueCountLimit = MaxFields,
    };

    /// <param name="Problem">Why the form could not be read; <c>null</c> when it could.</param>
    public sealed record Result(IFormCollection Form, string? Problem = null, int Status = StatusCodes.Status200OK);

    /// <summary>Reads the body as a form; a request without a form body has an empty one.</summary>
    public static async Task<Result> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return new Result(FormCollection.Empty);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        // A body without a length is cut off by the server at the same size (Kestrel answers 413).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            return new Result(await request.ReadFormAsync(s_limits, context.RequestAborted));
        }
        catch (BadHttpRequestException e)
        {
            return e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : Invalid("The form could not be read.");
        }
        catch (InvalidDataException e)
        {
            // The form reader names the limit of s_limits that was passed.
            return e.Message switch
            {
                var m when m.Contains("count", StringComparison.OrdinalIgnoreCase) => Invalid($"The form has more than {MaxFields} fields."),
                var m when m.Contains("limit", StringComparison.OrdinalIgnoreCase) => TooLarge(),
                _ => Invalid("The form could not be read."),
            };
        }
        catch (IOException)
        {
            return Invalid("The form could not be read.");
        }
        catch (NotSupportedException)
        {
            // A charset .NET refuses to decode, such as UTF-7.
            return Invalid("The form's charset is not supported; send it as UTF-8.");
        }
    }

    private static Result TooLarge() =>
        Invalid($"The form is larger than {MaxBodyBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);

    private static Result Invalid(string problem, int status = StatusCodes.Status400BadRequest) =>
        new(FormCollection.Empty, problem, status);
}
