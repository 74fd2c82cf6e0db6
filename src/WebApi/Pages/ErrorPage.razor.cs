using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>A page that could not be shown: not allowed (403) or not there (404).</summary>
public sealed partial class ErrorPage
{
    public const string ForbiddenHeading = "Not allowed";
    public const string NotFoundHeading = "Not found";
    public const string NoSuchEmployee = "There is no employee with this number.";

    /// <summary>The 403 page: the session's scopes do not allow what was asked.</summary>
    /// <param name="scope">The scope that was needed (a known name, never anything from the request).</param>
    public static IResult Forbidden(string scope) =>
        Result(StatusCodes.Status403Forbidden, ForbiddenHeading, ForbiddenMessage(scope));

    public static IResult NotFound(string message = NoSuchEmployee) =>
        Result(StatusCodes.Status404NotFound, NotFoundHeading, message);

    public static string ForbiddenMessage(string scope) =>
        $"Your account is not allowed to do this: it needs the {scope} permission.";

    private static IResult Result(int statusCode, string heading, string message) =>
        PageResults.Page<ErrorPage>(
            new Dictionary<string, object?> { [nameof(Heading)] = heading, [nameof(Message)] = message },
            statusCode);

    [Parameter, EditorRequired]
    public string Heading { get; set; } = "";

    [Parameter, EditorRequired]
    public string Message { get; set; } = "";
}
