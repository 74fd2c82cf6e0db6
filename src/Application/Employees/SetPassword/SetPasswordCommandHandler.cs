using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.SetPassword;

public sealed class SetPasswordCommandHandler(
    IEmployeeStore employees,
    IPasswordHasher passwordHasher,
    IRevocationStore revocations,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<SetPasswordCommand, bool>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<bool> Handle(SetPasswordCommand command, CancellationToken cancellationToken)
    {
        if (await employees.FindByEmailAsync(Employee.NormalizeEmail(command.Email), cancellationToken) is not { } employee)
        {
            return false;
        }

        var hash = await passwordHasher.HashAsync(command.Password, cancellationToken);
        var now = timeProvider.GetUtcNow();

        // The hash and the cutoff in one write: every instance reads the cutoff on each request, so
        // tokens issued up to now are refused even though this may run in another process.
        if (!await employees.SetPasswordHashAsync(employee.EmpNo, hash, now, cancellationToken))
        {
            return false; // removed since it was found
        }

        // Logged once the database holds it: if the revocation store fails next, the password has still changed.
        SecurityLog.PasswordSet(_log, employee.Email, employee.EmpNo);

        // The database once more, with an instant read after that write: without Redis (the CLI, another process)
        // the revocation store below reaches nobody else, and a token a refresh or login minted between `now` and
        // the commit would survive the database's cutoff. One minting after this instant re-reads the cutoff after
        // its own write and ends itself: each side checks after its own write. The cutoff only moves forward.
        var written = timeProvider.GetUtcNow();
        await employees.SetTokensValidAfterAsync(employee.EmpNo, written, cancellationToken);

        // A shared revocation store (Redis) tells every instance at once, past any cache of the cutoff.
        await revocations.RevokeAllAsync(employee.EmpNo.ToString(CultureInfo.InvariantCulture), written, cancellationToken);
        return true;
    }
}
