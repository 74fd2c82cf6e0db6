using System.Text;
using FastApiLearning.Application.Auth.Authorize;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.Errors;
using FastApiLearning.WebApi.Http;
using FastApiLearning.WebApi.Pages;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Primitives;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary>
/// The authorization endpoint (RFC 6749 §4.1.1, RFC 7636 S256): <c>GET /authorize</c> from the client, and
/// <c>POST /authorize</c> from the consent page. The browser logs in on the same login page as always; the
/// answer is a redirect to the client's registered redirect URI with the code (or the error), the
/// <c>state</c> exactly as sent and <c>iss</c> (RFC 9207), or a page when the redirect URI cannot be trusted.
/// </summary>
public static class AuthorizeEndpoints
{
    public const string Path = "/authorize";

    public const string AccessDenied = "access_denied";
    public const string UnsupportedResponseType = "unsupported_response_type";

    /// <summary>The request's parameters, in the order they are posted back from the consent page.</summary>
    private static readonly string[] s_parameters =
        ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"];

    public static IEndpointRouteBuilder MapAuthorizeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Authorize)
            .WithName("Authorize")
            .WithTags("auth")
            .WithSummary("Ask for an authorization code (OAuth2 authorization code flow with PKCE)")
            .WithDescription("For a browser, not an API client: registered clients send the employee here with response_type=code, "
                + "client_id, a registered redirect_uri, code_challenge and code_challenge_method=S256 (and scope, state). "
                + "Without a session the login page is shown first; clients that are not ours get a consent page. "
                + "The browser is then sent to redirect_uri with code, state and iss; the client redeems the code at POST /token "
                + "(grant_type=authorization_code, code, redirect_uri, code_verifier, client_id).")
            .Produces(StatusCodes.Status303SeeOther)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status400BadRequest, contentType: "text/html");

        // The consent page's form: it checks its antiforgery token itself (PageForms), after the cross-site check.
        app.MapPost(Path, Consent).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static Task<IResult> Authorize(HttpContext httpContext, ISender sender, Issuer issuer, CancellationToken cancellationToken) =>
        AnswerAsync(httpContext.Request.Query, ConsentDecision.NotAsked, httpContext, sender, issuer, cancellationToken);

    private static async Task<IResult> Consent(
        HttpContext httpContext,
        ISender sender,
        Issuer issuer,
        IAntiforgery antiforgery,
        CrossSiteRequests crossSite,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var (form, refusal) = await PageForms.ReadAsync(httpContext, antiforgery, crossSite, loggerFactory);
        if (form is null)
        {
            return refusal!;
        }

        var decision = form[ConsentPage.DecisionField].ToString() switch
        {
            ConsentPage.Allow => ConsentDecision.Allowed,
            ConsentPage.Deny => ConsentDecision.Denied,
            _ => ConsentDecision.NotAsked,
        };
        return await AnswerAsync(form, decision, httpContext, sender, issuer, cancellationToken);
    }

    private static async Task<IResult> AnswerAsync(
        IEnumerable<KeyValuePair<string, StringValues>> source,
        ConsentDecision decision,
        HttpContext httpContext,
        ISender sender,
        Issuer issuer,
        CancellationToken cancellationToken)
    {
        var parameters = source.Where(p => s_parameters.Contains(p.Key, StringComparer.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        // Repeated values are joined: a repeated client_id or redirect_uri then matches no registration (a page, no redirect).
        string Value(string name) => parameters.TryGetValue(name, out var value) ? value.ToString() : "";
        var repeated = parameters.Where(p => p.Value.Count > 1).Select(p => p.Key).ToList();
        string? state = parameters.TryGetValue("state", out var states) && states.Count == 1 ? states.ToString() : null;

        // Only the browser's own session logs a browser in: not a bearer token, and not any other token put
        // into the session cookie (a narrow or third-party client's token would otherwise buy a code for
        // every scope the employee holds, and a refresh family with it).
        var empNo = BrowserRequest.UsesSessionCookie(httpContext.Request)
            && TokenClaims.ClientId(httpContext.User) == AuthenticatedClient.BrowserSessionId
                ? TokenClaims.EmpNo(httpContext.User)
                : null;
        var command = new AuthorizeCommand(
            Value("client_id"),
            Value("redirect_uri"),
            Value("response_type"),
            parameters.ContainsKey("scope") ? Value("scope") : null,
            Value("code_challenge"),
            Value("code_challenge_method"),
            empNo,
            decision,
            repeated,
            empNo is null ? null : TokenClaims.IssuedAt(httpContext.User));
        var redirect = new Redirect(command.RedirectUri, state, issuer.Value);

        AuthorizeResult result;
        try
        {
            result = await sender.Send(command, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            return Invalid(ValidationExceptionHandler.ErrorsByField(invalid), command, redirect);
        }
        catch (ResourceUnavailableException unavailable)
        {
            return redirect.Error(TokenResults.TemporarilyUnavailable, unavailable.Message);
        }

        switch (result)
        {
            case AuthorizeResult.NeedsLogin:
                // The same request again after the login, rebuilt from its parameters (the consent's answer left out).
                var returnTo = Path + QueryString.Create(s_parameters
                    .Where(parameters.ContainsKey)
                    .Select(name => KeyValuePair.Create(name, (string?)parameters[name].ToString())));
                return LoginPage.Result(returnTo: returnTo.ToString());
            case AuthorizeResult.ConsentRequired consent:
                SecurityHeadersMiddleware.AllowFormAction(httpContext, AuthorizeReturn.OriginOf(command.RedirectUri));
                return ConsentPage.Result(
                    consent.Client.DisplayName,
                    consent.Scopes,
                    [.. s_parameters.Where(parameters.ContainsKey).Select(name => KeyValuePair.Create(name, parameters[name].ToString()))]);
            case AuthorizeResult.Denied denied:
                return redirect.Error(AccessDenied, denied.Message);
            case AuthorizeResult.ScopeRefused refused:
                return redirect.Error(TokenResults.InvalidScope, refused.Message);
            case AuthorizeResult.CodeIssued issued:
                return redirect.With(("code", issued.Code));
            default:
                throw new InvalidOperationException($"Unhandled authorization result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// A refused request: shown on a page when the client or its redirect URI is in doubt (never redirected
    /// there), otherwise sent to the registered redirect URI with RFC 6749 §4.1.2.1's error code.
    /// </summary>
    private static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, AuthorizeCommand command, Redirect redirect)
    {
        if (errors.ContainsKey(AuthorizeCommandValidator.ClientField) || errors.ContainsKey(AuthorizeCommandValidator.RedirectField))
        {
            var shown = errors.Where(e => e.Key is AuthorizeCommandValidator.ClientField or AuthorizeCommandValidator.RedirectField);
            return AuthorizeErrorPage.Result(string.Join("; ", shown.SelectMany(e => e.Value)));
        }

        var error = errors.Keys.All(field => field == AuthorizeCommandValidator.ScopeField) ? TokenResults.InvalidScope
            : errors.Keys.All(field => field == AuthorizeCommandValidator.ResponseTypeField) && command.ResponseType.Length > 0 ? UnsupportedResponseType
            : TokenResults.InvalidRequest;
        return redirect.Error(error, string.Join("; ", errors.Values.SelectMany(messages => messages)));
    }

    /// <summary>The way back to a registered redirect URI, with the request's state and our issuer on every answer.</summary>
    private sealed record Redirect(string Uri, string? State, string Issuer)
    {
        public IResult Error(string error, string description) => With(("error", error), ("error_description", description));

        public IResult With(params (string Name, string Value)[] parameters)
        {
            var location = new StringBuilder(Uri).Append(Uri.Contains('?', StringComparison.Ordinal) ? '&' : '?');
            var all = parameters.Append(("state", State!)).Append(("iss", Issuer)).Where(p => p.Item2 is not null);
            location.AppendJoin('&', all.Select(p => $"{System.Uri.EscapeDataString(p.Item1)}={System.Uri.EscapeDataString(p.Item2)}"));
            return PageResults.SeeOther(location.ToString());
        }
    }
}
