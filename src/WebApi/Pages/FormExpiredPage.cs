namespace FastApiLearning.WebApi.Pages;

/// <summary>A cookie-authenticated form arrived without a valid antiforgery token.</summary>
public static class FormExpiredPage
{
    public static IResult Result() =>
        PageResults.Html(_ => HtmlLayout.Render("Form expired", $$"""
                <h1>Form expired</h1>
                <p class="message" role="alert">{{HtmlLayout.Encode(LoginPage.FormExpired)}}</p>
                <p><a href="/">Back to the home page</a></p>
            """), StatusCodes.Status400BadRequest);
}
