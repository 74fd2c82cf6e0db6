using System.Security.Cryptography;
using FastApiLearning.Domain.Employees;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// OWASP's "device cookie": a browser that has logged in to an account carries proof of it, bound to
/// that username and protected by Data Protection (so neither readable nor forgeable). Its login
/// attempts then count on an allowance of their own, which strangers' failures on the same
/// username cannot use up: nobody can lock an owner out of a browser they have used before. Set
/// only by the browser branch of <c>/token</c>; one account per browser (the last one logged in).
/// </summary>
public sealed class DeviceCookie(IDataProtectionProvider dataProtection, TimeProvider timeProvider)
{
    public const string Name = "fal_device";
    public const string SecureName = "__Host-" + Name;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("FastApiLearning.DeviceCookie.v1").ToTimeLimitedDataProtector();

    /// <summary>The device's id when the browser carries a valid cookie for this username; otherwise <c>null</c>.</summary>
    public string? DeviceIdFor(HttpRequest request, string? username)
    {
        if (string.IsNullOrEmpty(username) || request.Cookies[NameFor(request)] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(cookie);
            var separator = payload.IndexOf('\n', StringComparison.Ordinal);
            return separator > 0 && payload[..separator] == Employee.NormalizeEmail(username) ? payload[(separator + 1)..] : null;
        }
        catch (CryptographicException)
        {
            // Tampered with, expired, or made with a key this service no longer has: an unknown device.
            return null;
        }
    }

    /// <summary>After a successful browser login: keeps the device's id, or gives it one.</summary>
    public void Append(HttpResponse response, string username, string? deviceId)
    {
        deviceId ??= WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var expires = timeProvider.GetUtcNow() + Lifetime;
        var value = _protector.Protect($"{Employee.NormalizeEmail(username)}\n{deviceId}", expires);
        var request = response.HttpContext.Request;
        response.Cookies.Append(NameFor(request), value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Secure = request.IsHttps,
            Expires = expires,
            IsEssential = true,
        });
    }

    private static string NameFor(HttpRequest request) => request.IsHttps ? SecureName : Name;
}
