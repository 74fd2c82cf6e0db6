using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>A cookie-authenticated form arrived without a valid antiforgery token, or from another site.</summary>
public sealed partial class FormExpiredPage
{
    public static IResult Result(int statusCode = StatusCodes.Status400BadRequest, string message = LoginPage.FormExpired) =>
        PageResults.Page<FormExpiredPage>(new Dictionary<string, object?> { [nameof(Message)] = message }, statusCode);

    [Parameter, EditorRequired]
    public string Message { get; set; } = "";
}
