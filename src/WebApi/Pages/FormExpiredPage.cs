namespace FastApiLearning.WebApi.Pages;

/// <summary>A cookie-authenticated form arrived without a valid antiforgery token, or from another site.</summary>
public static class FormExpiredPage
{
    public static IResult Result(int statusCode = StatusCodes.Status400BadRequest, string message = LoginPage.FormExpired) =>
        PageResults.Html(_ => HtmlLayout.Render("Form expired", $$"""
                <h1>Form expired</h1>
                <p class="message" role="alert">{{HtmlLayout.Encode(message)}}</p>
                <p><a href="/">Back to the home page</a></p>
            """), statusCode);
}
