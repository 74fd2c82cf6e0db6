using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.WebApi.Http;
using FluentValidation;
using Mediator;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// The browser session refreshing itself, server-side: a request whose access cookie has expired (or gone, as the
/// browser drops it at its expiry) but which carries the refresh cookie gets a new access token before it is
/// authenticated, and the response sets both cookies. Nothing of it is readable by a script. The browser's
/// parallel requests with the same cookies are the refresh handler's grace (<see cref="RefreshCommand.BrowserSession"/>).
/// </summary>
public sealed class BrowserSession(ISender sender, TimeProvider timeProvider)
{
    /// <summary>The access token this request is authenticated with: the session cookie's, or a refreshed one.</summary>
    public async Task<string?> AccessTokenAsync(HttpContext context)
    {
        var request = context.Request;
        var access = SessionCookie.Read(request);
        if ((access is { Length: > 0 } && !HasExpired(access)) || RefreshCookie.Read(request) is not { Length: > 0 } refreshToken)
        {
            return access;
        }

        RefreshResult result;
        try
        {
            result = await sender.Send(
                new RefreshCommand(refreshToken, ClientIp: ClientAddress.Of(context), BrowserSession: true), context.RequestAborted);
        }
        catch (ValidationException)
        {
            // A cookie no refresh token could be (too long): not ours.
            result = RefreshResult.InvalidToken;
        }

        switch (result)
        {
            case RefreshResult.Succeeded rotated:
                SessionCookie.Start(context.Response, rotated.Tokens);
                return rotated.Tokens.Access.Value;
            case RefreshResult.Reissued reissued:
                // Another request of this session took the successor and sets it; this one must not clear it.
                SessionCookie.Append(context.Response, reissued.Access);
                return reissued.Access.Value;
            case RefreshResult.Throttled:
                return access;
            default:
                // Dead for good: the browser need not send it again. The request goes on as it came.
                RefreshCookie.Delete(context.Response);
                return access;
        }
    }

    /// <summary>
    /// Past its <c>exp</c> by this service's clock (unvalidated: validation follows). A cookie that is no JWT at all
    /// is left to validation to refuse.
    /// </summary>
    private bool HasExpired(string token)
    {
        try
        {
            var jwt = new JsonWebToken(token);
            return jwt.ValidTo != DateTime.MinValue && new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) <= timeProvider.GetUtcNow();
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }
    }
}
