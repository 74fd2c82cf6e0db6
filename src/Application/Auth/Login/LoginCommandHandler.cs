using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Login;

public sealed class LoginCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    TokenSessions sessions,
    SessionRevocation sessionRevocation,
    ILoginThrottle throttle,
    IScopeGrantStore scopeGrants,
    IClientRegistry clients,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<LoginCommand, LoginResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<LoginResult> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var username = Employee.NormalizeEmail(command.Username);

        // The client first: a confidential client's bad secret costs no attempt of the account, and no hash.
        var client = command.BrowserSession
            ? AuthenticatedClient.BrowserSession
            : ClientAuthentication.Authenticate(clients, command.Client ?? ClientCredentials.None);
        if (client is null)
        {
            SecurityLog.ClientAuthenticationFailed(_log, command.Client?.ClientId, "/token", command.ClientIp);
            return LoginResult.ClientRefused;
        }

        var attempt = new LoginAttempt(username, command.ClientIp, command.DeviceId);

        // Counted per username whether or not it exists, so throttling tells nothing either; and
        // counted before the password is checked, so a burst cannot check more than the allowance.
        if (await throttle.TryBeginAsync(attempt, cancellationToken) is { } retryAfter)
        {
            var throttled = new LoginResult.Throttled(retryAfter);
            SecurityLog.LoginThrottled(_log, username, command.ClientIp, throttled.RetryAfterSeconds);
            return throttled;
        }

        Employee? employee;
        PasswordCheck check;
        try
        {
            employee = await employees.FindByEmailAsync(username, cancellationToken);

            // An unknown user, or one without a password, still pays for a full verification, so
            // timing does not tell a wrong password from a missing account.
            check = employee is { HasPassword: true }
                ? await passwordHasher.VerifyAsync(command.Password, employee.PasswordHash, cancellationToken)
                : await DummyVerifyAsync(command.Password, cancellationToken);
        }
        catch (ResourceUnavailableException)
        {
            // Nothing checked the password (a full hashing queue, a store out of reach): not a guess.
            await throttle.AbandonAsync(attempt, CancellationToken.None);
            throw;
        }

        if (employee is null || check == PasswordCheck.Failed)
        {
            // The attempt stays counted: that is the failure.
            SecurityLog.LoginFailed(_log, username, command.ClientIp);
            return LoginResult.InvalidCredentials;
        }

        await throttle.SucceededAsync(attempt, cancellationToken);
        var verifiedHash = employee.PasswordHash;
        if (check == PasswordCheck.SucceededNeedsUpgrade)
        {
            verifiedHash = await UpgradeHashAsync(employee, command.Password, cancellationToken) ?? verifiedHash;
        }
        else if (check == PasswordCheck.SucceededLegacyHashKept)
        {
            // Not upgraded: this password may be an impostor's that shares bcrypt's 72 bytes with the owner's.
            SecurityLog.LegacyHashKept(_log, employee.EmpNo);
        }

        // Before the grants are read: what a password set, a grant changed or a "log out everywhere" committed
        // after this read shows as a different cutoff once the session is stored (below); a password set committed
        // before it shows as another hash there. Only after the password check, so that an unknown email and a
        // known one cost the same reads until then (no telling them apart by timing).
        var cutoff = await employees.FindTokensValidAfterAsync(employee.EmpNo, cancellationToken);

        // Only now, with the password right: what an account holds is nobody else's business, so a
        // grant-dependent refusal must not be reachable without the password.
        var held = await scopeGrants.FindGrantedScopesAsync(employee.EmpNo, cancellationToken) ?? Scopes.Default;
        // A registered client gets no more than it is registered for, whoever logs in through it: its tokens
        // carry its client_id, and a resource server may trust that pair (the code flow caps them the same way).
        if (!client.IsAnonymous
            && clients.Find(client.ClientId) is { } registered
            && !held.All(scope => Scopes.Satisfy(registered.AllowedScopes, scope)))
        {
            held = ScopeParameter.Grant(held, registered.AllowedScopes);
        }

        var requested = ScopeParameter.Parse(command.Scope);
        var granted = ScopeParameter.Grant(held, requested);
        if (requested is not null && granted.Count == 0)
        {
            SecurityLog.LoginScopeRefused(_log, username, employee.EmpNo, command.ClientIp, command.Scope);
            return new LoginResult.ScopeRefused();
        }

        // Null: the employee was removed a moment ago, after it was read.
        if (await sessions.StartAsync(employee, granted, client.ClientId, familyId: null, cancellationToken) is not { } issued)
        {
            SecurityLog.LoginFailed(_log, username, command.ClientIp);
            return LoginResult.InvalidCredentials;
        }

        // A password set (or grants changed, or a "log out everywhere") racing this login: it may have committed
        // after the reads above, with a cutoff read before this session started, which would then outlive it.
        // Read again now that the session is stored: a change committed before this read ends it here; one
        // committed after it is followed by that command's second cutoff, read after its commit and so after
        // this session's start. Each side checks after its own write, so no order lets the session survive.
        if (!await StillStandsAsync(employee, cutoff, verifiedHash, command.Password, cancellationToken))
        {
            await sessionRevocation.EndAsync(issued.FamilyId, timeProvider.GetUtcNow(), CancellationToken.None);
            SecurityLog.LoginFailed(_log, username, command.ClientIp);
            return LoginResult.InvalidCredentials;
        }

        SecurityLog.LoginSucceeded(_log, username, employee.EmpNo, command.ClientIp);
        return new LoginResult.Succeeded(issued);
    }

    /// <summary>
    /// Whether nothing voided the login while it ran: the cutoff is still the one read before the grants, and the
    /// password still the one verified. The cutoff alone would miss a password set committed between the
    /// employee's read and the cutoff's (the emp_no, and so the cutoff, is only known from that read).
    /// </summary>
    private async ValueTask<bool> StillStandsAsync(
        Employee employee, DateTimeOffset? cutoff, string verifiedHash, string password, CancellationToken cancellationToken)
    {
        // By email, as the login read it: lookups by emp_no may come from this instance's memory of profiles.
        if (await employees.FindTokensValidAfterAsync(employee.EmpNo, cancellationToken) != cutoff
            || await employees.FindByEmailAsync(employee.Email, cancellationToken) is not { HasPassword: true } current
            || current.EmpNo != employee.EmpNo)
        {
            return false;
        }

        // Another login's upgrade, or the wrapping of legacy hashes, stores another hash of the same password:
        // one more verification, only then, tells that from a new password.
        return current.PasswordHash == verifiedHash
            || await passwordHasher.VerifyAsync(password, current.PasswordHash, cancellationToken) != PasswordCheck.Failed;
    }

    private async ValueTask<PasswordCheck> DummyVerifyAsync(string password, CancellationToken cancellationToken)
    {
        await passwordHasher.VerifyAsync(password, passwordHasher.DummyHash, cancellationToken);
        return PasswordCheck.Failed;
    }

    /// <summary>bcrypt or weaker Argon2 becomes Argon2id at today's parameters, while the password is at hand.</summary>
    /// <returns>The hash stored now, when this login replaced it; otherwise null.</returns>
    private async ValueTask<string?> UpgradeHashAsync(Employee employee, string password, CancellationToken cancellationToken)
    {
        try
        {
            var hash = await passwordHasher.HashAsync(password, cancellationToken);
            // Only over the hash this login verified: of two logins racing to upgrade, one writes and
            // the other's hash (of the same password) is dropped, and both logins stand.
            if (await employees.ReplacePasswordHashAsync(employee.EmpNo, employee.PasswordHash, hash, cancellationToken))
            {
                SecurityLog.PasswordHashUpgraded(_log, employee.EmpNo);
                return hash;
            }
        }
        catch (ResourceUnavailableException)
        {
            // The hashing queue is full: the login stands, and the next one upgrades the hash.
        }

        return null;
    }
}
