using Mediator;

namespace FastApiLearning.Application.Auth.Login;

/// <summary>
/// An OAuth2 password-grant request (RFC 6749 §4.3.2). Missing form fields arrive as empty
/// strings; <see cref="LoginCommandValidator"/> says what is wrong with them. <paramref name="ClientIp"/>
/// is not a form field: the endpoint adds it, for throttling and the security log. So is
/// <paramref name="DeviceId"/>: a browser's device cookie for this username, when it carries a valid one.
/// </summary>
public sealed record LoginCommand(
    string Username,
    string Password,
    string? GrantType = null,
    string? Scope = null,
    string? ClientId = null,
    string? ClientSecret = null,
    string? ClientIp = null,
    string? DeviceId = null) : ICommand<LoginResult>
{
    // Never let a password reach a log line through the record's generated ToString.
    public override string ToString() => $"LoginCommand {{ Username = {Username}, ClientIp = {ClientIp} }}";
}
