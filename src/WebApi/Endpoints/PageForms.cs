using FastApiLearning.Application.Common.Logging;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// The defences every page form that changes something passes before its fields are read: not from
/// another site (<see cref="CrossSiteRequests"/>), a form of bounded size, and the antiforgery token the
/// page rendered into it. Logout does the same in <see cref="AuthEndpoints"/>.
/// </summary>
public static class PageForms
{
    public const string CrossSite = "This form was sent from another site and has been refused. Nothing was changed.";

    /// <returns>The form, or the answer that refuses it (and nothing else).</returns>
    public static async Task<(IFormCollection? Form, IResult? Refusal)> ReadAsync(
        HttpContext httpContext, IAntiforgery antiforgery, CrossSiteRequests crossSite, ILoggerFactory loggerFactory)
    {
        var request = httpContext.Request;
        if (crossSite.IsCrossSite(request))
        {
            SecurityLog.CrossSiteRequestRefused(
                loggerFactory.CreateLogger(SecurityLog.Category),
                request.Path,
                ClientAddress.Of(httpContext),
                request.Headers.Origin.ToString(),
                request.Headers["Sec-Fetch-Site"].ToString());
            return (null, FormExpiredPage.Result(StatusCodes.Status403Forbidden, CrossSite));
        }

        var (form, problem, _) = await BoundedForm.ReadAsync(httpContext);
        if (problem is not null || !await BrowserRequest.HasValidAntiforgeryTokenAsync(antiforgery, httpContext))
        {
            return (null, FormExpiredPage.Result());
        }

        return (form, null);
    }
}
