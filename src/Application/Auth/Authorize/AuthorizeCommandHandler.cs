using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Authorize;

/// <summary>
/// Decides an authorization request whose client and redirect URI the validator has checked: log in first,
/// ask for consent, refuse, or issue a one-time code bound to the client, the redirect URI, the PKCE
/// challenge and the scopes (RFC 6749 §4.1, RFC 7636).
/// </summary>
public sealed class AuthorizeCommandHandler(
    IClientRegistry clients,
    IEmployeeStore employees,
    IScopeGrantStore scopeGrants,
    IAuthorizationCodeStore codes,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<AuthorizeCommand, AuthorizeResult>
{
    /// <summary>Long enough for a redirect and one token request, short enough that a leaked code is stale (RFC 6749 §4.1.2).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<AuthorizeResult> Handle(AuthorizeCommand command, CancellationToken cancellationToken)
    {
        // The validator checked both, and clients are configuration: this only guards the pipeline itself.
        if (clients.Find(command.ClientId) is not { } client || !client.RedirectUris.Contains(command.RedirectUri, StringComparer.Ordinal))
        {
            throw new InvalidOperationException("An authorization request reached its handler with an unchecked client.");
        }

        if (command.EmpNo is not { } empNo || await employees.FindByEmpNoAsync(empNo, cancellationToken) is null)
        {
            return AuthorizeResult.LoginRequired;
        }

        if (command.Consent == ConsentDecision.Denied)
        {
            return new AuthorizeResult.Denied();
        }

        var requested = Login.ScopeParameter.Parse(command.Scope);
        var held = await scopeGrants.FindGrantedScopesAsync(empNo, cancellationToken) ?? Scopes.Default;
        var granted = Grant(client, held, requested);

        // What the client may have at all follows from the request alone; what the employee holds is the
        // employee's to show. A third party learns it only once the employee has answered the consent page
        // (which lists only what would be granted, perhaps nothing), never from an invalid_scope before that.
        if (!client.FirstParty && command.Consent != ConsentDecision.Allowed && MayAskFor(client, requested))
        {
            return new AuthorizeResult.ConsentRequired(client, [.. granted.Select(Scopes.Find)]);
        }

        if (granted.Count == 0)
        {
            SecurityLog.AuthorizationScopeRefused(_log, empNo, client.ClientId, command.Scope);
            return new AuthorizeResult.ScopeRefused();
        }

        var code = TokenHandles.New();
        await codes.AddAsync(
            new AuthorizationCodeRecord(
                TokenHandles.Hash(code),
                client.ClientId,
                command.RedirectUri,
                command.CodeChallenge,
                empNo,
                granted,
                TokenHandles.NewFamilyId(),
                timeProvider.GetUtcNow() + CodeLifetime),
            cancellationToken);
        // The session was judged at the start of this request. A password set or a "log out everywhere" committed
        // since then has a cutoff older than this code, which would then outlive it: read the cutoff again now that
        // the code is stored. A cutoff committed after this read is followed by its command's second one, read
        // after its commit and so later than this code (the redemption refuses it). Each side checks after its write.
        if (command.SessionIssuedAt is { } sessionIssuedAt
            && (await employees.FindTokensValidAfterAsync(empNo, cancellationToken) is not { } validAfter || validAfter >= sessionIssuedAt))
        {
            return AuthorizeResult.LoginRequired;
        }

        SecurityLog.AuthorizationCodeIssued(_log, empNo, client.ClientId, granted);
        return new AuthorizeResult.CodeIssued(code);
    }

    /// <summary>Whether any name asked for (with no request: any at all) is one the client may be granted.</summary>
    private static bool MayAskFor(OAuthClient client, IReadOnlyList<string>? requested) =>
        requested is null ? client.AllowedScopes.Count > 0 : requested.Any(name => Scopes.Satisfy(client.AllowedScopes, name));

    /// <summary>
    /// What the code may carry: each name asked for (with no request, each the employee holds or the client may
    /// have) that both the client's allowance and the employee's grants satisfy, narrowed silently as a login is.
    /// </summary>
    private static IReadOnlyList<string> Grant(OAuthClient client, IReadOnlyList<string> held, IReadOnlyList<string>? requested)
    {
        var candidates = requested ?? [.. held, .. client.AllowedScopes];
        return Scopes.Canonical(candidates.Where(name => Scopes.Satisfy(client.AllowedScopes, name) && Scopes.Satisfy(held, name)));
    }
}
