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
    ITokenIssuer tokenIssuer,
    ILoginThrottle throttle,
    ILoggerFactory loggerFactory) : ICommandHandler<LoginCommand, LoginResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<LoginResult> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var username = Employee.NormalizeEmail(command.Username);

        // Counted per username whether or not it exists, so throttling tells nothing either.
        if (await throttle.CheckAsync(username, command.ClientIp, cancellationToken) is { } retryAfter)
        {
            var throttled = new LoginResult.Throttled(retryAfter);
            SecurityLog.LoginThrottled(_log, username, command.ClientIp, throttled.RetryAfterSeconds);
            return throttled;
        }

        var employee = await employees.FindByEmailAsync(username, cancellationToken);

        // An unknown user still pays for a full verification, so timing does not tell
        // a wrong password from a missing account.
        var check = await passwordHasher.VerifyAsync(
            command.Password, employee?.PasswordHash ?? passwordHasher.DummyHash, cancellationToken);

        if (employee is null || check == PasswordCheck.Failed)
        {
            await throttle.RecordFailureAsync(username, command.ClientIp, cancellationToken);
            SecurityLog.LoginFailed(_log, username, command.ClientIp);
            return LoginResult.InvalidCredentials;
        }

        await throttle.RecordSuccessAsync(username, cancellationToken);
        if (check == PasswordCheck.SucceededNeedsUpgrade)
        {
            await UpgradeHashAsync(employee, command.Password, cancellationToken);
        }

        SecurityLog.LoginSucceeded(_log, username, employee.EmpNo, command.ClientIp);
        return new LoginResult.Succeeded(tokenIssuer.Issue(employee));
    }

    /// <summary>bcrypt or weaker Argon2 becomes Argon2id at today's parameters, while the password is at hand.</summary>
    private async ValueTask UpgradeHashAsync(Employee employee, string password, CancellationToken cancellationToken)
    {
        try
        {
            var hash = await passwordHasher.HashAsync(password, cancellationToken);
            await employees.UpdatePasswordHashAsync(employee.EmpNo, hash, cancellationToken);
            SecurityLog.PasswordHashUpgraded(_log, employee.EmpNo);
        }
        catch (ServiceUnavailableException)
        {
            // The hashing queue is full: the login stands, and the next one upgrades the hash.
        }
    }
}
